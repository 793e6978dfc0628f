"""The fair queue: which queued job starts next, its place and its likely wait.

Plain functions on plain values: the job store reads the rows
(``lab_common.store.queue``), the worker claims ``fair_order(...)[0]``, the
gateway shows every queued job's place and estimated wait from the same order.

Round robin across owners (teams): the next job belongs to the owner with the
fewest jobs running, then the one served longest ago (never served first), then
the one whose oldest queued job is oldest; it is that owner's oldest queued job.
With 8 teams launching 3 jobs each at once, every team's first job starts before
any team's second, whatever the order they arrived in.

Estimated wait: the queue is played forward on the worker slots, assuming no new
job arrives and every job takes its estimated duration: a running job its
remaining time (its own ETA, else its estimate minus the time it has run), a
queued job the median seconds per epoch of recent successful jobs of the same
task and dataset (else of the task) times its epochs.
"""

from __future__ import annotations

import heapq
import statistics
from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

# Recent successful jobs whose durations make the estimates.
RECENT_JOBS_FOR_ESTIMATES = 50


@dataclass(frozen=True)
class QueuedJob:
    id: str
    owner: str
    created_at: datetime
    task: str = ""
    dataset: str = ""
    epochs: int = 1


@dataclass(frozen=True)
class OwnerLoad:
    """What an owner already has: jobs running, and when its last one started."""

    running: int = 0
    last_started_at: datetime | None = None


@dataclass(frozen=True)
class RunningJob:
    task: str
    dataset: str
    epochs: int
    elapsed_seconds: float
    eta_seconds: float | None = None


@dataclass(frozen=True)
class FinishedJob:
    task: str
    dataset: str
    epochs: int
    duration_seconds: float


@dataclass(frozen=True)
class QueuePlace:
    position: int
    estimated_wait_seconds: float | None


def fair_order(
    queued: Sequence[QueuedJob], loads: Mapping[str, OwnerLoad] | None = None
) -> list[QueuedJob]:
    """Every queued job, in the order workers will take them if none finishes."""
    loads = loads or {}
    waiting: dict[str, deque[QueuedJob]] = defaultdict(deque)
    for job in sorted(queued, key=lambda job: (job.created_at, job.id)):
        waiting[job.owner].append(job)
    running = {owner: loads.get(owner, OwnerLoad()).running for owner in waiting}
    # Never served < served at a real time < served earlier in this play.
    served: dict[str, tuple[int, float]] = {}
    for owner in waiting:
        started = loads.get(owner, OwnerLoad()).last_started_at
        served[owner] = (0, 0.0) if started is None else (1, started.timestamp())
    order: list[QueuedJob] = []
    while waiting:
        owner = min(
            waiting,
            key=lambda name: (
                running[name],
                served[name],
                waiting[name][0].created_at,
                name,
            ),
        )
        job = waiting[owner].popleft()
        order.append(job)
        running[owner] += 1
        served[owner] = (2, float(len(order)))
        if not waiting[owner]:
            del waiting[owner]
    return order


class DurationEstimator:
    """A job's likely duration: median seconds per epoch of recent similar jobs."""

    def __init__(self, finished: Sequence[FinishedJob]) -> None:
        self._by_dataset: dict[tuple[str, str], list[float]] = defaultdict(list)
        self._by_task: dict[str, list[float]] = defaultdict(list)
        for job in finished[:RECENT_JOBS_FOR_ESTIMATES]:
            per_epoch = job.duration_seconds / max(job.epochs, 1)
            self._by_dataset[(job.task, job.dataset)].append(per_epoch)
            self._by_task[job.task].append(per_epoch)

    def seconds(self, task: str, dataset: str, epochs: int) -> float | None:
        samples = self._by_dataset.get((task, dataset)) or self._by_task.get(task)
        if not samples:
            return None
        return statistics.median(samples) * max(epochs, 1)


def _remaining_seconds(job: RunningJob, estimator: DurationEstimator) -> float:
    if job.eta_seconds is not None:
        return max(job.eta_seconds, 0.0)
    whole = estimator.seconds(job.task, job.dataset, job.epochs)
    return 0.0 if whole is None else max(whole - job.elapsed_seconds, 0.0)


def queue_places(
    order: Sequence[QueuedJob],
    running: Sequence[RunningJob],
    finished: Sequence[FinishedJob],
    worker_slots: int | None,
) -> dict[str, QueuePlace]:
    """Each queued job's place (1 = next) and estimated wait in seconds.

    The wait is None without a live worker (``worker_slots``) or without a
    past job to measure, and for every job behind one it cannot estimate.
    """
    estimator = DurationEstimator(finished)
    places: dict[str, QueuePlace] = {}
    free_at: list[float] | None = None
    if worker_slots:
        remaining = sorted(_remaining_seconds(job, estimator) for job in running)
        free_at = (remaining + [0.0] * worker_slots)[:worker_slots]
        # More running jobs than slots (a worker just left): the first to end
        # free the slots.
        heapq.heapify(free_at)
    for position, job in enumerate(order, start=1):
        wait = None
        duration = estimator.seconds(job.task, job.dataset, job.epochs)
        if free_at is not None and duration is not None:
            wait = heapq.heappop(free_at)
            heapq.heappush(free_at, wait + duration)
        else:
            free_at = None
        places[job.id] = QueuePlace(position, None if wait is None else round(wait))
    return places
