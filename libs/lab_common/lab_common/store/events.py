"""A job's events (the ids the SSE stream resumes from): written in the same
transaction as the job change they tell of, read in order."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from lab_common.jobs import JobEvent
from lab_common.store.database import as_utc, job_events

MAX_EVENTS_PER_READ = 1000


def add_event(db: Connection, job_id: str, kind: str, data: dict[str, Any]) -> JobEvent:
    created_at = datetime.now(UTC)
    event_id = db.execute(
        insert(job_events)
        .values(job_id=job_id, kind=kind, data=data, created_at=created_at)
        .returning(job_events.c.id)
    ).scalar_one()
    return JobEvent(
        id=event_id, job_id=job_id, kind=kind, data=data, created_at=created_at
    )


def read_events(
    db: Connection, job_id: str, after_id: int, limit: int = MAX_EVENTS_PER_READ
) -> list[JobEvent]:
    """Events of ``job_id`` with an id above ``after_id``, oldest first."""
    query = (
        select(job_events)
        .where(job_events.c.job_id == job_id, job_events.c.id > after_id)
        .order_by(job_events.c.id)
        .limit(limit)
    )
    return [
        JobEvent(
            id=row["id"],
            job_id=row["job_id"],
            kind=row["kind"],
            data=row["data"],
            created_at=as_utc(row["created_at"]),
        )
        for row in db.execute(query).mappings()
    ]
