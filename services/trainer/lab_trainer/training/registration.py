"""Storing a job's model in the registry, and promoting it if the spec asks."""

from __future__ import annotations

import logging
from pathlib import Path

import keras
import tensorflow as tf

from lab_common.jobs import TrainingJob
from lab_common.registry import MODEL_FILENAME, DatasetRef, ModelMetadata, ModelRegistry
from lab_trainer.training.fitting import FitOutcome

logger = logging.getLogger(__name__)


def describe_model(
    job: TrainingJob, outcome: FitOutcome, duration_seconds: float
) -> ModelMetadata:
    """The registry sidecar: what was trained, on what, how, by whom, how well."""
    spec = job.spec
    metrics = {f"test_{key}": value for key, value in outcome.test_metrics.items()}
    last_epoch = job.history[-1].metrics if job.history else {}
    for key in ("val_accuracy", "val_loss"):
        if key in last_epoch:
            metrics[key.replace("val_", "validation_")] = last_epoch[key]
    return ModelMetadata(
        name=spec.resolved_model_name,
        task=spec.task,
        class_names=outcome.class_names,
        input_shape=outcome.input_shape,
        dataset=DatasetRef(id=spec.dataset, splits=outcome.splits),
        metrics=metrics,
        training_config={
            **spec.model_dump(mode="json"),
            **outcome.training_config,
            "epochs_completed": outcome.epochs_completed,
            "fit_seconds": round(outcome.fit_seconds, 3),
            "examples_per_second": outcome.examples_per_second,
        },
        duration_seconds=round(duration_seconds, 3),
        framework={"keras": keras.__version__, "tensorflow": tf.__version__},
        owner=job.owner,
        job_id=job.id,
        validation_confusion=outcome.validation_confusion,
        validation_confused=outcome.validation_confused,
    )


def find_job_version(registry: ModelRegistry, name: str, job_id: str) -> str | None:
    """The version an earlier attempt of ``job_id`` registered, if any."""
    for version in reversed(registry.list_versions(name)):
        if registry.get_metadata(name, version).job_id == job_id:
            return version
    return None


def register_model(
    registry: ModelRegistry, metadata: ModelMetadata, model: keras.Model
) -> ModelMetadata:
    """Save into a staging folder renamed into place: never half a version."""

    def write_artifacts(folder: Path) -> None:
        model.save(folder / MODEL_FILENAME)

    return registry.register(metadata, write_artifacts)


def promote_model(
    registry: ModelRegistry, metadata: ModelMetadata, redis_url: str | None
) -> None:
    """Make the version production and tell the services (if they can be told)."""
    promotion = registry.promote(
        metadata.name,
        metadata.version,
        actor=metadata.owner,
        reason=f"training job {metadata.job_id}",
    )
    logger.info(
        "job.model_promoted",
        extra={"model": metadata.name, "version": metadata.version},
    )
    if not redis_url:
        return
    try:
        from lab_common.promotions import PromotionNotice, publish_promotion
    except ImportError:  # older lab_common: the services' registry polling reloads
        return
    publish_promotion(
        redis_url, PromotionNotice.from_promotion(metadata.name, promotion)
    )
