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
