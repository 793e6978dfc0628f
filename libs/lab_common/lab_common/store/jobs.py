"""Training jobs and their events: every transition is one transaction.

The worker calls ``start_attempt`` / ``record_*`` / ``finish``; the gateway calls
``create_job`` / ``request_cancel`` / ``reap_stale`` and reads. Transitions are
conditional updates (``WHERE status = ...``), so two processes never both win.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update
from sqlalchemy.engine import RowMapping

from lab_common.job_messages import (
    JobMessage,
    job_error,
    job_log,
    render_job_message,
)
from lab_common.jobs import (
    TERMINAL_STATUSES,
    EpochMetrics,
    JobEvent,
    JobStatus,
    TrainingJob,
    TrainingJobSpec,
)
from lab_common.messages import Language, current_language
from lab_common.problems import LabError
from lab_common.store.database import as_utc, training_jobs
from lab_common.store.events import MAX_EVENTS_PER_READ, add_event, read_events
from lab_common.store.queue import (
    QueueState,
    claim_next_job,
    message_of,
    read_queue_state,
)

MAX_LISTED_JOBS = 500


class JobNotFound(LabError):
    status = 404
    type = "/problems/job-not-found"


def _now() -> datetime:
    return datetime.now(UTC)


def _error_in(data: Mapping[str, Any], language: Language) -> str | None:
    """A job's (or status event's) reason, told from its code in ``language``."""
    code = data.get("error_code")
    if not code:
        return data.get("error")
    return render_job_message(
        "error",
        code,
        data.get("error_params"),
        language,
        fallback=data.get("error") or "",
    )


def localized_event(event: JobEvent, language: Language) -> JobEvent:
    """``event`` with its message (log line or reason) in ``language``."""
    data = event.data
    if event.kind == "log" and data.get("code"):
        message = render_job_message(
            "log", data["code"], data.get("params"), language,
            fallback=str(data.get("message", "")),
        )  # fmt: skip
        return event.model_copy(update={"data": {**data, "message": message}})
    if event.kind == "status" and data.get("error_code"):
        return event.model_copy(
            update={"data": {**data, "error": _error_in(data, language)}}
        )
    return event


def _to_job(row: RowMapping, language: Language) -> TrainingJob:
    return TrainingJob(
        id=row["id"],
        owner=row["owner"],
        status=JobStatus(row["status"]),
        spec=TrainingJobSpec.model_validate(row["spec"]),
        attempts=row["attempts"],
        epoch=row["epoch"],
        progress=row["progress"],
        eta_seconds=row["eta_seconds"],
        history=[EpochMetrics.model_validate(item) for item in row["history"]],
        test_metrics=row["test_metrics"],
        error=_error_in(row, language),
        error_code=row["error_code"],
        error_params=row["error_params"] or {},
        model_name=row["model_name"],
        model_version=row["model_version"],
        cancel_requested=row["cancel_requested"],
        created_at=as_utc(row["created_at"]),
        started_at=as_utc(row["started_at"]),
        finished_at=as_utc(row["finished_at"]),
        heartbeat_at=as_utc(row["heartbeat_at"]),
        worker=row["worker"],
    )


def _add_log(db: Connection, job_id: str, line: JobMessage) -> JobEvent:
    data = {"message": line.message, "code": line.code, "params": line.params}
    return add_event(db, job_id, "log", data)


class JobStore:
    """Reads and writes jobs; safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- writes by the gateway -------------------------------------------------

    def create_job(self, spec: TrainingJobSpec, owner: str) -> TrainingJob:
        job_id = uuid.uuid4().hex
        with self.engine.begin() as db:
            db.execute(
                insert(training_jobs).values(
                    id=job_id,
                    owner=owner,
                    task=spec.task,
                    status=JobStatus.QUEUED,
                    spec=spec.model_dump(mode="json"),
                    challenge_id=spec.challenge_id,
                    attempts=0,
                    epoch=0,
                    progress=0.0,
                    history=[],
                    test_metrics={},
                    cancel_requested=False,
                    created_at=_now(),
                )
            )
            add_event(db, job_id, "status", {"status": JobStatus.QUEUED})
        return self.get_job(job_id)

    def request_cancel(self, job_id: str) -> TrainingJob:
        """A queued job is cancelled at once; a running one at its next batch."""
        with self.engine.begin() as db:
            job = self._get(db, job_id)
            if job.status == JobStatus.QUEUED:
                self._transition(
                    db, job_id, {JobStatus.QUEUED}, JobStatus.CANCELLED,
                    error=job_error("cancelled-before-start"),
                )  # fmt: skip
            elif job.status == JobStatus.RUNNING and not job.cancel_requested:
                db.execute(
                    update(training_jobs)
                    .where(training_jobs.c.id == job_id)
                    .values(cancel_requested=True)
                )
                _add_log(db, job_id, job_log("cancel_requested"))
        return self.get_job(job_id)

    def fail_queued(self, job_id: str, error: JobMessage) -> bool:
        """A job no worker will ever see (the queue refused it) ends failed."""
        with self.engine.begin() as db:
            return self._transition(
                db, job_id, {JobStatus.QUEUED}, JobStatus.FAILED, error=error
            )

    def reap_stale(self, heartbeat_timeout_seconds: float) -> list[str]:
        """Fail running jobs whose worker stopped beating (killed, host down)."""
        limit = _now() - timedelta(seconds=heartbeat_timeout_seconds)
        with self.engine.begin() as db:
            stale = db.execute(
                select(training_jobs.c.id).where(
                    training_jobs.c.status == JobStatus.RUNNING,
                    training_jobs.c.heartbeat_at < limit,
                )
            ).scalars()
            reaped = []
            error = job_error("worker-lost", seconds=round(heartbeat_timeout_seconds))
            for job_id in list(stale):
                if self._transition(
                    db, job_id, {JobStatus.RUNNING}, JobStatus.FAILED, error=error
                ):
                    reaped.append(job_id)
        return reaped

    # --- writes by the worker --------------------------------------------------

    def claim_next_job(self, message_id: str) -> str | None:
        """The fairest queued job, for the worker holding ``message_id``.

        See ``lab_common.store.queue``; ``start_attempt`` then starts it.
        """
        return claim_next_job(self.engine, message_id)

    def start_attempt(self, job_id: str, worker: str) -> TrainingJob | None:
        """Mark the job running for one more attempt; None if it must not run.

        A redelivered message (the worker died) finds the job ``running`` and
        starts it again with ``attempts`` incremented.
        """
        with self.engine.begin() as db:
            job = self._get(db, job_id)
            if job.status in TERMINAL_STATUSES:
                return None
            if job.cancel_requested:
                self._transition(
                    db, job_id, {job.status}, JobStatus.CANCELLED,
                    error=job_error("cancelled-before-start"),
                )  # fmt: skip
                return None
            now = _now()
            db.execute(
                update(training_jobs)
                .where(training_jobs.c.id == job_id)
                .values(
                    status=JobStatus.RUNNING,
                    attempts=training_jobs.c.attempts + 1,
                    started_at=now,
                    heartbeat_at=now,
                    worker=worker,
                    epoch=0,
                    progress=0.0,
                    eta_seconds=None,
                    history=[],
                )
            )
            add_event(
                db, job_id, "status",
                {"status": JobStatus.RUNNING, "attempt": job.attempts + 1},
            )  # fmt: skip
        return self.get_job(job_id)

    def record_progress(
        self,
        job_id: str,
        *,
        kind: str,
        data: Mapping[str, Any],
        progress: float,
        eta_seconds: float | None,
        epoch: EpochMetrics | None = None,
    ) -> JobEvent:
        """Store a ``batch`` or ``epoch`` event, the progress and a heartbeat."""
        values: dict[str, Any] = {
            "progress": min(max(progress, 0.0), 1.0),
            "eta_seconds": eta_seconds,
            "heartbeat_at": _now(),
        }
        with self.engine.begin() as db:
            if epoch is not None:
                history = db.execute(
                    select(training_jobs.c.history).where(training_jobs.c.id == job_id)
                ).scalar_one()
                values["history"] = [*history, epoch.model_dump(mode="json")]
                values["epoch"] = epoch.epoch
            db.execute(
                update(training_jobs)
                .where(training_jobs.c.id == job_id)
                .values(**values)
            )
            return add_event(db, job_id, kind, dict(data))

    def heartbeat(self, job_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(
                update(training_jobs)
                .where(training_jobs.c.id == job_id)
                .values(heartbeat_at=_now())
            )

    def add_log(self, job_id: str, line: JobMessage) -> JobEvent:
        """A log line: its code and params (readers render them), and its English."""
        with self.engine.begin() as db:
            return _add_log(db, job_id, line)

    def finish(
        self,
        job_id: str,
        status: JobStatus,
        *,
        error: JobMessage | None = None,
        test_metrics: dict[str, float] | None = None,
        model_name: str | None = None,
        model_version: str | None = None,
    ) -> bool:
        """End a running job; False if it had already ended (e.g. reaped)."""
        with self.engine.begin() as db:
            return self._transition(
                db,
                job_id,
                {JobStatus.RUNNING},
                status,
                error=error,
                test_metrics=test_metrics or {},
                model_name=model_name,
                model_version=model_version,
                progress=1.0 if status == JobStatus.SUCCEEDED else None,
            )

    # --- reads -----------------------------------------------------------------

    def get_job(self, job_id: str, language: Language | None = None) -> TrainingJob:
        """The job, its reason told in ``language`` (default: the request's)."""
        with self.engine.connect() as db:
            return self._get(db, job_id, language)

    def is_cancel_requested(self, job_id: str) -> bool:
        with self.engine.connect() as db:
            return bool(
                db.execute(
                    select(training_jobs.c.cancel_requested).where(
                        training_jobs.c.id == job_id
                    )
                ).scalar()
            )

    def list_jobs(
        self,
        *,
        status: JobStatus | None = None,
        task: str | None = None,
        owner: str | None = None,
        limit: int = 100,
        language: Language | None = None,
        outside_challenges: bool = False,
    ) -> list[TrainingJob]:
        """Newest first; ``outside_challenges``: none trained in a challenge."""
        language = language or current_language()
        query = select(training_jobs).order_by(training_jobs.c.created_at.desc())
        if status is not None:
            query = query.where(training_jobs.c.status == status)
        if task is not None:
            query = query.where(training_jobs.c.task == task)
        if owner is not None:
            query = query.where(training_jobs.c.owner == owner)
        if outside_challenges:
            query = query.where(training_jobs.c.challenge_id.is_(None))
        query = query.limit(min(limit, MAX_LISTED_JOBS))
        with self.engine.connect() as db:
            return [_to_job(row, language) for row in db.execute(query).mappings()]

    def queue_state(self) -> QueueState:
        """Queued jobs in fair order, with what their waits are estimated from."""
        with self.engine.connect() as db:
            return read_queue_state(db)

    def message_of(self, job_id: str) -> str:
        """The Celery task id running ``job_id`` (to revoke it)."""
        return message_of(self.engine, job_id)

    def count_active_in_challenge(self, owner: str, challenge_id: str) -> int:
        """Jobs of ``owner`` in ``challenge_id`` that are queued or running."""
        query = select(func.count()).where(
            training_jobs.c.owner == owner,
            training_jobs.c.challenge_id == challenge_id,
            training_jobs.c.status.in_([JobStatus.QUEUED, JobStatus.RUNNING]),
        )
        with self.engine.connect() as db:
            return int(db.execute(query).scalar_one())

    def events_since(
        self,
        job_id: str,
        after_id: int = 0,
        limit: int = MAX_EVENTS_PER_READ,
        language: Language | None = None,
    ) -> list[JobEvent]:
        """Events of ``job_id`` with an id above ``after_id``, oldest first, their
        messages told in ``language`` (default: the request's)."""
        language = language or current_language()
        with self.engine.connect() as db:
            events = read_events(db, job_id, after_id, limit)
        return [localized_event(event, language) for event in events]

    # --- helpers ---------------------------------------------------------------

    def _get(
        self, db: Connection, job_id: str, language: Language | None = None
    ) -> TrainingJob:
        row = (
            db.execute(select(training_jobs).where(training_jobs.c.id == job_id))
            .mappings()
            .first()
        )
        if row is None:
            raise JobNotFound("unknown", job_id=job_id)
        return _to_job(row, language or current_language())

    def _transition(
        self,
        db: Connection,
        job_id: str,
        allowed_from: Iterable[JobStatus],
        status: JobStatus,
        *,
        error: JobMessage | None = None,
        progress: float | None = None,
        **values: Any,
    ) -> bool:
        now = _now()
        reason: dict[str, Any] = {}
        if error is not None:
            reason = {
                "error": error.message,
                "error_code": error.code,
                "error_params": error.params,
            }
        changes: dict[str, Any] = {"status": status, **reason, **values}
        if status in TERMINAL_STATUSES:
            changes["finished_at"] = now
        if progress is not None:
            changes["progress"] = progress
        result = db.execute(
            update(training_jobs)
            .where(
                training_jobs.c.id == job_id,
                training_jobs.c.status.in_([str(s) for s in allowed_from]),
            )
            .values(**changes)
        )
        if result.rowcount == 0:
            return False
        data: dict[str, Any] = {"status": status, **reason}
        for key in ("model_name", "model_version", "test_metrics"):
            if values.get(key):
                data[key] = values[key]
        add_event(db, job_id, "status", data)
        return True
