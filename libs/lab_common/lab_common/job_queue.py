"""Creating a training job: its row in the job store, then the Celery message.

The one way a job comes to be, for a user's spec (the gateway) as for the
default models of a first start (``lab_trainer.first_start``): so every model
version, whoever asked for it, is trained and registered by the same worker
code and shows on the jobs page. The message only carries the job id; the
producer never imports TensorFlow or trainer code.
"""

from __future__ import annotations

import logging

import redis
from celery import Celery
from kombu.exceptions import OperationalError

from lab_common.celery_config import DEFAULT_SOFT_TIME_LIMIT_SECONDS, celery_config
from lab_common.job_messages import job_error
from lab_common.jobs import TRAIN_MODEL_TASK, TrainingJob, TrainingJobSpec
from lab_common.store import JobStore

logger = logging.getLogger(__name__)

# What a dead, refusing or silent Redis raises from a Celery call.
BROKER_ERRORS = (OperationalError, redis.RedisError, OSError)


class BrokerUnreachable(Exception):
    """Redis refused, dropped or did not answer a Celery call."""


def create_producer(
    redis_url: str, soft_time_limit_seconds: int = DEFAULT_SOFT_TIME_LIMIT_SECONDS
) -> Celery:
    """A Celery app that only sends messages (same transport options as workers)."""
    celery = Celery("lab_producer", set_as_current=False)
    celery.conf.update(celery_config(redis_url, soft_time_limit_seconds))
    return celery


def send_job(celery: Celery, job_id: str, request_id: str | None = None) -> None:
    """The message of a stored job: its id, as the task id too (revocable by id)."""
    celery.send_task(
        TRAIN_MODEL_TASK,
        args=[job_id],
        task_id=job_id,
        headers={"request_id": request_id},
    )


def fail_unsent(store: JobStore, job_id: str, reason: str) -> None:
    """A job whose message never left would stay queued forever: fail it."""
    logger.error("job.enqueue_failed", extra={"job_id": job_id, "error": reason})
    store.fail_queued(job_id, job_error("queue-unavailable", reason=reason))


def log_queued(job: TrainingJob) -> None:
    logger.info(
        "job.queued",
        extra={"job_id": job.id, "owner": job.owner, "task": job.spec.task},
    )


def queue_job(
    spec: TrainingJobSpec,
    owner: str,
    store: JobStore,
    celery: Celery,
    request_id: str | None = None,
) -> TrainingJob:
    """Store the job, then send its id; ``BrokerUnreachable`` (job failed) if not.

    Blocking: the gateway calls ``send_job`` itself under a timeout instead.
    """
    job = store.create_job(spec, owner)
    try:
        send_job(celery, job.id, request_id)
    except BROKER_ERRORS as exc:
        fail_unsent(store, job.id, str(exc))
        raise BrokerUnreachable(str(exc)) from exc
    log_queued(job)
    return job
