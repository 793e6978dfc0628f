"""Keras model builders; every layer the API exposes has a stable name."""

from __future__ import annotations

import keras

DIGITS_INPUT_SHAPE = (28, 28, 1)
DIGITS_NUM_CLASSES = 10
# One 3x3 convolution per block, doubling the filters as the map halves: enough
# capacity for digits while an epoch over 4,000 images stays seconds on 2 cores.
DIGITS_FILTERS = (32, 64, 128)
DIGITS_DENSE_UNITS = 128
# Keras' default 0.99 lets the moving statistics lag far behind the weights on a
# small data set (a few hundred steps), so evaluation stays at chance for epochs.
BATCH_NORM_MOMENTUM = 0.9
# Dropout in the head only; the data set is small and the dense layer overfits.
DIGITS_DROPOUT_RATE = 0.2


def _conv_block(x: keras.KerasTensor, filters: int, index: int) -> keras.KerasTensor:
    """conv -> pool -> BN -> ReLU as ``conv_i``, ``pool_i``, ``bn_i``, ``relu_i``."""
    # The bias is redundant before BatchNormalization, which adds its own offset.
    x = keras.layers.Conv2D(
        filters, 3, padding="same", use_bias=False, name=f"conv_{index}"
    )(x)
    # Pooling before normalising makes BN and ReLU work on a quarter of the values;
    # on CPU these element-wise steps cost more than the convolution itself.
    x = keras.layers.MaxPooling2D(2, padding="same", name=f"pool_{index}")(x)
    x = keras.layers.BatchNormalization(
        momentum=BATCH_NORM_MOMENTUM, name=f"bn_{index}"
    )(x)
    return keras.layers.Activation("relu", name=f"relu_{index}")(x)


def build_digits_cnn(
    input_shape: tuple[int, int, int] = DIGITS_INPUT_SHAPE,
    num_classes: int = DIGITS_NUM_CLASSES,
    *,
    filters: tuple[int, ...] = DIGITS_FILTERS,
    dense_units: int = DIGITS_DENSE_UNITS,
    dropout_rate: float = DIGITS_DROPOUT_RATE,
) -> keras.Model:
    """A flat functional CNN for float32 images in [0, 1], ink bright on dark.

    The head is ``dense_1`` -> ``logits`` -> ``probabilities`` (softmax), so
    Grad-CAM can differentiate the pre-softmax ``logits``.
    """
    inputs = keras.Input(shape=input_shape, name="image")
    x = inputs
    for index, count in enumerate(filters, start=1):
        x = _conv_block(x, count, index)
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dense(dense_units, use_bias=False, name="dense_1")(x)
    x = keras.layers.BatchNormalization(
        momentum=BATCH_NORM_MOMENTUM, name="bn_dense_1"
    )(x)
    x = keras.layers.Activation("relu", name="relu_dense_1")(x)
    x = keras.layers.Dropout(dropout_rate, name="dropout_1")(x)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    outputs = keras.layers.Activation("softmax", name="probabilities")(logits)
    return keras.Model(inputs, outputs, name="digits_cnn")


# One small convolution: trains in seconds and stays visibly weaker than the
# default model, which is what a student comparing architectures should see.
TINY_CNN_FILTERS = 8
# One hidden layer: enough for digits without convolution, small enough to train
# in seconds; the comparison shows what the convolutions add.
MLP_HIDDEN_UNITS = 128


def build_tiny_cnn(
    input_shape: tuple[int, int, int] = DIGITS_INPUT_SHAPE,
    num_classes: int = DIGITS_NUM_CLASSES,
    *,
    filters: int = TINY_CNN_FILTERS,
) -> keras.Model:
    """``conv_1`` -> ``relu_1`` -> ``pool_1`` -> ``logits`` -> ``probabilities``."""
    inputs = keras.Input(shape=input_shape, name="image")
    x = keras.layers.Conv2D(filters, 3, padding="same", name="conv_1")(inputs)
    x = keras.layers.Activation("relu", name="relu_1")(x)
    x = keras.layers.MaxPooling2D(2, padding="same", name="pool_1")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    outputs = keras.layers.Activation("softmax", name="probabilities")(logits)
    return keras.Model(inputs, outputs, name="tiny_cnn")


def build_mlp(
    input_shape: tuple[int, int, int] = DIGITS_INPUT_SHAPE,
    num_classes: int = DIGITS_NUM_CLASSES,
    *,
    hidden_units: int = MLP_HIDDEN_UNITS,
    dropout_rate: float = DIGITS_DROPOUT_RATE,
) -> keras.Model:
    """``flatten`` -> ``dense_1`` (ReLU) -> ``logits`` -> ``probabilities``."""
    inputs = keras.Input(shape=input_shape, name="image")
    x = keras.layers.Flatten(name="flatten")(inputs)
    x = keras.layers.Dense(hidden_units, activation="relu", name="dense_1")(x)
    x = keras.layers.Dropout(dropout_rate, name="dropout_1")(x)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    outputs = keras.layers.Activation("softmax", name="probabilities")(logits)
    return keras.Model(inputs, outputs, name="mlp")


# Small on purpose: the challenges' baseline, which students improve.
DENSE_HIDDEN_UNITS = 64


def build_dense(
    input_shape: tuple[int, int, int] = DIGITS_INPUT_SHAPE,
    num_classes: int = DIGITS_NUM_CLASSES,
    *,
    hidden_units: int = DENSE_HIDDEN_UNITS,
    dropout_rate: float = 0.0,
) -> keras.Model:
    """``flatten`` -> ``dense_1`` (ReLU) -> ``logits`` -> ``probabilities``."""
    inputs = keras.Input(shape=input_shape, name="image")
    x = keras.layers.Flatten(name="flatten")(inputs)
    x = keras.layers.Dense(hidden_units, activation="relu", name="dense_1")(x)
    if dropout_rate:
        x = keras.layers.Dropout(dropout_rate, name="dropout_1")(x)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    outputs = keras.layers.Activation("softmax", name="probabilities")(logits)
    return keras.Model(inputs, outputs, name="dense")
