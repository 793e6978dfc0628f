"""One training job from start to end: ``run_training_job(job_id, settings, ...)``.

The job store says what to do and records everything the user sees. The model
goes into the registry only once training and testing succeeded, through a
staging folder renamed into place, so a killed worker leaves no partial version.
Every failure of the job ends it ``failed`` with a message saying what to change
and is not raised to Celery, since a retry would fail the same way; only errors
of the job store itself (``OperationalError``) reach the task, which retries.
"""

from __future__ import annotations

import functools
import logging
import time
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded

from lab_common.datasets.images import ImageDataset
from lab_common.job_messages import JobMessage, job_error, job_log
from lab_common.jobs import JobStatus, TrainingJob
from lab_common.problems import LabError
from lab_common.registry import ModelRegistry
from lab_common.store import JobNotFound, JobStore, connect_database
from lab_trainer.settings import Settings
from lab_trainer.training.data import (
    DataLoader,
    TrainingData,
    load_challenge_data,
    load_training_data,
)
from lab_trainer.training.embeddings import choose_embedding
from lab_trainer.training.fitting import FitOutcome
from lab_trainer.training.images import fit_image_classifier
from lab_trainer.training.progress import ProgressCallback
from lab_trainer.training.registration import (
    describe_model,
    find_job_version,
    promote_model,
    register_model,
)
from lab_trainer.training.reporting import JobReporter, heartbeating
from lab_trainer.training.text import fit_text_classifier

logger = logging.getLogger(__name__)

# Long enough for a Keras message, short enough for a job card.
MAX_ERROR_CHARACTERS = 600
TEST_PREFIX = "test_"


def run_training_job(
    job_id: str,
    settings: Settings,
    worker_name: str,
    *,
    load_data: DataLoader = load_training_data,
) -> JobStatus | None:
    """Run job ``job_id`` once; its final status, or None if it was not to run.

    Idempotent: a finished job (or one cancelled while queued) is left alone,
    and a job whose earlier attempt already registered its model just succeeds.
    """
    engine = connect_database(settings.database_url)
    reporter = JobReporter(JobStore(engine), job_id, settings.redis_url)
    try:
        try:
            job = reporter.store.start_attempt(job_id, worker_name)
        except JobNotFound:  # deleted while queued: nothing to report to
            logger.warning("job.not_found", extra={"job_id": job_id})
            return None
        reporter.announce_latest()
        if job is None:
            logger.info("job.skipped", extra={"job_id": job_id})
            return None
        logger.info(
            "job.started",
            extra={"job_id": job_id, "attempt": job.attempts, "worker": worker_name},
        )
        with heartbeating(reporter.store, job_id, settings.heartbeat_seconds):
            status = _run_attempt(job, settings, reporter, load_data)
        logger.info("job.finished", extra={"job_id": job_id, "status": str(status)})
        return status
    finally:
        reporter.close()
        engine.dispose()


def warm_up() -> None:
    """Pay the fixed costs of a job before it arrives (called in a fresh child)."""
    import keras  # noqa: F401  # imports TensorFlow: seconds

    from lab_common.datasets.catalogue import load_image_dataset
    from lab_common.datasets.images import MNIST_5K_ID

    # The one dataset cache: the job reads the same entry, whatever its folders.
    load_image_dataset(MNIST_5K_ID, None, None)


def describe_failure(exc: BaseException, settings: Settings) -> JobMessage:
    """What went wrong and, when known, what to change."""
    if isinstance(exc, SoftTimeLimitExceeded):
        return job_error("time-limit", seconds=settings.soft_time_limit_seconds)
    if isinstance(exc, LabError):
        # Its own sentence, told in each reader's language (the ``problem`` key).
        return job_error(
            "data-unusable", problem=exc.key, detail=str(exc), **exc.params
        )
    if isinstance(exc, MemoryError) or type(exc).__name__ == "ResourceExhaustedError":
        return job_error("out-of-memory")
    error = f"{type(exc).__name__}: {exc}"
    return job_error("training-error", error=error[:MAX_ERROR_CHARACTERS])


