"""The live leaderboard (SSE) and the baseline's dossier, on the real Redis (db 7)
and a SQLite job store. No worker runs: scores are written as the scoring worker
writes them, and its wake-up is published by hand."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lab_common.challenges.leaderboard import leaderboard_channel
from lab_common.jobs import EpochMetrics, JobStatus
from tests.unit.gateway.labs import GatewayLab, gateway_lab

REDIS_URL = "redis://127.0.0.1:6379/7"
CHALLENGES = "/api/v1/challenges"
JOBS = "/api/v1/training-jobs"


class Lab(GatewayLab):
    def create_challenge(self, *, open_it: bool = True) -> dict[str, Any]:
        created = self.client.post(
            CHALLENGES,
            json={"template": "chiffres-dense", "quota": 3, "seed": 7},
            headers=self.auth("admin"),
        )
        assert created.status_code == 201, created.text
        challenge: dict[str, Any] = created.json()
        if open_it:
            self.advance(challenge["id"], "open")
        return challenge

    def advance(self, challenge_id: str, action: str) -> None:
        response = self.client.post(
            f"{CHALLENGES}/{challenge_id}/{action}", headers=self.auth("admin")
        )
        assert response.status_code == 200, response.text

    def scored_submission(self, challenge_id: str, team: str, score: float) -> None:
        """A team's submission as the scoring worker leaves it."""
        submission = self.challenges.add_submission(
            challenge_id, team=team, job_id=f"job-{team}", note=""
        )
        assert submission is not None
        self.challenges.record_score(
            submission.id,
            public_score=score,
            private_score=score,
            shown_public_score=score,
            significant=True,
            public_examples=500,
            private_examples=1000,
            architecture="digits-cnn",
            parameters=1234,
            latency_ms_per_image=0.1,
        )


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with gateway_lab(tmp_path, Lab, redis_url=REDIS_URL, teams=("red",)) as running:
        yield running


def next_leaderboard(lines: Iterator[str]) -> dict[str, Any]:
    """The data of the next ``leaderboard`` message (comments, retry skipped)."""
    event = None
    for line in lines:
        if line.startswith("event: "):
            event = line.removeprefix("event: ")
        elif line.startswith("data: ") and event == "leaderboard":
            board: dict[str, Any] = json.loads(line.removeprefix("data: "))
            return board
    raise AssertionError("the stream ended")


def events_url(challenge_id: str) -> str:
    return f"{CHALLENGES}/{challenge_id}/leaderboard/events"


def test_the_stream_sends_the_leaderboard_at_once(lab: Lab) -> None:
    challenge = lab.create_challenge()

    with lab.client.stream(
        "GET", events_url(challenge["id"]), headers=lab.auth("red")
    ) as response:
        board = next_leaderboard(response.iter_lines())

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert board["challenge_id"] == challenge["id"]
    assert board["status"] == "open"
    assert board["rows"] == []


def test_the_stream_sends_a_new_score_on_the_scorers_wake_up(lab: Lab) -> None:
    challenge = lab.create_challenge()

    with lab.client.stream(
        "GET", events_url(challenge["id"]), headers=lab.auth("red")
    ) as response:
        lines = response.iter_lines()
        next_leaderboard(lines)
        lab.scored_submission(challenge["id"], "red", 0.95)
        lab.broker.publish(leaderboard_channel(challenge["id"]), "changed")
        board = next_leaderboard(lines)
        if board["rows"][0]["rank"] is None:  # a poll read it still queued
            board = next_leaderboard(lines)

    assert [(row["team"], row["rank"]) for row in board["rows"]] == [("red", 1)]
    assert board["rows"][0]["public_score"] == 0.95
    assert board["rows"][0]["private_score"] is None  # not revealed


