"""/api/v1/training-jobs on the real Redis (db 6) and a SQLite job store."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from lab_common.jobs import (
    TRAINING_QUEUE,
    EpochMetrics,
    JobStatus,
    job_events_channel,
)
from lab_common.store import JobStore
from lab_gateway.datasets.uploads import import_upload
from lab_gateway.settings import Settings
from tests.unit.gateway.labs import (
    CLOSED_REDIS_URL,
    GatewayLab,
    gateway_lab,
    gateway_settings,
)

REDIS_URL = "redis://127.0.0.1:6379/6"
JOBS = "/api/v1/training-jobs"
CANCEL_GRACE_SECONDS = 0.3
VALID_SPEC = {
    "task": "image-classification",
    "dataset": "mnist-5k",
    "architecture": "tiny-cnn",
    "epochs": 2,
}


class Lab(GatewayLab):
    def submit(self, who: str, **changes: Any) -> dict[str, Any]:
        response = self.client.post(
            JOBS, json={**VALID_SPEC, **changes}, headers=self.auth(who)
        )
        assert response.status_code == 202, response.text
        job: dict[str, Any] = response.json()
        return job

    def queued_messages(self) -> int:
        return int(self.broker.llen(TRAINING_QUEUE))


def make_settings(tmp_path: Path, redis_url: str = REDIS_URL) -> Settings:
    return gateway_settings(
        tmp_path, redis_url=redis_url, cancel_grace_seconds=CANCEL_GRACE_SECONDS
    )


@contextmanager
def running_lab(tmp_path: Path, redis_url: str = REDIS_URL) -> Iterator[Lab]:
    with gateway_lab(
        tmp_path,
        Lab,
        redis_url=redis_url,
        teams=("a", "b"),
        key_prefix="team-",
        flush_redis=redis_url != CLOSED_REDIS_URL,
        cancel_grace_seconds=CANCEL_GRACE_SECONDS,
    ) as running:
        yield running


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with running_lab(tmp_path) as running:
        yield running


def read_sse(lines: Iterator[str]) -> list[dict[str, str]]:
    """The messages of an event stream (comments and ``retry`` left out)."""
    messages, current = [], {}
    for line in lines:
        if not line:
            if "data" in current:
                messages.append(current)
            current = {}
        elif not line.startswith(":"):
            field, _, value = line.partition(": ")
            current[field] = value
    return messages


def run_to_success(store: JobStore, job_id: str) -> None:
    """What a worker writes for a two-epoch job."""
    store.start_attempt(job_id, worker="worker-1")
    for epoch in (1, 2):
        store.record_progress(
            job_id,
            kind="epoch",
            data={"epoch": epoch, "loss": 1.0 / epoch},
            progress=epoch / 2,
            eta_seconds=0.0,
            epoch=EpochMetrics(epoch=epoch, metrics={"loss": 1.0 / epoch}, seconds=1),
        )
    store.finish(job_id, JobStatus.SUCCEEDED, model_name="m", model_version="1")


# --- authentication ----------------------------------------------------------


def test_create_job_without_key_is_unauthorized(lab: Lab) -> None:
    response = lab.client.post(JOBS, json=VALID_SPEC)

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"
    assert lab.queued_messages() == 0


def test_create_job_with_unknown_key_is_unauthorized(lab: Lab) -> None:
    response = lab.client.post(
        JOBS, json=VALID_SPEC, headers={"Authorization": "Bearer alk_wrong"}
    )

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


# --- validation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"epochz": 3}, "/body/epochz"),
        ({"dataset": "no-such-data"}, "/body/dataset"),
        ({"architecture": "resnet-9000"}, "/body"),
        ({"epochs": 0}, "/body/epochs"),
        ({"learning_rate": 0}, "/body/learning_rate"),
    ],
)
def test_create_job_rejects_invalid_spec_before_queueing(
    lab: Lab, changes: dict[str, Any], pointer: str
) -> None:
    response = lab.client.post(
        JOBS, json={**VALID_SPEC, **changes}, headers=lab.auth("team-a")
    )

    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/validation"
    assert pointer in [error["pointer"] for error in body["errors"]]
    assert lab.store.list_jobs() == []
    assert lab.queued_messages() == 0


def test_create_job_rejects_an_unknown_extra_training_dataset(lab: Lab) -> None:
    spec = {
        "task": "text-classification",
        "dataset": "allocine",
        "architecture": "bilstm",
        "extra_train_datasets": ["allocine-tv", "no-such-texts"],
    }

    response = lab.client.post(JOBS, json=spec, headers=lab.auth("team-a"))

    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/validation"
    pointers = [error["pointer"] for error in body["errors"]]
    assert pointers == ["/body/extra_train_datasets/1"]
    assert lab.store.list_jobs() == []
    assert lab.queued_messages() == 0


def test_unknown_dataset_problem_names_the_known_ones(lab: Lab) -> None:
    response = lab.client.post(
        JOBS, json={**VALID_SPEC, "dataset": "sst2"}, headers=lab.auth("team-a")
    )

    assert response.status_code == 422
    assert "mnist-5k" in response.json()["detail"]
    assert "sst2" not in response.json()["known_datasets"]


def test_create_job_accepts_an_uploaded_dataset(lab: Lab, tmp_path: Path) -> None:
    rows = "text,label\n" + "".join(
        f"{word} review {i},{label}\n"
        for i in range(3)
        for word, label in (("good", "pos"), ("bad", "neg"))
    )
    upload = import_upload(
        io.BytesIO(rows.encode()), "reviews.csv", tmp_path / "datasets"
    )

    job = lab.submit(
        "team-a", task="text-classification", architecture="bilstm", dataset=upload.id
    )

    assert job["spec"]["dataset"] == upload.id


# --- submitting --------------------------------------------------------------------


def test_create_job_stores_and_queues_it(lab: Lab) -> None:
    response = lab.client.post(JOBS, json=VALID_SPEC, headers=lab.auth("team-a"))

    assert response.status_code == 202
    job = response.json()
    assert response.headers["location"] == f"{JOBS}/{job['id']}"
    assert (job["status"], job["owner"]) == ("queued", "team:a")
    assert lab.queued_messages() == 1
    message = json.loads(lab.broker.lindex(TRAINING_QUEUE, 0))
    assert message["headers"]["task"] == "trainer.train_model"
    assert message["headers"]["id"] == job["id"]


def test_queued_jobs_show_their_place_in_turn_across_teams(lab: Lab) -> None:
    first_a, second_a = lab.submit("team-a"), lab.submit("team-a")
    first_b = lab.submit("team-b")

    listed = lab.client.get(JOBS, headers=lab.auth("admin")).json()["jobs"]
    read = lab.client.get(f"{JOBS}/{first_b['id']}", headers=lab.auth("team-b"))

    places = {job["id"]: job["queue_position"] for job in listed}
    assert first_a["queue_position"] == 1
    assert places == {first_a["id"]: 1, first_b["id"]: 2, second_a["id"]: 3}
    assert read.json()["queue_position"] == 2
    assert "estimated_wait_seconds" in read.json()


def test_a_running_job_has_no_place_in_the_queue(lab: Lab) -> None:
    job = lab.submit("team-a")
    lab.store.start_attempt(job["id"], worker="worker-1")

    read = lab.client.get(f"{JOBS}/{job['id']}", headers=lab.auth("team-a")).json()

    assert (read["queue_position"], read["estimated_wait_seconds"]) == (None, None)


def test_create_job_without_broker_fails_it_with_queue_unavailable(
    tmp_path: Path,
) -> None:
    with running_lab(tmp_path, redis_url=CLOSED_REDIS_URL) as lab:
        response = lab.client.post(JOBS, json=VALID_SPEC, headers=lab.auth("admin"))

        assert response.status_code == 503
        body = response.json()
        assert body["type"] == "/problems/queue-unavailable"
        job = lab.store.get_job(body["job_id"])
        assert job.status == JobStatus.FAILED
        assert "Redis" in (job.error or "")


def test_team_job_without_model_name_is_named_for_the_team(lab: Lab) -> None:
    job = lab.submit("team-a")

    assert job["spec"]["model_name"] == "a-mnist-5k-tiny-cnn"
    stored = lab.store.get_job(job["id"])
    assert stored.spec.resolved_model_name == "a-mnist-5k-tiny-cnn"


def test_admin_job_without_model_name_keeps_the_dataset_architecture_name(
    lab: Lab,
) -> None:
    job = lab.submit("admin")

    stored = lab.store.get_job(job["id"])
    assert stored.spec.resolved_model_name == "mnist-5k-tiny-cnn"


def test_team_keeps_the_model_name_it_chose(lab: Lab) -> None:
    job = lab.submit("team-a", model_name="chiffres-equipe-a")

    assert job["spec"]["model_name"] == "chiffres-equipe-a"


@pytest.mark.parametrize("served", ["digits", "sentiment-en", "sentiment-fr"])
def test_team_job_promoting_a_served_model_is_forbidden_before_queueing(
    lab: Lab, served: str
) -> None:
    spec = {**VALID_SPEC, "model_name": served, "promote": True}
    if served.startswith("sentiment"):
        spec.update(task="text-classification", architecture="bilstm", dataset="sst2")

    response = lab.client.post(JOBS, json=spec, headers=lab.auth("team-a"))

    assert response.status_code == 403
    assert response.json()["type"] == "/problems/forbidden"
    assert served in response.json()["detail"]
    assert lab.store.list_jobs() == []
    assert lab.queued_messages() == 0


def test_team_job_may_promote_its_own_model(lab: Lab) -> None:
    job = lab.submit("team-a", promote=True)

    assert job["spec"]["promote"] is True
    assert job["spec"]["model_name"] == "a-mnist-5k-tiny-cnn"
    assert lab.queued_messages() == 1


def test_team_job_may_add_an_unpromoted_version_to_a_served_model(lab: Lab) -> None:
    job = lab.submit("team-a", model_name="digits", promote=False)

    assert job["status"] == "queued"


def test_admin_job_may_promote_a_served_model(lab: Lab) -> None:
    job = lab.submit("admin", model_name="digits", promote=True)

    assert job["status"] == "queued"
    assert lab.queued_messages() == 1


# --- reading -----------------------------------------------------------------------


def test_team_sees_only_its_own_jobs(lab: Lab) -> None:
    mine = lab.submit("team-a")
    theirs = lab.submit("team-b")

    listed = lab.client.get(JOBS, headers=lab.auth("team-a")).json()["jobs"]
    other = lab.client.get(f"{JOBS}/{theirs['id']}", headers=lab.auth("team-a"))

    assert [job["id"] for job in listed] == [mine["id"]]
    assert other.status_code == 404
    assert other.json()["type"] == "/problems/job-not-found"


def test_admin_sees_every_job(lab: Lab) -> None:
    jobs = [lab.submit("team-a"), lab.submit("team-b")]

    listed = lab.client.get(JOBS, headers=lab.auth("admin")).json()["jobs"]
    one = lab.client.get(f"{JOBS}/{jobs[1]['id']}", headers=lab.auth("admin"))

    assert {job["id"] for job in listed} == {job["id"] for job in jobs}
    assert one.json()["owner"] == "team:b"


def test_list_filters_by_status(lab: Lab) -> None:
    queued = lab.submit("team-a")
    cancelled = lab.submit("team-a")
    lab.store.request_cancel(cancelled["id"])

    listed = lab.client.get(JOBS, params={"status": "queued"}).json()["jobs"]

    assert [job["id"] for job in listed] == [queued["id"]]


def test_unknown_job_is_not_found(lab: Lab) -> None:
    response = lab.client.get(f"{JOBS}/nope")

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/job-not-found"


# --- cancelling ----------------------------------------------------------------


def test_cancel_queued_job_cancels_it(lab: Lab) -> None:
    job = lab.submit("team-a")

    response = lab.client.post(f"{JOBS}/{job['id']}/cancel", headers=lab.auth("team-a"))

    assert response.status_code == 202
    assert response.json()["status"] == "cancelled"


def test_cancelling_another_teams_job_is_not_found_as_reading_it(lab: Lab) -> None:
    job = lab.submit("team-b")

    cancel = lab.client.post(f"{JOBS}/{job['id']}/cancel", headers=lab.auth("team-a"))
    read = lab.client.get(f"{JOBS}/{job['id']}", headers=lab.auth("team-a"))
    unknown = lab.client.post(f"{JOBS}/no-such-job/cancel", headers=lab.auth("team-a"))

    assert cancel.status_code == read.status_code == unknown.status_code == 404
    assert cancel.json()["type"] == "/problems/job-not-found"
    assert cancel.json()["detail"] == unknown.json()["detail"].replace(
        "no-such-job", job["id"]
    )
    assert lab.store.get_job(job["id"]).status == JobStatus.QUEUED


def test_admin_cancels_any_job(lab: Lab) -> None:
    job = lab.submit("team-b")

    response = lab.client.post(f"{JOBS}/{job['id']}/cancel", headers=lab.auth("admin"))

    assert response.status_code == 202
    assert response.json()["status"] == "cancelled"


def test_running_job_ignoring_cancel_is_cancelled_by_force(lab: Lab) -> None:
    job = lab.submit("team-a")
    lab.store.start_attempt(job["id"], worker="stuck-worker")

    response = lab.client.post(f"{JOBS}/{job['id']}/cancel", headers=lab.auth("team-a"))
    assert (response.json()["status"], response.json()["cancel_requested"]) == (
        "running",
        True,
    )
    deadline = time.monotonic() + CANCEL_GRACE_SECONDS + 5
    while lab.store.get_job(job["id"]).status == JobStatus.RUNNING:
        assert time.monotonic() < deadline, "the job was never stopped"
        time.sleep(0.05)

    stopped = lab.store.get_job(job["id"], language="en")
    assert stopped.status == JobStatus.CANCELLED
    assert stopped.error_code == "cancelled-by-force"
    assert "by force" in (stopped.error or "")


# --- events (SSE) -------------------------------------------------------------------


def test_events_resume_after_last_event_id_and_end_at_final_status(lab: Lab) -> None:
    job = lab.submit("team-a")
    run_to_success(lab.store, job["id"])
    stored = lab.store.events_since(job["id"])

    response = lab.client.get(
        f"{JOBS}/{job['id']}/events", headers={"Last-Event-ID": str(stored[1].id)}
    )

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    messages = read_sse(response.text.splitlines())
    assert [int(m["id"]) for m in messages] == [event.id for event in stored[2:]]
    assert messages[-1]["event"] == "status"
    assert json.loads(messages[-1]["data"])["data"]["status"] == "succeeded"


def test_events_resume_after_query_parameter(lab: Lab) -> None:
    job = lab.submit("team-a")
    run_to_success(lab.store, job["id"])
    stored = lab.store.events_since(job["id"])

    response = lab.client.get(
        f"{JOBS}/{job['id']}/events", params={"after": stored[-2].id}
    )

    assert [int(m["id"]) for m in read_sse(response.text.splitlines())] == [
        stored[-1].id
    ]


def test_events_of_an_ended_job_seen_to_the_end_close_at_once(lab: Lab) -> None:
    job = lab.submit("team-a")
    run_to_success(lab.store, job["id"])
    last = lab.store.events_since(job["id"])[-1]

    response = lab.client.get(
        f"{JOBS}/{job['id']}/events", headers={"Last-Event-ID": str(last.id)}
    )

    assert response.status_code == 200
    assert read_sse(response.text.splitlines()) == []


def test_events_follow_a_running_job_live(lab: Lab) -> None:
    job = lab.submit("team-a")

    with lab.client.stream("GET", f"{JOBS}/{job['id']}/events") as response:
        lines = response.iter_lines()
        first = read_sse(_until_blank_after_data(lines))
        run_to_success(lab.store, job["id"])
        lab.broker.publish(job_events_channel(job["id"]), "wake up")
        rest = read_sse(lines)

    assert [m["event"] for m in first] == ["status"]
    assert [json.loads(m["data"])["kind"] for m in rest] == [
        "status",
        "epoch",
        "epoch",
        "status",
    ]


def test_events_of_another_teams_job_are_not_found(lab: Lab) -> None:
    job = lab.submit("team-b")

    response = lab.client.get(f"{JOBS}/{job['id']}/events", headers=lab.auth("team-a"))

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/job-not-found"


def _until_blank_after_data(lines: Iterator[str]) -> Iterator[str]:
    """Lines up to the end of the first message that carries data."""
    seen_data = False
    for line in lines:
        yield line
        seen_data = seen_data or line.startswith("data:")
        if seen_data and not line:
            return
