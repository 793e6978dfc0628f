"""What image and text training share: optimiser, callbacks, the fit outcome."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import keras

from lab_common.confusion import ConfusedCell
from lab_common.job_messages import JobMessage
from lab_common.jobs import TrainingJobSpec
from lab_trainer.training.image_pipeline import DEFAULT_WEIGHT_DECAY
from lab_trainer.training.progress import ProgressCallback

# Momentum makes plain SGD usable at the learning rates the form suggests.
SGD_MOMENTUM = 0.9

LearningRate = float | keras.optimizers.schedules.LearningRateSchedule


@dataclass
class FitOutcome:
    """A fitted model and what the job reports about it.

    After a cancel (``cancelled``) or a NaN loss (``failure`` says so) the model
    is not evaluated: ``test_metrics`` stays empty, ``validation_confusion`` None.
    """

    model: keras.Model
    class_names: list[str]
    input_shape: list[int]
    splits: dict[str, int]
    fit_seconds: float
    epochs_completed: int
    examples_per_second: float
    cancelled: bool = False
    failure: JobMessage | None = None
    test_metrics: dict[str, float] = field(default_factory=dict)
    training_config: dict[str, Any] = field(default_factory=dict)
    # Counts on the validation split (rows true, columns predicted), if it had one.
    validation_confusion: list[list[int]] | None = None
    # A few validation positions per off-diagonal cell (image jobs only).
    validation_confused: list[ConfusedCell] | None = None

    @property
    def stopped(self) -> bool:
        return self.cancelled or self.failure is not None


def make_optimizer(
    spec: TrainingJobSpec, learning_rate: LearningRate
) -> keras.optimizers.Optimizer:
    """The optimiser the spec names, at ``learning_rate`` (a rate or a schedule)."""
    if spec.optimizer == "adamw":
        return keras.optimizers.AdamW(learning_rate, weight_decay=DEFAULT_WEIGHT_DECAY)
    if spec.optimizer == "sgd":
        return keras.optimizers.SGD(learning_rate, momentum=SGD_MOMENTUM)
    if spec.optimizer == "rmsprop":
        return keras.optimizers.RMSprop(learning_rate)
    return keras.optimizers.Adam(learning_rate)


def optimizer_config(spec: TrainingJobSpec) -> dict[str, Any]:
    """The optimiser settings the spec does not show, for the training config."""
    if spec.optimizer == "adamw":
        return {"weight_decay": DEFAULT_WEIGHT_DECAY}
    if spec.optimizer == "sgd":
        return {"momentum": SGD_MOMENTUM}
    return {}


def make_callbacks(
    spec: TrainingJobSpec, progress: keras.callbacks.Callback, has_validation: bool
) -> list[keras.callbacks.Callback]:
    callbacks: list[keras.callbacks.Callback] = []
    if spec.early_stopping_patience is not None:
        # Keep the best epoch's weights, not the last one's.
        metric = spec.early_stopping_metric
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor=f"val_{metric}" if has_validation else metric,
                patience=spec.early_stopping_patience,
                restore_best_weights=True,
            )
        )
    # Progress last: it sees the stop decided by early stopping in the same epoch.
    callbacks.append(progress)
    return callbacks


@dataclass
class Stopwatch:
    """Wall time of a block; ``fit`` time is what throughput is measured on."""

    clock: Callable[[], float] = time.perf_counter
    seconds: float = 0.0

    def __enter__(self) -> Stopwatch:
        self._started = self.clock()
        return self

    def __exit__(self, *_: object) -> None:
        self.seconds = self.clock() - self._started


def examples_per_second(examples: int, epochs: int, seconds: float) -> float:
    return round(examples * epochs / seconds, 1) if seconds > 0 else 0.0


def make_outcome(
    model: keras.Model,
    progress: ProgressCallback,
    fit_seconds: float,
    *,
    class_names: list[str],
    input_shape: list[int],
    splits: dict[str, int],
    training_config: dict[str, Any],
) -> FitOutcome:
    """What ``fit`` left: the model, how it ended, its throughput (examples/s)."""
    rate = examples_per_second(splits["train"], progress.epochs_completed, fit_seconds)
    return FitOutcome(
        model=model,
        class_names=class_names,
        input_shape=input_shape,
        # Only the splits used: a model trained without a validation hold-out
        # lists train and test, as every version's metadata did before jobs.
        splits={name: size for name, size in splits.items() if size},
        fit_seconds=fit_seconds,
        epochs_completed=progress.epochs_completed,
        examples_per_second=rate,
        cancelled=progress.cancelled,
        failure=progress.failure,
        training_config=training_config,
    )
