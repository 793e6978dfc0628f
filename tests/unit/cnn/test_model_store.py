"""Loading a registry version: consistency checks and the compiled inference path."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from lab_cnn import model_store
from lab_cnn.model_store import PARITY_TOLERANCE, ModelMismatch, load_classifier
from lab_common.problems import ModelUnavailable
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from lab_trainer.models.images import build_digits_cnn, build_tiny_cnn


def flat_model() -> keras.Model:
    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(10, activation="softmax")(
        keras.layers.Flatten()(inputs)
    )
    return keras.Model(inputs, outputs)


def register(
    root: Path, class_count_in_metadata: int, model: keras.Model | None = None
) -> ModelRegistry:
    model = model or flat_model()
    input_shape = list(model.inputs[0].shape[1:])
    metadata = ModelMetadata(
        name="digits",
        task="image-classification",
        class_names=[str(i) for i in range(class_count_in_metadata)],
        input_shape=input_shape,
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


@pytest.mark.parametrize(
    "model",
    [build_digits_cnn(), build_tiny_cnn((32, 32, 3))],
    ids=["digits-cnn-grey", "tiny-cnn-rgb"],
)
def test_litert_serves_the_keras_models_own_answers_at_every_batch_size(
    tmp_path: Path, model: keras.Model
) -> None:
    classifier = load_classifier(register(tmp_path, 10, model), "digits")
    rng = np.random.default_rng(7)

    assert classifier.engine == "litert"
    for batch_size in (1, 5, 1, 64):  # the interpreter is resized each time
        images = rng.random((batch_size, *classifier.input_shape), dtype=np.float32)
        expected = classifier.model(images, training=False).numpy()
        served = classifier.predict_batch(images)
        np.testing.assert_allclose(served, expected, atol=PARITY_TOLERANCE)


def test_the_tensorflow_engine_can_be_chosen(tmp_path: Path) -> None:
    classifier = load_classifier(register(tmp_path, 10), "digits", "tensorflow")
    images = np.ones((2, 28, 28, 1), np.float32)

    assert classifier.engine == "tensorflow"
    np.testing.assert_allclose(
        classifier.predict_batch(images),
        classifier.model(images, training=False).numpy(),
        atol=1e-6,
    )


def test_a_litert_conversion_that_changes_the_answers_is_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a conversion that dropped the weights would do: other probabilities.
    converted = model_store.LiteRtInference.__call__

    def shifted(self: model_store.LiteRtInference, images: np.ndarray) -> np.ndarray:
        return np.roll(converted(self, images), 1, axis=1)

    monkeypatch.setattr(model_store.LiteRtInference, "__call__", shifted)
    classifier = load_classifier(register(tmp_path, 10, build_tiny_cnn()), "digits")
    images = np.random.default_rng(3).random((3, 28, 28, 1), dtype=np.float32)

    assert classifier.engine == "tensorflow"
    np.testing.assert_allclose(
        classifier.predict_batch(images),
        classifier.model(images, training=False).numpy(),
        atol=1e-6,
    )
