"""The default digit CNN: named layers, a flat graph and a softmax over logits."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from lab_trainer.models.images import build_digits_cnn

EXPOSED_LAYERS = [
    *(f"{kind}_{i}" for i in (1, 2, 3) for kind in ("conv", "pool", "bn", "relu")),
    "dense_1",
    "logits",
    "probabilities",
]


@pytest.fixture(scope="module")
def model() -> keras.Model:
    return build_digits_cnn()


@pytest.fixture(scope="module")
def images() -> np.ndarray:
    # Float pixels in [0, 1], as the serving code feeds them.
    return np.random.default_rng(0).random((4, 28, 28, 1), dtype=np.float32)


def test_build_digits_cnn_names_the_layers_the_api_exposes(
    model: keras.Model,
) -> None:
    names = {layer.name for layer in model.layers}

    assert set(EXPOSED_LAYERS) <= names


def test_build_digits_cnn_is_flat(model: keras.Model) -> None:
    nested = [layer.name for layer in model.layers if isinstance(layer, keras.Model)]

    assert nested == []


def test_build_digits_cnn_contains_no_augmentation(model: keras.Model) -> None:
    random_layers = [
        layer.name
        for layer in model.layers
        if type(layer).__name__.startswith("Random")
    ]

    assert random_layers == []


def test_build_digits_cnn_probabilities_sum_to_one(
    model: keras.Model, images: np.ndarray
) -> None:
    probabilities = keras.ops.convert_to_numpy(model(images, training=False))

    assert probabilities.shape == (4, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


def test_build_digits_cnn_logits_are_the_pre_softmax_scores(
    model: keras.Model, images: np.ndarray
) -> None:
    to_logits = keras.Model(model.input, model.get_layer("logits").output)

    logits = to_logits(images, training=False)
    probabilities = model(images, training=False)

    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(keras.ops.softmax(logits)),
        keras.ops.convert_to_numpy(probabilities),
        rtol=1e-5,
    )


def test_build_digits_cnn_logits_layer_is_linear(model: keras.Model) -> None:
    assert model.get_layer("logits").get_config()["activation"] == "linear"


def test_build_digits_cnn_feature_maps_are_reachable_by_name(
    model: keras.Model, images: np.ndarray
) -> None:
    to_features = keras.Model(model.input, model.get_layer("conv_1").output)

    features = to_features(images, training=False)

    assert tuple(features.shape) == (4, 28, 28, 32)


def test_build_digits_cnn_uses_batch_norm_momentum_0_9(model: keras.Model) -> None:
    momenta = {
        layer.momentum
        for layer in model.layers
        if isinstance(layer, keras.layers.BatchNormalization)
    }

    assert momenta == {0.9}


def test_build_digits_cnn_outputs_one_probability_per_class() -> None:
    model = build_digits_cnn(input_shape=(28, 28, 1), num_classes=3)

    assert tuple(model.output_shape) == (None, 3)
