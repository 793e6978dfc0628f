"""Background jobs of a service kept as one JSON file each, so a restart
remembers them (the cnn's analysis reports, the nlp's evaluations)::

    <root>/<id>/job.json    replaced atomically on every change
    <root>/<id>/...         whatever else the job writes (a report's PDF)
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel, ValidationError

logger = logging.getLogger(__name__)

JOB_FILENAME = "job.json"


# Any pydantic model with ``id: str`` and ``created_at: datetime`` fields.
JobT = TypeVar("JobT", bound=BaseModel)


class JobFiles(Generic[JobT]):
    """Reads and writes jobs of one pydantic model under ``root``."""

    def __init__(self, root: Path, model: type[JobT]) -> None:
        self.root = root
        self._model = model
        root.mkdir(parents=True, exist_ok=True)

    def folder(self, job_id: str) -> Path:
        return self.root / job_id

    def save(self, job: JobT) -> None:
        """Write ``job``; a reader sees the old file or the new one, never half."""
        folder = self.folder(job.id)  # type: ignore[attr-defined]
        folder.mkdir(exist_ok=True)
        temporary = folder / f"{JOB_FILENAME}.tmp"
        temporary.write_text(job.model_dump_json(indent=2), encoding="utf-8")
        temporary.replace(folder / JOB_FILENAME)

    def load_all(self) -> list[JobT]:
        """Every stored job; a file that no longer parses is skipped and logged."""
        jobs = []
        for path in sorted(self.root.glob(f"*/{JOB_FILENAME}")):
            try:
                jobs.append(self._model.model_validate_json(path.read_bytes()))
            except (ValidationError, OSError) as exc:
                logger.warning(
                    "job_file.unreadable", extra={"path": str(path), "error": str(exc)}
                )
        return jobs

    def delete(self, job_id: str) -> None:
        shutil.rmtree(self.folder(job_id), ignore_errors=True)


def finished_beyond(
    jobs: Iterable[JobT], keep: int, is_finished: Callable[[JobT], bool]
) -> list[JobT]:
    """The finished jobs older than the ``keep`` newest finished ones."""
    finished = sorted(
        (job for job in jobs if is_finished(job)),
        key=lambda job: job.created_at,  # type: ignore[attr-defined]
        reverse=True,
    )
    return finished[keep:]