def test_the_stream_follows_the_challenge_to_the_reveal(lab: Lab) -> None:
    challenge = lab.create_challenge()
    lab.scored_submission(challenge["id"], "red", 0.95)

    with lab.client.stream(
        "GET", events_url(challenge["id"]), headers=lab.auth("admin")
    ) as response:
        lines = response.iter_lines()
        first = next_leaderboard(lines)
        lab.advance(challenge["id"], "freeze")
        frozen = next_leaderboard(lines)
        lab.advance(challenge["id"], "reveal")
        revealed = next_leaderboard(lines)

    assert [first["status"], frozen["status"], revealed["status"]] == [
        "open",
        "frozen",
        "revealed",
    ]
    assert revealed["rows"][0]["private_score"] == 0.95
    assert revealed["rows"][0]["final_rank"] == 1


@pytest.mark.parametrize("action", ["open", "freeze", "reveal"])
def test_a_state_change_wakes_the_live_leaderboards_up(lab: Lab, action: str) -> None:
    challenge = lab.create_challenge(open_it=False)
    actions = ("open", "freeze", "reveal")
    for earlier in actions[: actions.index(action)]:
        lab.advance(challenge["id"], earlier)
    listener = lab.broker.pubsub(ignore_subscribe_messages=True)
    listener.subscribe(leaderboard_channel(challenge["id"]))

    lab.advance(challenge["id"], action)

    assert _message_within(listener, seconds=5.0) is not None
    listener.close()


def test_a_submission_wakes_the_live_leaderboards_up(lab: Lab) -> None:
    challenge = lab.create_challenge()
    job = lab.client.post(
        JOBS,
        json={
            "task": "image-classification",
            "dataset": "mnist-5k",
            "architecture": "dense",
            "epochs": 1,
            "challenge_id": challenge["id"],
        },
        headers=lab.auth("red"),
    ).json()
    lab.store.start_attempt(job["id"], worker="w")
    lab.store.finish(job["id"], JobStatus.SUCCEEDED, model_name="m", model_version="1")
    listener = lab.broker.pubsub(ignore_subscribe_messages=True)
    listener.subscribe(leaderboard_channel(challenge["id"]))

    response = lab.client.post(
        f"{CHALLENGES}/{challenge['id']}/submissions",
        json={"job_id": job["id"]},
        headers=lab.auth("red"),
    )

    assert response.status_code == 202, response.text
    assert _message_within(listener, seconds=5.0) is not None
    listener.close()


def test_the_live_leaderboard_needs_a_key(lab: Lab) -> None:
    challenge = lab.create_challenge()

    response = lab.client.get(events_url(challenge["id"]))

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_a_team_cannot_follow_a_draft(lab: Lab) -> None:
    challenge = lab.create_challenge(open_it=False)

    response = lab.client.get(events_url(challenge["id"]), headers=lab.auth("red"))

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/challenge-not-found"


def test_a_team_reads_the_baseline_dossier(lab: Lab) -> None:
    challenge = lab.create_challenge()
    job_id = challenge["baseline_job_id"]
    lab.store.start_attempt(job_id, worker="w")
    for epoch, val_loss in enumerate((0.9, 0.8, 1.0, 1.2), start=1):
        metrics = {"loss": 0.5, "accuracy": 0.9, "val_loss": val_loss}
        lab.store.record_progress(
            job_id,
            kind="epoch",
            data={"epoch": epoch, **metrics},
            progress=epoch / 4,
            eta_seconds=None,
            epoch=EpochMetrics(epoch=epoch, metrics=metrics, seconds=1.0),
        )
    lab.store.finish(job_id, JobStatus.SUCCEEDED, model_name="m", model_version="1")

    response = lab.client.get(
        f"{CHALLENGES}/{challenge['id']}/baseline", headers=lab.auth("red")
    )
    job = lab.client.get(f"{JOBS}/{job_id}", headers=lab.auth("red"))

    assert response.status_code == 200, response.text
    dossier = response.json()
    assert dossier["spec"]["architecture"] == "dense"
    assert dossier["status"] == "succeeded"
    assert dossier["diagnosis"]["status"] in ("findings", "healthy")
    assert job.status_code == 404  # the job itself stays the admin's


def _message_within(listener: Any, seconds: float) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = listener.get_message(timeout=0.2)
        if message is not None:
            return message
    return None
