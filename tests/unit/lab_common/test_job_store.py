"""The job store on SQLite and on the machine's PostgreSQL (same tests, both)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import inspect, text

from lab_common.job_messages import job_error, job_log
from lab_common.jobs import EpochMetrics, JobStatus, TrainingJobSpec
from lab_common.store import (
    JobNotFound,
    JobStore,
    KeyStore,
    connect_database,
    upgrade_database,
)
from lab_common.store.database import sqlite_url
from lab_common.store.keys import TeamTaken


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "archilab.db")
    else:
        url = request.getfixturevalue("postgres_url")
    upgrade_database(url)
    if request.param == "postgresql":
        engine = connect_database(url)
        with engine.begin() as db:  # each test starts from empty tables
            db.execute(text("TRUNCATE job_events, training_jobs, api_keys"))
        engine.dispose()
    yield url


@pytest.fixture
def store(database_url: str) -> Iterator[JobStore]:
    engine = connect_database(database_url)
    yield JobStore(engine)
    engine.dispose()


def _spec(**changes: object) -> TrainingJobSpec:
    values: dict[str, object] = {
        "task": "image-classification",
        "dataset": "mnist-5k",
        "architecture": "tiny-cnn",
        "epochs": 2,
    }
    return TrainingJobSpec.model_validate({**values, **changes})


def test_job_store_runs_a_job_from_queue_to_success(store: JobStore) -> None:
    job = store.create_job(_spec(), owner="team:red")

    started = store.start_attempt(job.id, worker="worker-1")
    store.record_progress(
        job.id,
        kind="epoch",
        data={"epoch": 1, "loss": 0.5},
        progress=0.5,
        eta_seconds=3.0,
        epoch=EpochMetrics(epoch=1, metrics={"loss": 0.5}, seconds=1.2),
    )
    finished = store.finish(
        job.id,
        JobStatus.SUCCEEDED,
        test_metrics={"accuracy": 0.9},
        model_name="mnist-5k-tiny-cnn",
        model_version="3",
    )
    final = store.get_job(job.id)

    assert started is not None and started.attempts == 1
    assert finished
    assert final.status == JobStatus.SUCCEEDED
    assert final.progress == 1.0 and final.epoch == 1
    assert final.history[0].metrics == {"loss": 0.5}
    assert (final.model_name, final.model_version) == ("mnist-5k-tiny-cnn", "3")
    assert final.created_at.tzinfo is not None
    kinds = [(e.kind, e.data.get("status")) for e in store.events_since(job.id)]
    assert kinds == [
        ("status", "queued"),
        ("status", "running"),
        ("epoch", None),
        ("status", "succeeded"),
    ]


def test_job_store_replays_events_after_an_id(store: JobStore) -> None:
    job = store.create_job(_spec(), owner="admin")
    store.start_attempt(job.id, worker="w")
    first, *_ = store.events_since(job.id)

    rest = store.events_since(job.id, after_id=first.id)

    assert [e.data["status"] for e in rest] == ["running"]


def test_job_store_cancels_a_queued_job_at_once(store: JobStore) -> None:
    job = store.create_job(_spec(), owner="admin")

    cancelled = store.request_cancel(job.id)

    assert cancelled.status == JobStatus.CANCELLED
    assert store.start_attempt(job.id, worker="w") is None


def test_job_store_flags_a_running_job_for_cancellation(store: JobStore) -> None:
    job = store.create_job(_spec(), owner="admin")
    store.start_attempt(job.id, worker="w")

    flagged = store.request_cancel(job.id)

    assert flagged.status == JobStatus.RUNNING and flagged.cancel_requested
    assert store.is_cancel_requested(job.id)


def test_job_store_counts_attempts_when_a_message_is_redelivered(
    store: JobStore,
) -> None:
    job = store.create_job(_spec(), owner="admin")
    store.start_attempt(job.id, worker="w")

    again = store.start_attempt(job.id, worker="w")

    assert again is not None and again.attempts == 2


def test_job_store_reaps_jobs_whose_worker_went_silent(store: JobStore) -> None:
    job = store.create_job(_spec(), owner="admin")
    store.start_attempt(job.id, worker="w")
    time.sleep(0.05)

    reaped = store.reap_stale(heartbeat_timeout_seconds=0.01)

    assert reaped == [job.id]
    failed = store.get_job(job.id, language="en")
    assert failed.status == JobStatus.FAILED
    assert "stopped responding" in (failed.error or "")
    assert (failed.error_code, failed.error_params) == ("worker-lost", {"seconds": 0})
    assert not store.finish(job.id, JobStatus.SUCCEEDED)


def test_job_store_filters_the_job_list(store: JobStore) -> None:
    mine = store.create_job(_spec(), owner="team:red")
    store.create_job(_spec(), owner="team:blue")

    listed = store.list_jobs(owner="team:red", status=JobStatus.QUEUED)

    assert [job.id for job in listed] == [mine.id]


def test_job_store_raises_not_found_for_an_unknown_job(store: JobStore) -> None:
    with pytest.raises(JobNotFound):
        store.get_job("nope")


def test_key_store_finds_a_key_by_its_secret_only(database_url: str) -> None:
    keys = KeyStore(connect_database(database_url))

    secret, record = keys.create_key("team", team="red", label="TP 3")

    assert keys.find_key(secret) == record
    assert keys.find_key(secret + "x") is None
    assert secret not in record.model_dump_json()
    assert record.owner == "team:red"


def test_key_store_ignores_revoked_keys(database_url: str) -> None:
    keys = KeyStore(connect_database(database_url))
    secret, record = keys.create_key("admin")

    keys.revoke_key(record.id)

    assert keys.find_key(secret) is None


def test_key_store_makes_team_keys_all_or_none(database_url: str) -> None:
    keys = KeyStore(connect_database(database_url))
    keys.create_key("team", team="blue")

    with pytest.raises(TeamTaken) as taken:
        keys.create_team_keys([("red", None), ("blue", None)])

    assert taken.value.teams == ["blue"]
    assert [k.team for k in keys.list_keys()] == ["blue"]


def test_key_store_revokes_every_team_key_and_keeps_admins(database_url: str) -> None:
    keys = KeyStore(connect_database(database_url))
    admin, _ = keys.create_key("admin")
    made = keys.create_team_keys([("red", "Rouge"), ("blue", None)])

    revoked = keys.revoke_team_keys()

    assert revoked == 2
    assert keys.revoke_team_keys() == 0
    assert all(keys.find_key(secret) is None for secret, _ in made)
    assert keys.find_key(admin) is not None
    assert made[0][1].label == "Rouge"


def test_training_spec_refuses_unknown_fields_and_mismatched_architecture() -> None:
    with pytest.raises(ValidationError, match="extra"):
        _spec(epoks=3)
    with pytest.raises(ValidationError, match="for text-classification"):
        _spec(architecture="bilstm")
    with pytest.raises(ValidationError, match="greater than 0"):
        _spec(learning_rate=0)


def test_job_store_keeps_a_log_code_for_pages_to_translate(store: JobStore) -> None:
    job = store.create_job(_spec(), owner="admin")

    event = store.add_log(job.id, job_log("registered", name="x", version="2"))

    assert store.events_since(job.id, after_id=event.id - 1, language="en")[0].data == {
        "message": "Registered x version 2.",
        "code": "registered",
        "params": {"name": "x", "version": "2"},
    }


def test_a_store_made_before_error_codes_gains_them_and_keeps_its_jobs(
    database_url: str,
) -> None:
    engine = connect_database(database_url)
    old = JobStore(engine).create_job(_spec(), owner="admin")
    JobStore(engine).fail_queued(old.id, job_error("queue-unavailable", reason="x"))
    with engine.begin() as db:  # the table as the release before error codes made it
        for column in ("error_code", "error_params"):
            db.execute(text(f"ALTER TABLE training_jobs DROP COLUMN {column}"))
        # ... before the fair queue's claims (revision 0004) ...
        db.execute(text("ALTER TABLE training_jobs DROP COLUMN claimed_by"))
        # ... and before challenges (revision 0002).
        db.execute(text("DROP TABLE challenge_submissions"))
        db.execute(text("DROP TABLE challenges"))
        db.execute(text("DROP INDEX ix_training_jobs_challenge_id"))
        db.execute(text("ALTER TABLE training_jobs DROP COLUMN challenge_id"))
        db.execute(text("DROP TABLE alembic_version"))
    engine.dispose()

    upgrade_database(database_url)
    upgraded = connect_database(database_url)
    job = JobStore(upgraded).get_job(old.id)
    columns = {c["name"] for c in inspect(upgraded).get_columns("training_jobs")}
    upgraded.dispose()

    assert {"error_code", "error_params"} <= columns
    assert job.error is not None and job.error.startswith("The training queue")
    assert (job.error_code, job.error_params) == (None, {})
