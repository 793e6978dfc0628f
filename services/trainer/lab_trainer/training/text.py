"""Fitting a text classifier of the catalogue on train/validation/test texts.

The model takes raw strings (``TextVectorization`` is inside it, adapted on the
training texts); two classes get a sigmoid, more a softmax.
"""

from __future__ import annotations

import keras
import numpy as np

from lab_common.confusion import count_confusion, predicted_classes
from lab_common.datasets.splits import validation_rows
from lab_common.datasets.texts import TextSplit, TextTrainingData
from lab_common.jobs import TrainingJobSpec
from lab_trainer.architectures import TextBuilder, build_text_model
from lab_trainer.training.embeddings import ChosenEmbedding
from lab_trainer.training.fitting import (
    FitOutcome,
    Stopwatch,
    make_callbacks,
    make_optimizer,
    make_outcome,
    optimizer_config,
)
from lab_trainer.training.progress import ProgressFactory
from lab_trainer.training.text_batches import text_batches

EVALUATION_BATCH_SIZE = 256


def _subset(split: TextSplit, rows: np.ndarray) -> TextSplit:
    return TextSplit([split.texts[i] for i in rows], [split.labels[i] for i in rows])


def split_validation(
    data: TextTrainingData, spec: TrainingJobSpec
) -> tuple[TextSplit, TextSplit | None]:
    """The dataset's own validation split if it has one; else a share of train.

    A challenge's view (``lab_common.challenges.data.training_view``) always
    validates on its validation split, whatever ``validation_share`` says.
    """
    if spec.challenge_id is not None:
        return data.train, data.validation
    if spec.validation_share == 0:
        return data.train, None
    if data.validation is not None and data.validation.texts:
        return data.train, data.validation
    train_rows, held_out = validation_rows(
        len(data.train.texts), spec.validation_share, spec.seed
    )
    validation = _subset(data.train, held_out) if len(held_out) else None
    return _subset(data.train, train_rows), validation


def _splits_used(
    train: TextSplit,
    validation: TextSplit | None,
    data: TextTrainingData,
    spec: TrainingJobSpec,
) -> dict[str, int]:
    splits = {
        "train": len(train.texts),
        "validation": 0 if validation is None else len(validation.texts),
    }
    if spec.challenge_id is None:  # a challenge's "test" is its validation split
        splits["test"] = len(data.test.texts)
    return splits


def fit_text_classifier(
    spec: TrainingJobSpec,
    data: TextTrainingData,
    make_progress: ProgressFactory,
    embedding: ChosenEmbedding | None = None,
    build_model: TextBuilder = build_text_model,
) -> FitOutcome:
    """Train a fresh catalogue model on ``data`` and test it, unless stopped.

    ``embedding``: the word vectors of a ``bilstm-pretrained`` (``choose_embedding``).
    ``build_model``: another model on the same recipe (the bench's controls).
    """
    keras.utils.set_random_seed(spec.seed)
    binary = len(data.class_names) <= 2
    train, validation = split_validation(data, spec)
    vectors = None if embedding is None else embedding.vectors
    model = build_model(spec, train.texts, len(data.class_names), vectors)
    model.compile(
        optimizer=make_optimizer(spec, spec.learning_rate),
        loss="binary_crossentropy" if binary else "sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    progress = make_progress(-(-len(train.texts) // spec.batch_size))
    with Stopwatch() as fit:
        model.fit(
            text_batches(train, spec.batch_size, spec.seed, binary=binary),
            validation_data=None
            if validation is None
            else text_batches(validation, EVALUATION_BATCH_SIZE, binary=binary),
            epochs=spec.epochs,
            callbacks=make_callbacks(spec, progress, validation is not None),
            shuffle=False,  # shuffled by the pipeline
            verbose=0,
        )
    outcome = make_outcome(
        model,
        progress,
        fit.seconds,
        class_names=list(data.class_names),
        input_shape=[],
        splits=_splits_used(train, validation, data, spec),
        training_config={
            "learning_rate_schedule": "constant",
            **optimizer_config(spec),
            **({} if embedding is None else embedding.config),
        },
    )
    if not outcome.stopped and data.test.texts:
        loss, accuracy = model.evaluate(
            text_batches(data.test, EVALUATION_BATCH_SIZE, binary=binary), verbose=0
        )
        outcome.test_metrics = {"accuracy": float(accuracy), "loss": float(loss)}
    if not outcome.stopped and validation is not None:
        outcome.validation_confusion = validation_confusion(
            model, validation, len(data.class_names)
        )
    return outcome


def validation_confusion(
    model: keras.Model, validation: TextSplit, num_classes: int
) -> list[list[int]]:
    """Confusion counts on the validation texts: one prediction pass, for the
    diagnosis (which classes the model mixes up), never the texts themselves."""
    true, predicted = [], []
    binary = num_classes <= 2
    # Batches come grouped by length: labels are read from the same batches.
    for texts, labels in text_batches(validation, EVALUATION_BATCH_SIZE, binary=binary):
        predicted.append(predicted_classes(model.predict_on_batch(texts)))
        true.append(np.asarray(labels).astype(np.int64))
    return count_confusion(np.concatenate(true), np.concatenate(predicted), num_classes)
