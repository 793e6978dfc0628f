"""Training jobs from the gateway's side: check the dataset, enqueue, cancel, reap.

The job store is the source of truth; the Celery message only carries the job
id to the trainer. Every broker call runs in a thread under a timeout, so a dead
Redis fails a request quickly with a named problem instead of hanging it.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from celery import Celery

from lab_common import job_queue
from lab_common.datasets.catalogue import dataset_ids
from lab_common.diagnosis import Diagnosis, diagnose
from lab_common.job_messages import job_error
from lab_common.job_queue import BROKER_ERRORS, BrokerUnreachable
from lab_common.jobs import JobStatus, Task, TrainingJob, TrainingJobSpec
from lab_common.logging import current_request_id
from lab_common.problems import FieldError, LabError, ModelNotFound, ValidationFailed
from lab_common.registry import ModelRegistry
from lab_common.store import ApiKey, JobStore
from lab_gateway.models import check_may_promote
from lab_gateway.settings import Settings

logger = logging.getLogger(__name__)

# Above the broker's own connection timeout (celery_config), so it fails first.
ENQUEUE_TIMEOUT_SECONDS = 10.0
CONTROL_TIMEOUT_SECONDS = 5.0
REAP_INTERVAL_SECONDS = 5.0


class QueueUnavailable(LabError):
    status = 503
    type = "/problems/queue-unavailable"


def create_producer(settings: Settings) -> Celery:
    """A Celery app that only sends messages; it never imports trainer code."""
    return job_queue.create_producer(
        settings.redis_url, settings.training_soft_time_limit_seconds
    )


# --- datasets -----------------------------------------------------------------


def check_dataset_known(
    dataset_id: str, task: Task, settings: Settings, pointer: str = "/body/dataset"
) -> None:
    """Refuse (422) a dataset no worker could load, naming those that exist."""
    known = sorted(dataset_ids(task, settings.datasets_dir))
    if dataset_id in known:
        return
    error = FieldError(
        pointer,
        "unknown_dataset",
        {"task": task, "dataset": dataset_id, "known": ", ".join(known)},
    )
    raise ValidationFailed("fields", errors=[error], members={"known_datasets": known})


# --- the spec a key may send ---------------------------------------------------


def named_for_key(spec: TrainingJobSpec, key: ApiKey) -> TrainingJobSpec:
    """The spec with its model name; a team's default name starts with the team.

    Without it, two teams training the same dataset and architecture would
    write versions of one model.
    """
    if spec.model_name is not None or key.team is None:
        return spec
    return spec.model_copy(update={"model_name": spec.default_model_name(key.team)})


def check_spec_allowed(spec: TrainingJobSpec, key: ApiKey, settings: Settings) -> None:
    """Refuse (403) a spec whose ``promote`` would move a served model's alias.

    The worker promotes without a key in hand: this is the promotion check the
    job meets, before anything is stored or queued.
    """
    if spec.promote:
        check_may_promote(spec.resolved_model_name, key, settings.served_models)


# --- the broker -----------------------------------------------------------------


async def call_broker(call: Callable[[], object], timeout_seconds: float) -> None:
    try:
        await asyncio.wait_for(asyncio.to_thread(call), timeout_seconds)
    except TimeoutError as exc:
        raise BrokerUnreachable(f"no answer within {timeout_seconds:g} s") from exc
    except BROKER_ERRORS as exc:
        raise BrokerUnreachable(str(exc)) from exc


async def submit_job(
    spec: TrainingJobSpec, owner: str, store: JobStore, celery: Celery
) -> TrainingJob:
    """Store the job, then queue its id; a dead broker fails it (503).

    ``lab_common.job_queue.queue_job`` step by step, the send under a timeout.
    """
    job = await asyncio.to_thread(store.create_job, spec, owner)
    send = functools.partial(job_queue.send_job, celery, job.id, current_request_id())
    try:
        await call_broker(send, ENQUEUE_TIMEOUT_SECONDS)
    except BrokerUnreachable as exc:
        await asyncio.to_thread(job_queue.fail_unsent, store, job.id, str(exc))
        raise QueueUnavailable(
            "redis", error=str(exc), job_id=job.id, members={"job_id": job.id}
        ) from exc
    job_queue.log_queued(job)
    return job


# --- cancelling -----------------------------------------------------------------


async def _revoke(celery: Celery, job_id: str, **options: Any) -> bool:
    revoke = functools.partial(celery.control.revoke, job_id, **options)
    try:
        await call_broker(revoke, CONTROL_TIMEOUT_SECONDS)
    except BrokerUnreachable as exc:
        logger.warning("job.revoke_failed", extra={"job_id": job_id, "error": str(exc)})
        return False
    return True


async def _stop_by_force(
    store: JobStore, celery: Celery, job_id: str, grace_seconds: float
) -> None:
    """Kill a job that ignored its cancel request for ``grace_seconds``."""
    await asyncio.sleep(grace_seconds)
    job = await asyncio.to_thread(store.get_job, job_id)
    if job.status != JobStatus.RUNNING:
        return  # the worker stopped at a batch boundary, as it should
    # The job runs under the message that claimed it (the fair queue).
    message_id = await asyncio.to_thread(store.message_of, job_id)
    await _revoke(celery, message_id, terminate=True, signal="SIGKILL")
    error = job_error("cancelled-by-force", grace_seconds=grace_seconds)
    if await asyncio.to_thread(store.finish, job_id, JobStatus.CANCELLED, error=error):
        logger.warning("job.killed", extra={"job_id": job_id})


async def cancel_job(
    job: TrainingJob,
    store: JobStore,
    celery: Celery,
    background: BackgroundWork,
    grace_seconds: float,
) -> TrainingJob:
    """Queued: cancelled now. Running: asked to stop, killed after the grace."""
    if job.status.is_terminal:
        return job
    cancelled = await asyncio.to_thread(store.request_cancel, job.id)
    logger.info(
        "job.cancel_requested", extra={"job_id": job.id, "status": cancelled.status}
    )
    # No revoke of the job's own message: a message is a turn on a worker
    # (lab_common.store.queue); dropping it could leave another queued job
    # without one. The message of a cancelled job runs the next job, or nothing.
    if cancelled.status == JobStatus.RUNNING and not job.cancel_requested:
        background.spawn(
            _stop_by_force(store, celery, job.id, grace_seconds),
            name=f"job-stop-{job.id}",
        )
    return cancelled


# --- background work --------------------------------------------------------------


class BackgroundWork:
    """Tasks that outlive the request that started them; cancelled at shutdown."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], *, name: str) -> None:
        task = asyncio.create_task(_logging_failures(work, name), name=name)
        self._tasks.add(task)  # the loop keeps only weak references
        task.add_done_callback(self._tasks.discard)

    async def aclose(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


async def _logging_failures(work: Coroutine[Any, Any, None], name: str) -> None:
    try:
        await work
    except Exception as exc:
        logger.error("background.failed", extra={"task": name}, exc_info=exc)


async def reap_stale_jobs(
    store: JobStore,
    heartbeat_timeout_seconds: float,
    interval_seconds: float = REAP_INTERVAL_SECONDS,
) -> None:
    """Fail running jobs whose worker went silent, every ``interval_seconds``."""
    while True:
        try:
            reaped = await asyncio.to_thread(
                store.reap_stale, heartbeat_timeout_seconds
            )
        except Exception as exc:  # the database may be back next round
            logger.error("job.reap_failed", exc_info=exc)
        else:
            for job_id in reaped:
                logger.warning("job.reaped", extra={"job_id": job_id})
        await asyncio.sleep(interval_seconds)


def diagnose_job(job: TrainingJob, registry: ModelRegistry) -> Diagnosis:
    """The job's diagnosis, in the request's language: its history, its failure,
    and the validation confusion counts of the version it made (if stored).

    Reads a metadata file: call it in a thread. A version deleted since is a
    version without counts, not an error.
    """
    confusion, class_names = None, None
    if job.model_name and job.model_version:
        try:
            metadata = registry.get_metadata(job.model_name, job.model_version)
        except ModelNotFound:
            logger.warning(
                "job.diagnosis_without_version",
                extra={"job_id": job.id, "model": job.model_name},
            )
        else:
            confusion, class_names = metadata.validation_confusion, metadata.class_names
    return diagnose(
        job.history,
        job.spec.task,
        confusion,
        class_names,
        error_code=job.error_code,
        error_params=job.error_params,
    )
