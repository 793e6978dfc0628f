"""First-start bootstrap: it leaves a registry with a production model alone."""

from __future__ import annotations

import logging
from pathlib import Path

import keras
import pytest

from lab_cnn.bootstrap import ensure_production_model
from lab_common.registry import (
    MODEL_FILENAME,
    DatasetRef,
    ModelMetadata,
    ModelRegistry,
)


def write_tiny_model(folder: Path) -> None:
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.save(folder / MODEL_FILENAME)


@pytest.fixture
def registry(tmp_path: Path) -> ModelRegistry:
    """A registry whose ``digits`` model already has production version 1."""
    registry = ModelRegistry(tmp_path)
    metadata = ModelMetadata(
        name="digits",
        task="image-classification",
        class_names=[str(digit) for digit in range(10)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={"train": 4000, "test": 1000}),
        duration_seconds=0.1,
    )
    stored = registry.register(metadata, write_tiny_model)
    registry.promote("digits", stored.version, actor="test")
    return registry


def test_ensure_production_model_returns_the_existing_version(
    registry: ModelRegistry,
) -> None:
    version = ensure_production_model(registry, "digits")

    assert version == "1"


def test_ensure_production_model_trains_nothing_when_production_exists(
    registry: ModelRegistry,
) -> None:
    ensure_production_model(registry, "digits")

    assert registry.list_versions("digits") == ["1"]
    assert len(registry.alias_history("digits")) == 1


def test_ensure_production_model_logs_that_it_skipped(
    registry: ModelRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="lab_cnn.bootstrap")

    ensure_production_model(registry, "digits")

    assert [r.getMessage() for r in caplog.records] == ["bootstrap.skipped"]
