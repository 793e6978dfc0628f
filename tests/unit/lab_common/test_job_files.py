"""Jobs kept as one JSON file each: written whole, read back, a broken file skipped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import BaseModel

from lab_common.job_files import JOB_FILENAME, JobFiles, finished_beyond

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


class Job(BaseModel):
    id: str
    status: str
    created_at: datetime = EPOCH


def test_saved_jobs_are_read_back_and_a_broken_file_is_skipped(tmp_path: Path) -> None:
    files = JobFiles(tmp_path / "jobs", Job)
    files.save(Job(id="a", status="queued"))
    files.save(Job(id="a", status="succeeded"))  # replaces the first
    files.save(Job(id="b", status="running"))
    (files.folder("c")).mkdir()
    (files.folder("c") / JOB_FILENAME).write_text("{not json")

    jobs = files.load_all()

    assert jobs == [Job(id="a", status="succeeded"), Job(id="b", status="running")]
    assert not list(files.root.glob(f"*/{JOB_FILENAME}.tmp"))


def test_a_deleted_job_takes_its_folder_with_it(tmp_path: Path) -> None:
    files = JobFiles(tmp_path, Job)
    files.save(Job(id="a", status="succeeded"))
    (files.folder("a") / "report.pdf").write_bytes(b"%PDF")

    files.delete("a")

    assert not files.folder("a").exists()
    assert files.load_all() == []


def test_only_finished_jobs_older_than_the_newest_kept_are_pruned() -> None:
    jobs = [
        Job(id=str(minute), status=status, created_at=EPOCH + timedelta(minutes=minute))
        for minute, status in enumerate(
            ["succeeded", "failed", "running", "succeeded", "succeeded"]
        )
    ]

    pruned = finished_beyond(jobs, keep=2, is_finished=lambda j: j.status != "running")

    assert [job.id for job in pruned] == ["1", "0"]  # "2" runs, "3" and "4" are kept
