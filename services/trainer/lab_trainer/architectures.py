"""Builders for the architecture catalogue of ``lab_common.jobs.ARCHITECTURES``.

Each catalogue id maps to a builder in ``lab_common`` (where the services find
the same layer names), called with the job's data shape and its dropout.
"""

from __future__ import annotations

from collections.abc import Callable

import keras

from lab_common.jobs import PRETRAINED_BILSTM, TrainingJobSpec
from lab_common.text.vectors import WordVectors
from lab_trainer.models.images import (
    build_dense,
    build_digits_cnn,
    build_mlp,
    build_tiny_cnn,
)
from lab_trainer.models.texts import build_embedding_bag, build_sentiment_lstm

# (input_shape, num_classes, dropout) -> an uncompiled image classifier.
ImageBuilder = Callable[[tuple[int, int, int], int, float], keras.Model]
# (spec, train_texts, num_classes, word vectors) -> an uncompiled text classifier.
TextBuilder = Callable[
    [TrainingJobSpec, list[str], int, WordVectors | None], keras.Model
]

IMAGE_BUILDERS: dict[str, ImageBuilder] = {
    "digits-cnn": lambda shape, classes, dropout: build_digits_cnn(
        shape, classes, dropout_rate=dropout
    ),
    # One convolution and a softmax: nothing to drop out.
    "tiny-cnn": lambda shape, classes, dropout: build_tiny_cnn(shape, classes),
    "mlp": lambda shape, classes, dropout: build_mlp(
        shape, classes, dropout_rate=dropout
    ),
    "dense": lambda shape, classes, dropout: build_dense(
        shape, classes, dropout_rate=dropout
    ),
}


# Variable length (None): each batch is padded to its longest text only.
def _embedding_bag(
    spec: TrainingJobSpec, texts: list[str], classes: int, _: WordVectors | None
) -> keras.Model:
    return build_embedding_bag(
        texts,
        None,
        name=spec.resolved_model_name,
        num_classes=classes,
        dropout_rate=spec.dropout,
    )


def _bilstm(
    spec: TrainingJobSpec, texts: list[str], classes: int, vectors: WordVectors | None
) -> keras.Model:
    """The BiLSTM, its embedding frozen at ``vectors`` (bilstm-pretrained);
    without them ("bilstm", or "random") an embedding learned from the texts."""
    return build_sentiment_lstm(
        texts,
        None,
        name=spec.resolved_model_name,
        num_classes=classes,
        dropout_rate=spec.dropout,
        vectors=vectors,
        fine_tune_vectors=spec.fine_tune_embedding,
        seed=spec.seed,
    )


TEXT_BUILDERS: dict[str, TextBuilder] = {
    "bilstm": _bilstm,
    "embedding-bag": _embedding_bag,
    PRETRAINED_BILSTM: _bilstm,
}


def build_image_model(
    spec: TrainingJobSpec, input_shape: tuple[int, int, int], num_classes: int
) -> keras.Model:
    return IMAGE_BUILDERS[spec.architecture](input_shape, num_classes, spec.dropout)


def build_text_model(
    spec: TrainingJobSpec,
    train_texts: list[str],
    num_classes: int,
    vectors: WordVectors | None = None,
) -> keras.Model:
    """``vectors`` (``training.embeddings``) start a bilstm-pretrained's embedding."""
    return TEXT_BUILDERS[spec.architecture](spec, train_texts, num_classes, vectors)
