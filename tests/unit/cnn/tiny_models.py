"""A tiny untrained two-conv CNN in a registry: fast to build, every layer type."""

from __future__ import annotations

from pathlib import Path

import keras

from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry

DIGIT_SHAPE = (28, 28, 1)


def build_tiny_cnn(input_shape: tuple[int, int, int] = DIGIT_SHAPE) -> keras.Model:
    keras.utils.set_random_seed(3)
    inputs = keras.Input(input_shape, name="image")
    x = keras.layers.Conv2D(4, 3, padding="same", name="conv_1")(inputs)
    x = keras.layers.Activation("relu", name="relu_1")(x)
    x = keras.layers.MaxPooling2D(2, name="pool_1")(x)
    x = keras.layers.Conv2D(6, 3, padding="same", name="conv_2")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dense(10, name="logits")(x)
    outputs = keras.layers.Activation("softmax", name="probabilities")(x)
    return keras.Model(inputs, outputs)


def register_tiny_cnn(
    root: Path,
    *,
    dataset_id: str,
    name: str = "digits",
    input_shape: tuple[int, int, int] = DIGIT_SHAPE,
) -> ModelMetadata:
    """Register and promote the tiny CNN as ``name`` version 1 under ``root``."""
    registry = ModelRegistry(root)
    model = build_tiny_cnn(input_shape)
    metadata = ModelMetadata(
        name=name,
        task="image-classification",
        class_names=[str(i) for i in range(10)],
        input_shape=list(input_shape),
        dataset=DatasetRef(id=dataset_id, splits={}),
        duration_seconds=0.0,
    )
    stored = registry.register(metadata, lambda d: model.save(d / "model.keras"))
    registry.promote(name, stored.version)
    return stored
