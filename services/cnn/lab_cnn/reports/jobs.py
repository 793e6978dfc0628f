"""Report jobs: one background thread writes reports, requests never wait for it.

Each job lives in its own folder under the reports root (``JobFiles``)::

    <id>/job.json      the ReportJob below, replaced atomically on every change
    <id>/report.html   written when the job succeeds
    <id>/report.pdf

Jobs left queued or running by a stopped service are queued again at start.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from lab_cnn.reports.document import Progress, Report
from lab_common.job_files import JobFiles, finished_beyond
from lab_common.problems import LabError
from lab_common.vision.schemas import ReportJob, ReportStatus

logger = logging.getLogger(__name__)

ReportFormat = Literal["html", "pdf"]


class ReportNotFound(LabError):
    status = 404
    type = "/problems/report-not-found"


class ReportNotReady(LabError):
    status = 409
    type = "/problems/report-not-ready"


class ReportQueueFull(LabError):
    status = 503
    type = "/problems/report-queue-full"


WriteReport = Callable[[ReportJob, Progress], Report]


def _now() -> datetime:
    return datetime.now(UTC)


class ReportJobs:
    """The job table (in memory, mirrored on disk) and its single worker thread."""

    def __init__(
        self, root: Path, write: WriteReport, *, max_waiting: int = 8, keep: int = 50
    ) -> None:
        self._files = JobFiles(root, ReportJob)
        self._write = write
        self._max_waiting = max_waiting
        self._keep = keep
        self._lock = threading.Lock()
        self._jobs: dict[str, ReportJob] = {}
        # One worker: a report uses both cores for seconds; two would only interleave.
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report")
        self._resume()

    def _resume(self) -> None:
        for job in self._files.load_all():
            self._jobs[job.id] = job
            if job.status in (ReportStatus.QUEUED, ReportStatus.RUNNING):
                logger.info("report.requeued", extra={"report_id": job.id})
                self._update(
                    job.id,
                    status=ReportStatus.QUEUED,
                    stage=None,
                    progress=0.0,
                    started_at=None,
                )
                self._worker.submit(self._run, job.id)

    def submit(
        self,
        model: str,
        version: str,
        language: str,
        not_before: datetime | None = None,
    ) -> tuple[ReportJob, bool]:
        """The job for this report: an existing live one, or a new one (True).

        A job created before ``not_before`` is not reused (see ``check_current``).
        """
        with self._lock:
            for job in self._jobs.values():
                same = (job.model, job.version, job.language) == (
                    model,
                    version,
                    language,
                )
                stale = not_before is not None and job.created_at < not_before
                if same and not stale and job.status != ReportStatus.FAILED:
                    return job, False
            waiting = sum(
                job.status == ReportStatus.QUEUED for job in self._jobs.values()
            )
            if waiting >= self._max_waiting:
                raise ReportQueueFull("waiting", waiting=waiting)
            job = ReportJob(
                id=uuid.uuid4().hex,
                model=model,
                version=version,
                language=language,
                created_at=_now(),
            )
            self._jobs[job.id] = job
        self._files.save(job)
        self._worker.submit(self._run, job.id)
        return job, True

    def get(self, job_id: str) -> ReportJob:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise ReportNotFound("unknown", report=job_id)
        return job

    def list_jobs(self) -> list[ReportJob]:
        with self._lock:
            return sorted(
                self._jobs.values(), key=lambda job: job.created_at, reverse=True
            )

    def file(self, job_id: str, kind: ReportFormat) -> Path:
        job = self.get(job_id)
        if job.status == ReportStatus.FAILED:
            raise ReportNotReady("failed", report=job_id, reason=job.error or "?")
        if job.status != ReportStatus.SUCCEEDED:
            raise ReportNotReady(
                "in-progress",
                report=job_id,
                status=job.status.value,
                percent=round(job.progress * 100),
            )
        return self._files.folder(job_id) / f"report.{kind}"

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)

    def _update(self, job_id: str, **changes: object) -> ReportJob:
        with self._lock:
            job = self._jobs[job_id].model_copy(update=changes)
            self._jobs[job_id] = job
        self._files.save(job)
        return job

    def _run(self, job_id: str) -> None:
        job = self._update(
            job_id, status=ReportStatus.RUNNING, stage="loading", started_at=_now()
        )

        def progress(share: float, stage: str) -> None:
            self._update(job_id, progress=share, stage=stage)

        try:
            report = self._write(job, progress)
        except LabError as exc:
            self._fail(job_id, exc.detail)
            return
        except Exception as exc:  # a report must never take the service down
            logger.exception("report.failed", extra={"report_id": job_id})
            self._fail(job_id, f"the report could not be written ({exc!r})")
            return
        folder = self._files.folder(job_id)
        (folder / "report.html").write_text(report.html, encoding="utf-8")
        (folder / "report.pdf").write_bytes(report.pdf)
        self._update(
            job_id,
            status=ReportStatus.SUCCEEDED,
            progress=1.0,
            stage=None,
            finished_at=_now(),
        )
        self._prune()

    def _fail(self, job_id: str, reason: str) -> None:
        self._update(
            job_id, status=ReportStatus.FAILED, error=reason, finished_at=_now()
        )

    def _prune(self) -> None:
        """Delete the oldest finished reports beyond ``keep``."""
        with self._lock:
            jobs = list(self._jobs.values())
        finished = (ReportStatus.SUCCEEDED, ReportStatus.FAILED)
        for job in finished_beyond(jobs, self._keep, lambda j: j.status in finished):
            with self._lock:
                self._jobs.pop(job.id, None)
            self._files.delete(job.id)
