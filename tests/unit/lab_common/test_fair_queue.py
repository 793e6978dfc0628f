"""The fair queue's order and estimated waits, on plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lab_common.fair_queue import (
    FinishedJob,
    OwnerLoad,
    QueuedJob,
    RunningJob,
    fair_order,
    queue_places,
)

START = datetime(2026, 12, 11, 9, 0, tzinfo=UTC)


def arrivals(*owners: str, jobs_each: int = 1) -> list[QueuedJob]:
    """Jobs arriving one second apart, owner by owner (``a1 a2 … b1 b2 …``)."""
    queued = []
    for owner in owners:
        for number in range(1, jobs_each + 1):
            moment = START + timedelta(seconds=len(queued))
            queued.append(QueuedJob(f"{owner}{number}", owner, moment, "t", "d", 2))
    return queued


def ids(jobs: list[QueuedJob]) -> list[str]:
    return [job.id for job in jobs]


def test_fair_order_takes_teams_in_turn_not_in_arrival_order() -> None:
    queued = arrivals("a", "b", "c", jobs_each=3)

    order = fair_order(queued)

    assert ids(order) == ["a1", "b1", "c1", "a2", "b2", "c2", "a3", "b3", "c3"]


def test_fair_order_of_one_team_is_its_arrival_order() -> None:
    assert ids(fair_order(arrivals("a", jobs_each=3))) == ["a1", "a2", "a3"]


def test_fair_order_puts_a_team_with_a_running_job_after_idle_ones() -> None:
    queued = arrivals("a", "b", "c", jobs_each=2)
    loads = {"a": OwnerLoad(running=1, last_started_at=START)}

    order = fair_order(queued, loads)

    assert ids(order)[:3] == ["b1", "c1", "a1"]


def test_fair_order_serves_the_team_served_longest_ago_first() -> None:
    queued = arrivals("a", "b", "c")
    loads = {
        "a": OwnerLoad(last_started_at=START - timedelta(seconds=10)),
        "b": OwnerLoad(last_started_at=START - timedelta(seconds=30)),
    }

    order = fair_order(queued, loads)

    assert ids(order) == ["c1", "b1", "a1"]  # c never served, then b, then a


def test_queue_places_play_the_queue_on_the_worker_slots() -> None:
    order = fair_order(arrivals("a", "b", "c"))
    finished = [FinishedJob("t", "d", epochs=1, duration_seconds=10.0)]

    places = queue_places(order, [], finished, worker_slots=2)

    # 2 epochs of 10 s each: a1 and b1 start at once, c1 when a slot frees.
    assert [(p.position, p.estimated_wait_seconds) for p in places.values()] == [
        (1, 0),
        (2, 0),
        (3, 20),
    ]


def test_queue_places_wait_for_the_running_jobs_eta() -> None:
    order = fair_order(arrivals("a"))
    running = [RunningJob("t", "d", 2, elapsed_seconds=5.0, eta_seconds=42.0)]
    finished = [FinishedJob("t", "d", epochs=2, duration_seconds=20.0)]

    places = queue_places(order, running, finished, worker_slots=1)

    assert places["a1"].estimated_wait_seconds == 42


def test_queue_places_estimate_from_the_task_when_the_dataset_is_new() -> None:
    order = fair_order(arrivals("a", "b"))
    finished = [FinishedJob("t", "other", epochs=4, duration_seconds=40.0)]

    places = queue_places(order, [], finished, worker_slots=1)

    assert places["b1"].estimated_wait_seconds == 20


def test_queue_places_give_no_wait_without_a_worker_or_a_past_job() -> None:
    order = fair_order(arrivals("a", "b"))
    finished = [FinishedJob("t", "d", epochs=1, duration_seconds=10.0)]

    no_worker = queue_places(order, [], finished, worker_slots=None)
    no_history = queue_places(order, [], [], worker_slots=2)

    assert [p.position for p in no_worker.values()] == [1, 2]
    assert {p.estimated_wait_seconds for p in no_worker.values()} == {None}
    assert {p.estimated_wait_seconds for p in no_history.values()} == {None}
