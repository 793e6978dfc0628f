"""The fair queue in the job store: claim the next job, read the queue's state.

Every queued job has one message on the training queue, sent when it was made.
A worker that receives a message does not run the message's own job: it claims
the fairest queued job (``lab_common.fair_queue.fair_order``) by writing the
message's id into that job's ``claimed_by``, one conditional update, so two
workers never claim the same job. Since each message takes at most one job and
each queued job brought one message, every queued job finds a message; a
message that finds nothing left (its job went to an earlier message, or was
cancelled) does nothing. A message delivered again (its worker died) finds the
job it had claimed and runs it again. The store, not Redis, holds the order:
a Redis restart loses nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, select, update

from lab_common.fair_queue import (
    RECENT_JOBS_FOR_ESTIMATES,
    FinishedJob,
    OwnerLoad,
    QueuedJob,
    RunningJob,
    fair_order,
)
from lab_common.jobs import TERMINAL_STATUSES, JobStatus
from lab_common.store.database import as_utc, training_jobs

_T = training_jobs.c


@dataclass(frozen=True)
class QueueState:
    """What the order and the estimates need, read in one go."""

    queued: list[QueuedJob]
    loads: dict[str, OwnerLoad]
    running: list[RunningJob]
    finished: list[FinishedJob]

    def order(self) -> list[QueuedJob]:
        return fair_order(self.queued, self.loads)


def _spec_fields(spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "task": str(spec.get("task", "")),
        "dataset": str(spec.get("dataset", "")),
        "epochs": int(spec.get("epochs") or 1),
    }


def _seconds_between(start: datetime | None, end: datetime | None) -> float:
    if start is None or end is None:
        return 0.0
    return max((end - start).total_seconds(), 0.0)


def _unclaimed_queued(db: Connection) -> list[QueuedJob]:
    rows = db.execute(
        select(_T.id, _T.owner, _T.created_at, _T.spec).where(
            _T.status == JobStatus.QUEUED, _T.claimed_by.is_(None)
        )
    ).mappings()
    return [
        QueuedJob(
            id=row["id"],
            owner=row["owner"],
            created_at=as_utc(row["created_at"]) or datetime.now(UTC),
            **_spec_fields(row["spec"]),
        )
        for row in rows
    ]


def _owner_loads(db: Connection, owners: set[str]) -> dict[str, OwnerLoad]:
    """Jobs running (or claimed, about to run) and the last start, per owner."""
    if not owners:
        return {}
    busy = (_T.status == JobStatus.RUNNING) | (
        (_T.status == JobStatus.QUEUED) & _T.claimed_by.is_not(None)
    )
    running = dict(
        db.execute(
            select(_T.owner, func.count())
            .where(_T.owner.in_(owners), busy)
            .group_by(_T.owner)
        ).all()
    )
    started = dict(
        db.execute(
            select(_T.owner, func.max(_T.started_at))
            .where(_T.owner.in_(owners))
            .group_by(_T.owner)
        ).all()
    )
    return {
        owner: OwnerLoad(int(running.get(owner, 0)), as_utc(started.get(owner)))
        for owner in owners
    }


def read_queue_state(db: Connection, now: datetime | None = None) -> QueueState:
    """Queued jobs, owners' loads, running jobs and recent durations."""
    now = now or datetime.now(UTC)
    queued = _unclaimed_queued(db)
    loads = _owner_loads(db, {job.owner for job in queued})
    running_rows = db.execute(
        select(_T.spec, _T.started_at, _T.eta_seconds).where(
            _T.status == JobStatus.RUNNING
        )
    ).mappings()
    running = [
        RunningJob(
            elapsed_seconds=_seconds_between(as_utc(row["started_at"]), now),
            eta_seconds=row["eta_seconds"],
            **_spec_fields(row["spec"]),
        )
        for row in running_rows
    ]
    finished_rows = db.execute(
        select(_T.spec, _T.started_at, _T.finished_at)
        .where(_T.status == JobStatus.SUCCEEDED, _T.started_at.is_not(None))
        .order_by(_T.finished_at.desc())
        .limit(RECENT_JOBS_FOR_ESTIMATES)
    ).mappings()
    finished = [
        FinishedJob(
            duration_seconds=_seconds_between(
                as_utc(row["started_at"]), as_utc(row["finished_at"])
            ),
            **_spec_fields(row["spec"]),
        )
        for row in finished_rows
    ]
    return QueueState(queued, loads, running, finished)


def _claimed_earlier(db: Connection, message_id: str) -> str | None:
    """The unfinished job this message claimed before its worker died."""
    return db.execute(
        select(_T.id).where(
            _T.claimed_by == message_id,
            _T.status.not_in([str(status) for status in TERMINAL_STATUSES]),
        )
    ).scalar()


def claim_next_job(engine: Engine, message_id: str) -> str | None:
    """The id of the job the worker holding ``message_id`` must run, or None.

    A lost race means another worker took (or a user cancelled) the chosen
    job: the queue shrank, so the loop ends.
    """
    with engine.connect() as db:
        earlier = _claimed_earlier(db, message_id)
    if earlier is not None:
        return earlier
    while True:
        with engine.connect() as db:
            order = read_queue_state(db).order()
        if not order:
            return None
        chosen = order[0].id
        # The conditional update is the first statement of its transaction: on
        # SQLite it takes the write lock directly (waiting its turn), on
        # PostgreSQL a second claimant re-reads the row and matches nothing.
        with engine.begin() as db:
            claimed = db.execute(
                update(training_jobs)
                .where(
                    _T.id == chosen,
                    _T.status == JobStatus.QUEUED,
                    _T.claimed_by.is_(None),
                )
                .values(claimed_by=message_id)
            ).rowcount
        if claimed:
            return chosen


def message_of(engine: Engine, job_id: str) -> str:
    """The id of the message (Celery task) that runs ``job_id``."""
    with engine.connect() as db:
        claimed = db.execute(select(_T.claimed_by).where(_T.id == job_id)).scalar()
    return claimed or job_id