def _run_attempt(
    job: TrainingJob, settings: Settings, reporter: JobReporter, load_data: DataLoader
) -> JobStatus:
    started = time.perf_counter()
    try:
        if job.attempts > settings.max_attempts:
            return _end(reporter, JobStatus.FAILED, error=_too_many_attempts(job))
        registry = ModelRegistry(settings.models_dir)
        earlier = find_job_version(registry, job.spec.resolved_model_name, job.id)
        if earlier is not None:
            return _end_as_registered(reporter, registry, job, earlier)
        if job.spec.challenge_id is None:
            data = load_data(job.spec, settings.data_dir, settings.datasets_dir)
        else:
            data = load_challenge_data(
                job.spec,
                settings.data_dir,
                settings.datasets_dir,
                reporter.store.engine,
                load_data,
            )
        outcome = None
        if not reporter.is_cancel_requested():
            outcome = _fit(job, data, settings, reporter)
        if outcome is None or outcome.cancelled or reporter.is_cancel_requested():
            return _end(reporter, JobStatus.CANCELLED, error=_cancelled(reporter))
        if outcome.failure is not None:
            return _end(reporter, JobStatus.FAILED, error=outcome.failure)
        current = reporter.store.get_job(job.id)
        if current.status != JobStatus.RUNNING:  # reaped meanwhile: keep nothing
            return current.status
        duration_seconds = time.perf_counter() - started
        return _register(current, outcome, duration_seconds, settings, reporter)
    except Exception as exc:
        logger.error("job.error", extra={"job_id": job.id}, exc_info=exc)
        return _end(reporter, JobStatus.FAILED, error=describe_failure(exc, settings))


def _fit(
    job: TrainingJob, data: TrainingData, settings: Settings, reporter: JobReporter
) -> FitOutcome:
    spec = job.spec
    make_progress = functools.partial(
        _make_progress, reporter, job, settings.cancel_check_seconds
    )
    if isinstance(data, ImageDataset):
        counts = {
            "dataset": spec.dataset,
            "train": len(data.y_train),
            "test": len(data.y_test),
            "classes": len(data.class_names),
        }
        reporter.log(job_log("dataset_images", **counts))
        return fit_image_classifier(spec, data, make_progress)
    counts = {
        "dataset": spec.dataset,
        "train": len(data.train.texts),
        "validation": 0 if data.validation is None else len(data.validation.texts),
        "test": len(data.test.texts),
        "classes": len(data.class_names),
    }
    reporter.log(job_log("dataset_texts", **counts))
    # Before any model is built: a missing vector package fails the job at once.
    embedding = choose_embedding(spec, data.train.texts)
    for message in [] if embedding is None else embedding.messages:
        reporter.log(message)
    return fit_text_classifier(spec, data, make_progress, embedding)


def _make_progress(
    reporter: JobReporter,
    job: TrainingJob,
    cancel_check_seconds: float,
    steps_per_epoch: int,
) -> ProgressCallback:
    return ProgressCallback(
        reporter,
        epochs=job.spec.epochs,
        steps_per_epoch=steps_per_epoch,
        every_batches=job.spec.progress_every_batches,
        cancel_check_seconds=cancel_check_seconds,
    )


def _register(
    job: TrainingJob,
    outcome: FitOutcome,
    duration_seconds: float,
    settings: Settings,
    reporter: JobReporter,
) -> JobStatus:
    registry = ModelRegistry(settings.models_dir)
    stored = register_model(
        registry, describe_model(job, outcome, duration_seconds), outcome.model
    )
    model = {"name": stored.name, "version": stored.version}
    reporter.log(job_log("registered", **model))
    if job.spec.promote:
        promote_model(registry, stored, settings.redis_url)
        reporter.log(job_log("promoted", **model))
    return _end(
        reporter,
        JobStatus.SUCCEEDED,
        model_name=stored.name,
        model_version=stored.version,
        test_metrics={
            **outcome.test_metrics,
            # Fit throughput, for comparing the worker with a plain process.
            "examples_per_second": outcome.examples_per_second,
        },
    )


def _end_as_registered(
    reporter: JobReporter, registry: ModelRegistry, job: TrainingJob, version: str
) -> JobStatus:
    """An earlier attempt registered the model, then died before finishing."""
    name = job.spec.resolved_model_name
    metrics = registry.get_metadata(name, version).metrics
    reporter.log(job_log("reused_version", name=name, version=version))
    return _end(
        reporter,
        JobStatus.SUCCEEDED,
        model_name=name,
        model_version=version,
        test_metrics={
            key.removeprefix(TEST_PREFIX): value
            for key, value in metrics.items()
            if key.startswith(TEST_PREFIX)
        },
    )


def _end(reporter: JobReporter, status: JobStatus, **values: Any) -> JobStatus:
    if not reporter.finish(status, **values):
        # Reaped or cancelled by the gateway meanwhile: its word stands.
        current = reporter.store.get_job(reporter.job_id).status
        logger.warning(
            "job.already_finished",
            extra={"job_id": reporter.job_id, "status": str(current)},
        )
        return current
    return status


def _cancelled(reporter: JobReporter) -> JobMessage:
    epochs = reporter.store.get_job(reporter.job_id).epoch
    return job_error("cancelled", epochs=epochs)


def _too_many_attempts(job: TrainingJob) -> JobMessage:
    return job_error("too-many-attempts", attempts=job.attempts - 1)
