"""The Celery tasks: a message in, the job store says which job to run.

The job row in the job store is the source of truth. A training message is a
turn on a worker: the worker runs the fairest queued job, which is not always
the message's own (``lab_common.store.queue``: round robin across teams); a
redelivered message finds the job it had claimed (``start_attempt`` decides).
"""

from __future__ import annotations

import functools
import os
import uuid

from celery import Task, shared_task
from celery.utils.log import get_task_logger
from sqlalchemy.exc import OperationalError

from lab_common.jobs import SCORE_SUBMISSION_TASK, TRAIN_MODEL_TASK, JobStatus
from lab_common.store import JobStore, connect_database
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
    """Run the fairest queued job (sent for ``job_id``); its final status, None
    if no job was left to run."""
    # ``create_celery`` attaches its settings; any other app reads the environment.
    settings: Settings = getattr(self.app, "settings", None) or get_settings()
    worker_name = f"{self.request.hostname}/{os.getpid()}"
    logger.info("job.received", extra={"job_id": job_id, "worker": worker_name})
    chosen = claim_fair_job(settings, self.request.id or job_id)
    if chosen is None:
        logger.info("job.nothing_to_claim", extra={"job_id": job_id})
        return None
    if chosen != job_id:
        logger.info("job.claimed", extra={"job_id": chosen, "message_id": job_id})
        hand_on_turn(self, settings, job_id)
    # Imported here, in the forked child: TensorFlow must never load in the
    # parent, whose state every child would inherit.
    from lab_trainer.training.runner import run_training_job

    status = run_training_job(chosen, settings, worker_name)
    if status == JobStatus.SUCCEEDED:
        queue_baseline_scoring(chosen, settings, functools.partial(_send_scoring, self))
    return None if status is None else str(status)


def claim_fair_job(settings: Settings, message_id: str) -> str | None:
    """The job the message ``message_id`` runs: its claimed one, or the fairest."""
    engine = connect_database(settings.database_url)
    try:
        return JobStore(engine).claim_next_job(message_id)
    finally:
        engine.dispose()


def hand_on_turn(task: Task, settings: Settings, job_id: str) -> None:
    """Send ``job_id`` a new turn when its message ran another job.

    A job in the store without a message of its own (its message lost with a
    Redis that kept no data, or a row written by hand) would otherwise take the
    turn of a job that has one and leave it queued for ever. A spare message is
    harmless: finding no queued job, it does nothing.
    """
    engine = connect_database(settings.database_url)
    try:
        job = JobStore(engine).get_job(job_id)
    finally:
        engine.dispose()
    if job.status != JobStatus.QUEUED or job.cancel_requested:
        return
    message_id = uuid.uuid4().hex  # a new turn, never mistaken for the old one
    task.app.send_task(TRAIN_MODEL_TASK, args=[job_id], task_id=message_id)
    logger.info(
        "job.turn_handed_on", extra={"job_id": job_id, "message_id": message_id}
    )


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
