"""A challenge through the running lab: create → baseline trained and scored by
the scoring worker → a team trains in the challenge, submits → leaderboard.

The real processes of ``archilab up`` (``lab_stack``): gateway, training worker,
scoring worker, Redis and the SQLite job store.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import LabStack
from tests.integration.test_training_jobs_stack import create_team_key

pytestmark = pytest.mark.integration

CHALLENGES = "/api/v1/challenges"
JOBS = "/api/v1/training-jobs"
TIMEOUT_SECONDS = 300
# Better than the baseline: a lower rate, one quick epoch.
TEAM_JOB = {
    "task": "image-classification",
    "dataset": "mnist-5k",
    "architecture": "dense",
    "learning_rate": 0.003,
    "epochs": 2,
    "batch_size": 64,
}


@pytest.fixture(scope="module")
def api(lab_stack: LabStack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=lab_stack.base_url, timeout=30) as client:
        yield client


def wait_for(read: Any, done: Any, what: str) -> Any:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        value = read()
        if done(value):
            return value
        time.sleep(1)
    raise AssertionError(f"{what} not done within {TIMEOUT_SECONDS} s: {value}")


def test_create_baseline_scored_team_submits_leaderboard(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    admin = lab_stack.admin_headers()
    team = create_team_key(lab_stack, "rouge")
    created = api.post(
        CHALLENGES, json={"template": "chiffres-dense", "seed": 7}, headers=admin
    )
    assert created.status_code == 201, created.text
    challenge_id = created.json()["id"]
    assert api.post(f"{CHALLENGES}/{challenge_id}/open", headers=admin).is_success

    baseline = wait_for(
        lambda: api.get(f"{CHALLENGES}/{challenge_id}", headers=admin).json()[
            "baseline"
        ],
        lambda row: row is not None and row["status"] != "queued",
        "baseline scoring",
    )
    job = api.post(
        JOBS, json={**TEAM_JOB, "challenge_id": challenge_id}, headers=team
    ).json()
    finished = wait_for(
        lambda: api.get(f"{JOBS}/{job['id']}", headers=team).json(),
        lambda value: value["status"] in ("succeeded", "failed", "cancelled"),
        "team job",
    )
    submitted = api.post(
        f"{CHALLENGES}/{challenge_id}/submissions",
        json={"job_id": job["id"], "note": "taux d'apprentissage plus bas"},
        headers=team,
    )
    scored = wait_for(
        lambda: api.get(f"{CHALLENGES}/{challenge_id}", headers=team).json()[
            "submissions"
        ],
        lambda rows: rows and rows[0]["status"] != "queued",
        "team scoring",
    )
    board = api.get(f"{CHALLENGES}/{challenge_id}/leaderboard", headers=team).json()

    assert baseline["status"] == "scored", baseline
    assert 0.5 < baseline["public_score"] < 0.95
    assert baseline["private_score"] is None  # not before the reveal
    assert finished["status"] == "succeeded", finished
    assert finished["model_version"] is not None
    assert submitted.status_code == 202, submitted.text
    assert scored[0]["status"] == "scored", scored
    assert board["baseline"]["rank"] is None
    assert [row["team"] for row in board["rows"]] == ["rouge"]
    row = board["rows"][0]
    assert row["rank"] == 1 and row["submissions_used"] == 1
    assert row["delta_points"] == pytest.approx(
        (row["public_score"] - board["baseline"]["public_score"]) * 100, abs=0.11
    )
    assert api.get(f"{JOBS}/{job['id']}").status_code == 401


# A weak job: a tiny learning rate for a dozen steps stays far below TEAM_JOB.
WEAK_JOB = {**TEAM_JOB, "learning_rate": 0.00005, "epochs": 1, "batch_size": 256}
QUICK_JOB = {**TEAM_JOB, "epochs": 1}


def test_two_teams_fair_queue_quota_ladder_freeze_and_reveal(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    admin = lab_stack.admin_headers()
    vert, bleu = create_team_key(lab_stack, "vert"), create_team_key(lab_stack, "bleu")
    created = api.post(
        CHALLENGES,
        json={"template": "chiffres-dense", "seed": 11, "quota": 2},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    challenge_id = created.json()["id"]
    base = f"{CHALLENGES}/{challenge_id}"
    assert api.post(f"{base}/open", headers=admin).is_success

    def launch(spec: dict[str, Any], key: dict[str, str]) -> dict[str, Any]:
        job = api.post(JOBS, json={**spec, "challenge_id": challenge_id}, headers=key)
        assert job.status_code == 202, job.text
        return dict(job.json())

    def finish(job: dict[str, Any], key: dict[str, str]) -> dict[str, Any]:
        return dict(
            wait_for(
                lambda: api.get(f"{JOBS}/{job['id']}", headers=key).json(),
                lambda value: value["status"] in ("succeeded", "failed", "cancelled"),
                f"job {job['id']}",
            )
        )

    def submit(job: dict[str, Any], key: dict[str, str]) -> httpx.Response:
        return api.post(
            f"{base}/submissions", json={"job_id": job["id"], "note": "essai"},
            headers=key,
        )  # fmt: skip

    def scored(key: dict[str, str], count: int) -> list[dict[str, Any]]:
        return list(
            wait_for(
                lambda: api.get(base, headers=key).json()["submissions"],
                lambda rows: (
                    len(rows) == count
                    and all(row["status"] != "queued" for row in rows)
                ),
                "scoring",
            )
        )

    # The baseline trains on the one worker slot: these three wait behind it.
    good, weak, blue = (
        launch(QUICK_JOB, vert),
        launch(WEAK_JOB, vert),
        launch(QUICK_JOB, bleu),
    )
    places = {
        name: api.get(f"{JOBS}/{job['id']}", headers=key).json()["queue_position"]
        for name, job, key in (("weak", weak, vert), ("blue", blue, bleu))
    }
    good, weak = finish(good, vert), finish(weak, vert)
    third = launch(QUICK_JOB, vert)  # for the quota: a job not submitted yet
    blue = finish(blue, bleu)
    first = submit(good, vert)
    after_first = scored(vert, 1)
    second = submit(weak, vert)
    after_second = scored(vert, 2)
    # Raw public scores are for the teacher before the reveal (the ladder).
    raw = {
        row["job_id"]: row["public_score"]
        for row in api.get(base, headers=admin).json()["submissions"]
    }
    over_quota = submit(finish(third, vert), vert)
    blue_submitted = submit(blue, bleu)
    scored(bleu, 1)
    before_freeze = api.get(f"{base}/leaderboard", headers=admin).json()
    assert api.post(f"{base}/freeze", headers=admin).is_success
    frozen = submit(blue, bleu)
    assert api.post(f"{base}/reveal", headers=admin).is_success
    revealed = api.get(f"{base}/leaderboard", headers=bleu).json()

    # Fair queue: bleu's job, sent after vert's second, started before it.
    assert places["blue"] is not None and places["weak"] is not None
    assert places["blue"] < places["weak"]
    assert blue["started_at"] < weak["started_at"]
    assert {good["status"], weak["status"], blue["status"]} == {"succeeded"}
    # Ladder: the weaker second submission leaves the shown score where it was.
    assert first.status_code == second.status_code == 202
    shown = after_first[0]["shown_public_score"]
    weaker = next(row for row in after_second if row["job_id"] == weak["id"])
    assert raw[weak["id"]] < raw[good["id"]]
    assert weaker["shown_public_score"] == shown
    assert weaker["public_score"] is None  # a team sees only the shown score
    vert_row = next(row for row in before_freeze["rows"] if row["team"] == "vert")
    assert vert_row["public_score"] == shown
    assert vert_row["submissions_used"] == 2
    assert vert_row["private_score"] is None
    # Quota (2): the third submission is refused and says none is left.
    assert over_quota.status_code == 429
    assert over_quota.json()["type"] == "/problems/challenge-quota-exceeded"
    assert over_quota.json()["remaining_submissions"] == 0
    # Freeze: no more submissions.
    assert blue_submitted.status_code == 202
    assert frozen.status_code == 409
    assert frozen.json()["type"] == "/problems/challenge-closed"
    # Reveal: private scores, final ranks and the change of rank appear.
    assert revealed["revealed"] is True
    assert {row["team"] for row in revealed["rows"]} == {"vert", "bleu"}
    for row in revealed["rows"]:
        assert row["private_score"] is not None
        assert row["final_rank"] in (1, 2)
        assert row["rank_change"] == row["rank"] - row["final_rank"]
