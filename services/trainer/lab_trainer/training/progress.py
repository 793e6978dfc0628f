"""The Keras callback that reports a job's progress and obeys its cancel flag."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import keras

from lab_common.job_messages import JobMessage, job_error
from lab_common.jobs import EpochMetrics
from lab_trainer.training.reporting import JobReporter

# Decimals kept in events: enough for curves, short enough for the SSE stream.
METRIC_DECIMALS = 5


def _rounded(logs: dict[str, Any] | None) -> dict[str, float]:
    return {
        key: round(float(value), METRIC_DECIMALS) for key, value in (logs or {}).items()
    }


class ProgressCallback(keras.callbacks.Callback):
    """Batch and epoch events, the cancel flag and NaN losses, for one job.

    After ``fit``: ``cancelled`` is True if the user asked to stop; ``failure``
    holds a readable message if the loss stopped being a number.
    """

    def __init__(
        self,
        reporter: JobReporter,
        *,
        epochs: int,
        steps_per_epoch: int,
        every_batches: int,
        cancel_check_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.reporter = reporter
        self.epochs = epochs
        self.steps_per_epoch = max(steps_per_epoch, 1)
        self.every_batches = every_batches
        self.cancel_check_seconds = cancel_check_seconds
        self.clock = clock
        self.cancelled = False
        self.failure: JobMessage | None = None
        self.epochs_completed = 0
        self._epoch = 0
        self._started = 0.0
        self._epoch_started = 0.0
        self._last_cancel_check = 0.0

    @property
    def is_stopped(self) -> bool:
        return self.cancelled or self.failure is not None

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        self._started = self._last_cancel_check = self.clock()

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self._epoch = epoch
        self._epoch_started = self.clock()

    def on_train_batch_end(
        self, batch: int, logs: dict[str, Any] | None = None
    ) -> None:
        metrics = _rounded(logs)
        loss = metrics.get("loss", 0.0)
        if not math.isfinite(loss):
            self._fail_on_loss(loss, batch)
            return
        # The very first batch is reported at once: the user sees it has started.
        is_first = self._epoch == 0 and batch == 0
        if is_first or (batch + 1) % self.every_batches == 0:
            self._record_batch(batch, metrics)
        self._check_cancel()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        if self.is_stopped:
            return  # a partial epoch is no point of the learning curve
        metrics = _rounded(logs)
        if not math.isfinite(metrics.get("val_loss", 0.0)):
            self._fail_on_loss(metrics["val_loss"], None)
            return
        self.epochs_completed = epoch + 1
        seconds = round(self.clock() - self._epoch_started, 3)
        progress = self.epochs_completed / self.epochs
        self.reporter.record(
            "epoch",
            {
                "epoch": epoch + 1,
                "epochs": self.epochs,
                "metrics": metrics,
                "seconds": seconds,
            },
            progress=progress,
            eta_seconds=self._eta(progress),
            epoch=EpochMetrics(epoch=epoch + 1, metrics=metrics, seconds=seconds),
        )

    def _record_batch(self, batch: int, metrics: dict[str, float]) -> None:
        done = self._epoch * self.steps_per_epoch + batch + 1
        progress = min(done / (self.epochs * self.steps_per_epoch), 1.0)
        eta_seconds = self._eta(progress)
        self.reporter.record(
            "batch",
            {
                "epoch": self._epoch + 1,
                "epochs": self.epochs,
                "batch": batch + 1,
                "batches": self.steps_per_epoch,
                "loss": metrics.get("loss"),
                "accuracy": metrics.get("accuracy"),
                "progress": round(progress, 4),
                "eta_seconds": eta_seconds,
            },
            progress=progress,
            eta_seconds=eta_seconds,
        )

    def _check_cancel(self) -> None:
        now = self.clock()
        if now - self._last_cancel_check < self.cancel_check_seconds:
            return
        self._last_cancel_check = now
        if self.reporter.is_cancel_requested():
            self.cancelled = True
            self.model.stop_training = True

    def _fail_on_loss(self, loss: float, batch: int | None) -> None:
        value = "NaN" if math.isnan(loss) else "infinite"
        epoch = self._epoch + 1
        if batch is None:
            self.failure = job_error(
                "loss-diverged-in-validation", value=value, epoch=epoch
            )
        else:
            self.failure = job_error(
                "loss-diverged", value=value, epoch=epoch, batch=batch + 1
            )
        self.model.stop_training = True

    def _eta(self, progress: float) -> float | None:
        if progress <= 0:
            return None
        elapsed = self.clock() - self._started
        return round(elapsed / progress * (1 - progress), 1)


# Steps per epoch -> the job's progress callback (the fit code knows the steps).
ProgressFactory = Callable[[int], ProgressCallback]
