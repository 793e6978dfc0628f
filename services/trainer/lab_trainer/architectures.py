"""Builders for the architecture catalogue of ``lab_common.jobs.ARCHITECTURES``.

Each catalogue id maps to a builder in ``lab_common`` (where the services find
the same layer names), called with the job's data shape and its dropout.
"""

from __future__ import annotations

from collections.abc import Callable

import keras

from lab_common.jobs import TrainingJobSpec
from lab_common.text.models import build_embedding_bag, build_sentiment_lstm
from lab_common.vision.architectures import build_digits_cnn, build_mlp, build_tiny_cnn

# (input_shape, num_classes, dropout) -> an uncompiled image classifier.
ImageBuilder = Callable[[tuple[int, int, int], int, float], keras.Model]
# (train_texts, num_classes, dropout, model name) -> an uncompiled text classifier.
TextBuilder = Callable[[list[str], int, float, str], keras.Model]

IMAGE_BUILDERS: dict[str, ImageBuilder] = {
    "digits-cnn": lambda shape, classes, dropout: build_digits_cnn(
        shape, classes, dropout_rate=dropout
    ),
    # One convolution and a softmax: nothing to drop out.
    "tiny-cnn": lambda shape, classes, dropout: build_tiny_cnn(shape, classes),
    "mlp": lambda shape, classes, dropout: build_mlp(
        shape, classes, dropout_rate=dropout
    ),
}

# Variable length (None): each batch is padded to its longest text only.
TEXT_BUILDERS: dict[str, TextBuilder] = {
    "bilstm": lambda texts, classes, dropout, name: build_sentiment_lstm(
        texts, None, name=name, num_classes=classes, dropout_rate=dropout
    ),
    "embedding-bag": lambda texts, classes, dropout, name: build_embedding_bag(
        texts, None, name=name, num_classes=classes, dropout_rate=dropout
    ),
}


def build_image_model(
    spec: TrainingJobSpec, input_shape: tuple[int, int, int], num_classes: int
) -> keras.Model:
    return IMAGE_BUILDERS[spec.architecture](input_shape, num_classes, spec.dropout)


def build_text_model(
    spec: TrainingJobSpec, train_texts: list[str], num_classes: int
) -> keras.Model:
    return TEXT_BUILDERS[spec.architecture](
        train_texts, num_classes, spec.dropout, spec.resolved_model_name
    )
