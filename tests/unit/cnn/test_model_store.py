"""Loading a registry version: consistency checks and the compiled inference path."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from lab_cnn.model_store import ModelMismatch, load_classifier
from lab_common.problems import ModelUnavailable
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry


def register(root: Path, class_count_in_metadata: int) -> ModelRegistry:
    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(10, activation="softmax")(
        keras.layers.Flatten()(inputs)
    )
    model = keras.Model(inputs, outputs)
    metadata = ModelMetadata(
        name="digits",
        task="image-classification",
        class_names=[str(i) for i in range(class_count_in_metadata)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="generated", splits={}),
        duration_seconds=0.0,
    )
    registry = ModelRegistry(root)
    stored = registry.register(metadata, lambda d: model.save(d / "model.keras"))
    registry.promote("digits", stored.version)
    return registry


def test_load_classifier_predicts_probabilities_for_any_batch_size(
    tmp_path: Path,
) -> None:
    classifier = load_classifier(register(tmp_path, 10), "digits")

    single = classifier.predict_batch(np.zeros((1, 28, 28, 1), np.float32))
    several = classifier.predict_batch(np.zeros((5, 28, 28, 1), np.float32))

    assert single.shape == (1, 10)
    assert several.shape == (5, 10)
    np.testing.assert_allclose(several.sum(axis=1), 1.0, rtol=1e-5)


def test_load_classifier_refuses_a_model_that_contradicts_its_metadata(
    tmp_path: Path,
) -> None:
    registry = register(tmp_path, 7)  # the model has 10 outputs

    with pytest.raises(ModelMismatch) as caught:
        load_classifier(registry, "digits")

    assert caught.value.type == "/problems/model-mismatch"


def test_load_classifier_without_production_version_says_how_to_get_one(
    tmp_path: Path,
) -> None:
    with pytest.raises(ModelUnavailable, match="archilab up"):
        load_classifier(ModelRegistry(tmp_path), "digits")
