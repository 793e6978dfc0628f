"""The fair queue in the job store, on SQLite and on the machine's PostgreSQL.

A worker holding a message claims the fairest queued job; these tests play the
workers by calling ``claim_next_job`` and ``start_attempt`` / ``finish``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from lab_common.fair_queue import queue_places
from lab_common.jobs import JobStatus, TrainingJobSpec
from lab_common.store import JobStore, connect_database, upgrade_database
from lab_common.store.database import sqlite_url

SPEC = TrainingJobSpec.model_validate(
    {
        "task": "image-classification",
        "dataset": "mnist-5k",
        "architecture": "tiny-cnn",
        "epochs": 1,
    }
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[JobStore]:
    if request.param == "sqlite":
        url = sqlite_url(tmp_path / "archilab.db")
    else:
        url = request.getfixturevalue("postgres_url")
    upgrade_database(url)
    engine = connect_database(url)
    if request.param == "postgresql":
        with engine.begin() as db:  # each test starts from empty tables
            db.execute(text("TRUNCATE job_events, training_jobs"))
    yield JobStore(engine)
    engine.dispose()


def submit(store: JobStore, *teams: str, jobs_each: int = 1) -> dict[str, str]:
    """Jobs arriving team by team; their ids by name (``a1``, ``a2``, …)."""
    names = {}
    for team in teams:
        for number in range(1, jobs_each + 1):
            names[store.create_job(SPEC, f"team:{team}").id] = f"{team}{number}"
    return names


def take(store: JobStore, message_id: str) -> str | None:
    """A worker receives ``message_id``: claim, then start, as the task does."""
    job_id = store.claim_next_job(message_id)
    if job_id is not None:
        store.start_attempt(job_id, worker=f"worker/{message_id}")
    return job_id


def test_claims_take_teams_in_turn_not_in_arrival_order(store: JobStore) -> None:
    names = submit(store, "a", "b", "c", jobs_each=3)

    taken = [take(store, message) for message in names]

    assert [names[job_id or ""] for job_id in taken] == [
        "a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3",
    ]  # fmt: skip


def test_two_workers_take_the_next_team_when_one_finishes(store: JobStore) -> None:
    names = submit(store, "a", "b", "c", jobs_each=3)
    messages = iter(names)
    first, second = take(store, next(messages)), take(store, next(messages))

    store.finish(first or "", JobStatus.SUCCEEDED)
    third = take(store, next(messages))
    store.finish(second or "", JobStatus.SUCCEEDED)
    fourth = take(store, next(messages))

    assert [names[j or ""] for j in (first, second, third, fourth)] == [
        "a1", "b1", "c1", "a2",
    ]  # fmt: skip


def test_a_redelivered_message_runs_the_job_it_had_claimed(store: JobStore) -> None:
    names = submit(store, "a", "b")
    first = take(store, "message-1")

    again = store.claim_next_job("message-1")  # its worker died; Redis gives it back

    assert again == first
    assert names[first or ""] == "a1"
    assert store.get_job(first or "").status == JobStatus.RUNNING


def test_a_message_with_nothing_left_runs_nothing(store: JobStore) -> None:
    names = submit(store, "a")
    job_id = next(iter(names))
    store.request_cancel(job_id)

    assert store.claim_next_job(job_id) is None


def test_every_queued_job_finds_a_message_after_cancels(store: JobStore) -> None:
    names = submit(store, "a", "b", "c", jobs_each=2)
    messages = list(names)  # one per job, in the order they were sent
    running = take(store, messages[0])
    store.request_cancel(running or "")  # running: asked to stop
    cancelled = next(job for job, name in names.items() if name == "c2")
    store.request_cancel(cancelled)  # queued: cancelled at once

    taken = [take(store, message) for message in messages[1:]]

    assert sorted(names[j] for j in taken if j) == ["a2", "b1", "b2", "c1"]
    assert store.queue_state().queued == []


def test_concurrent_workers_never_claim_the_same_job(store: JobStore) -> None:
    names = submit(store, "a", "b", "c", "d", jobs_each=2)
    claimed: list[str | None] = []
    lock = threading.Lock()

    def worker(message_id: str) -> None:
        job_id = store.claim_next_job(message_id)
        with lock:
            claimed.append(job_id)

    threads = [threading.Thread(target=worker, args=(m,)) for m in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(j for j in claimed if j) == sorted(names)


def test_queue_state_gives_each_queued_job_its_place(store: JobStore) -> None:
    names = submit(store, "a", "b", jobs_each=2)
    take(store, "message-1")  # a1 runs

    state = store.queue_state()
    places = queue_places(state.order(), state.running, state.finished, 1)

    assert {names[job_id]: place.position for job_id, place in places.items()} == {
        "b1": 1,
        "a2": 2,
        "b2": 3,
    }
    assert state.loads["team:a"].running == 1
    assert len(state.running) == 1


def test_message_of_a_claimed_job_is_the_claiming_message(store: JobStore) -> None:
    names = submit(store, "a", "b")
    b1 = next(job for job, name in names.items() if name == "b1")
    a1 = take(store, b1)  # b1's message took a1

    assert store.message_of(a1 or "") == b1
    assert store.message_of(b1) == b1  # not claimed yet: its own id
