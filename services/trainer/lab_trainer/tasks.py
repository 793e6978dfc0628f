"""The Celery task: a job id in, ``run_training_job`` does the rest.

The job row in the job store is the source of truth; the message only carries
the id, so a redelivered message is harmless (``start_attempt`` decides).
"""

from __future__ import annotations

import functools
import os

from celery import Task, shared_task
from celery.utils.log import get_task_logger
from sqlalchemy.exc import OperationalError

from lab_common.jobs import SCORE_SUBMISSION_TASK, TRAIN_MODEL_TASK, JobStatus
from lab_trainer.baselines import queue_baseline_scoring
from lab_trainer.settings import Settings, get_settings

logger = get_task_logger(__name__)

# The job store unreachable or locked before the job could start or finish: a
# transient failure, worth a few retries with backoff (the job itself is never
# retried for its own errors; they end it ``failed``).
STORE_RETRIES = 5


@shared_task(
    name=TRAIN_MODEL_TASK,
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=STORE_RETRIES,
)
def train_model(self: Task, job_id: str) -> str | None:
    """Run training job ``job_id``; its final status, None if it was not run."""
    # ``create_celery`` attaches its settings; any other app reads the environment.
    settings: Settings = getattr(self.app, "settings", None) or get_settings()
    worker_name = f"{self.request.hostname}/{os.getpid()}"
    logger.info("job.received", extra={"job_id": job_id, "worker": worker_name})
    # Imported here, in the forked child: TensorFlow must never load in the
    # parent, whose state every child would inherit.
    from lab_trainer.training.runner import run_training_job

    status = run_training_job(job_id, settings, worker_name)
    if status == JobStatus.SUCCEEDED:
        queue_baseline_scoring(job_id, settings, functools.partial(_send_scoring, self))
    return None if status is None else str(status)


def _send_scoring(task: Task, submission_id: str) -> None:
    task.app.send_task(
        SCORE_SUBMISSION_TASK, args=[submission_id], task_id=submission_id
    )


@shared_task(
    name=SCORE_SUBMISSION_TASK,
    bind=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=STORE_RETRIES,
)
def score_submission(self: Task, submission_id: str) -> str:
    """Score challenge submission ``submission_id`` on the hidden splits."""
    settings: Settings = getattr(self.app, "settings", None) or get_settings()
    logger.info("submission.received", extra={"submission_id": submission_id})
    # Imported here, in the forked child, as for training (TensorFlow).
    from lab_trainer.scoring import score_submission as score

    return score(submission_id, settings)
