"""First start: train, register and promote the default digit CNN if none is live.

Run as ``python -m lab_cnn.bootstrap``. If the registry already has a production
version of ``CNN_MODEL_NAME`` it does nothing, so running it on every start is safe.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import keras
import tensorflow as tf

from lab_cnn.settings import Settings, get_settings
from lab_common.datasets.image_readers import load_mnist_5k
from lab_common.datasets.images import MNIST_5K_DESCRIPTION, ImageDataset
from lab_common.logging import configure_logging
from lab_common.registry import (
    MODEL_FILENAME,
    PRODUCTION,
    DatasetRef,
    ModelMetadata,
    ModelRegistry,
)
from lab_common.vision.training import (
    DIGITS_BATCH_SIZE,
    DIGITS_EPOCHS,
    DIGITS_LEARNING_RATE,
    DIGITS_SEED,
    TrainingResult,
    train_image_classifier,
)

logger = logging.getLogger(__name__)

BOOTSTRAP_ACTOR = "bootstrap"
BOOTSTRAP_REASON = "default model trained on first start"


class EpochLogger(keras.callbacks.Callback):
    """Logs one ``bootstrap.epoch`` line per epoch, so a first start shows progress."""

    def __init__(self, epochs: int) -> None:
        super().__init__()
        self.epochs = epochs
        self.started = time.perf_counter()

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self.started = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        logs = logs or {}
        logger.info(
            "bootstrap.epoch",
            extra={
                "epoch": epoch + 1,
                "epochs": self.epochs,
                "loss": round(float(logs.get("loss", float("nan"))), 4),
                "accuracy": round(float(logs.get("accuracy", float("nan"))), 4),
                "elapsed_seconds": round(time.perf_counter() - self.started, 1),
            },
        )


def train_default_model(dataset: ImageDataset) -> TrainingResult:
    """The default recipe of ``lab_common.vision.training`` on ``dataset``."""
    logger.info(
        "bootstrap.training_started",
        extra={
            "dataset": dataset.id,
            "splits": dataset.splits,
            "epochs": DIGITS_EPOCHS,
        },
    )
    result = train_image_classifier(
        dataset,
        epochs=DIGITS_EPOCHS,
        batch_size=DIGITS_BATCH_SIZE,
        learning_rate=DIGITS_LEARNING_RATE,
        seed=DIGITS_SEED,
        augment=True,
        callbacks=[EpochLogger(DIGITS_EPOCHS)],
    )
    logger.info(
        "bootstrap.training_finished",
        extra={
            "test_accuracy": round(result.test_accuracy, 4),
            "test_loss": round(result.test_loss, 4),
            "fit_seconds": round(result.duration_seconds, 1),
        },
    )
    return result


def describe_model(
    name: str, dataset: ImageDataset, result: TrainingResult
) -> ModelMetadata:
    """The registry sidecar for a model trained by ``train_default_model``."""
    return ModelMetadata(
        name=name,
        task="image-classification",
        class_names=dataset.class_names,
        input_shape=list(dataset.input_shape),
        dataset=DatasetRef(
            id=dataset.id, splits=dataset.splits, description=MNIST_5K_DESCRIPTION
        ),
        metrics={"test_accuracy": result.test_accuracy, "test_loss": result.test_loss},
        training_config=result.training_config,
        duration_seconds=result.duration_seconds,
        framework={"keras": keras.__version__, "tensorflow": tf.__version__},
    )


def ensure_production_model(registry: ModelRegistry, name: str) -> str:
    """The production version of ``name``, training and promoting one if missing."""
    existing = registry.production_version(name)
    if existing is not None:
        logger.info("bootstrap.skipped", extra={"model": name, "version": existing})
        return existing
    dataset = load_mnist_5k()
    result = train_default_model(dataset)

    def write_artifacts(folder: Path) -> None:
        result.model.save(folder / MODEL_FILENAME)

    stored = registry.register(describe_model(name, dataset, result), write_artifacts)
    logger.info(
        "bootstrap.model_registered", extra={"model": name, "version": stored.version}
    )
    registry.promote(
        name, stored.version, actor=BOOTSTRAP_ACTOR, reason=BOOTSTRAP_REASON
    )
    logger.info(
        "bootstrap.model_promoted",
        extra={"model": name, "version": stored.version, "alias": PRODUCTION},
    )
    return stored.version


def main(settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    configure_logging(settings)
    started = time.perf_counter()
    registry = ModelRegistry(settings.models_dir)
    version = ensure_production_model(registry, settings.model_name)
    logger.info(
        "bootstrap.completed",
        extra={
            "model": settings.model_name,
            "version": version,
            "models_dir": str(settings.models_dir),
            "duration_seconds": round(time.perf_counter() - started, 1),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
