"""Fitting an image classifier of the catalogue on an ``ImageDataset``.

Reuses the lab's image recipe (``lab_trainer.training.image_pipeline``): pixels in
[0, 1], one-hot labels with label smoothing, on-the-fly augmentation and the
warm-up + cosine schedule, here with the optimiser and peak rate of the spec.
"""

from __future__ import annotations

import dataclasses

import keras
import numpy as np

from lab_common.confusion import (
    ConfusedCell,
    count_confusion,
    pick_confused_examples,
    predicted_classes,
)
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import validation_rows
from lab_common.jobs import TrainingJobSpec
from lab_trainer.architectures import build_image_model
from lab_trainer.training.fitting import (
    FitOutcome,
    Stopwatch,
    make_callbacks,
    make_optimizer,
    make_outcome,
    optimizer_config,
)
from lab_trainer.training.image_pipeline import (
    DEFAULT_LABEL_SMOOTHING,
    EVALUATION_BATCH_SIZE,
    evaluate_image_classifier,
    make_learning_rate_schedule,
    make_training_pipeline,
    to_model_inputs,
)
from lab_trainer.training.progress import ProgressFactory

Arrays = tuple[np.ndarray, np.ndarray]


def split_validation(
    dataset: ImageDataset, spec: TrainingJobSpec
) -> tuple[ImageDataset, Arrays | None]:
    """``dataset`` minus ``validation_share`` of its training images, and those.

    A challenge's view (``lab_common.challenges.data.training_view``) holds its
    validation split in place of a test split: that is the validation data.
    """
    if spec.challenge_id is not None:
        validation = to_model_inputs(
            dataset.x_test, dataset.y_test, len(dataset.class_names)
        )
        return dataset, validation
    train_rows, held_out = validation_rows(
        len(dataset.y_train), spec.validation_share, spec.seed
    )
    train = dataclasses.replace(
        dataset,
        x_train=dataset.x_train[train_rows],
        y_train=dataset.y_train[train_rows],
    )
    if not len(held_out):
        return train, None
    validation = to_model_inputs(
        dataset.x_train[held_out], dataset.y_train[held_out], len(dataset.class_names)
    )
    return train, validation


def _splits_used(
    train: ImageDataset,
    validation: Arrays | None,
    dataset: ImageDataset,
    spec: TrainingJobSpec,
) -> dict[str, int]:
    splits = {"train": len(train.y_train)}
    if validation is not None:
        splits["validation"] = len(validation[1])
    if spec.challenge_id is None:  # a challenge's "test" is its validation split
        splits["test"] = len(dataset.y_test)
    return splits


def _compile(model: keras.Model, spec: TrainingJobSpec, steps_per_epoch: int) -> None:
    schedule = make_learning_rate_schedule(
        spec.learning_rate, steps_per_epoch, spec.epochs
    )
    model.compile(
        optimizer=make_optimizer(spec, schedule),
        loss=keras.losses.CategoricalCrossentropy(
            label_smoothing=DEFAULT_LABEL_SMOOTHING
        ),
        metrics=["accuracy"],
    )


def fit_image_classifier(
    spec: TrainingJobSpec, dataset: ImageDataset, make_progress: ProgressFactory
) -> FitOutcome:
    """Train a fresh catalogue model on ``dataset`` and test it, unless stopped."""
    keras.utils.set_random_seed(spec.seed)
    train, validation = split_validation(dataset, spec)
    steps_per_epoch = -(-len(train.y_train) // spec.batch_size)
    model = build_image_model(spec, dataset.input_shape, len(dataset.class_names))
    _compile(model, spec, steps_per_epoch)
    progress = make_progress(steps_per_epoch)
    with Stopwatch() as fit:
        # The pipeline already reshuffles every epoch, hence shuffle=False.
        model.fit(
            make_training_pipeline(train, spec.batch_size, spec.seed, spec.augment),
            validation_data=validation,
            validation_batch_size=EVALUATION_BATCH_SIZE,
            epochs=spec.epochs,
            callbacks=make_callbacks(spec, progress, validation is not None),
            shuffle=False,
            verbose=0,
        )
    outcome = make_outcome(
        model,
        progress,
        fit.seconds,
        class_names=list(dataset.class_names),
        input_shape=list(dataset.input_shape),
        splits=_splits_used(train, validation, dataset, spec),
        training_config={
            "learning_rate_schedule": "warmup-cosine",
            "label_smoothing": DEFAULT_LABEL_SMOOTHING,
            **optimizer_config(spec),
        },
    )
    outcome.training_config["images_per_second"] = outcome.examples_per_second
    if not outcome.stopped:
        loss, accuracy = evaluate_image_classifier(model, dataset)
        outcome.test_metrics = {"accuracy": accuracy, "loss": loss}
        if validation is not None:
            counts, confused = validation_confusion(model, validation)
            outcome.validation_confusion = counts
            outcome.validation_confused = confused
    return outcome


def validation_confusion(
    model: keras.Model, validation: Arrays
) -> tuple[list[list[int]], list[ConfusedCell]]:
    """Confusion counts on the validation images (one prediction pass), for the
    diagnosis, and a few positions per mixed-up cell, for the pages to show
    those images; positions index ``validation`` in the order it was built."""
    pixels, targets = validation
    scores = model.predict(pixels, batch_size=EVALUATION_BATCH_SIZE, verbose=0)
    true = targets.argmax(axis=-1)
    counts = count_confusion(true, predicted_classes(scores), targets.shape[-1])
    return counts, pick_confused_examples(true, scores)
