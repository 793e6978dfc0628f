"""ProgressCallback on its own: a recording reporter, a fake clock, a tiny model."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import keras
import pytest

from lab_trainer.training.progress import ProgressCallback


class RecordingReporter:
    """Stands in for JobReporter: keeps what would go to the job store."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.cancel_requested = False
        self.cancel_reads = 0

    def record(self, kind: str, data: Mapping[str, Any], **values: Any) -> None:
        self.records.append({"kind": kind, "data": dict(data), **values})

    def is_cancel_requested(self) -> bool:
        self.cancel_reads += 1
        return self.cancel_requested


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def make_callback(
    reporter: RecordingReporter,
    clock: FakeClock,
    *,
    every_batches: int = 5,
    cancel_check_seconds: float = 0.0,
) -> ProgressCallback:
    callback = ProgressCallback(
        reporter,  # type: ignore[arg-type]
        epochs=2,
        steps_per_epoch=20,
        every_batches=every_batches,
        cancel_check_seconds=cancel_check_seconds,
        clock=clock,
    )
    callback.set_model(keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)]))
    callback.on_train_begin()
    return callback


@pytest.fixture
def reporter() -> RecordingReporter:
    return RecordingReporter()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_progress_names_the_epoch_and_batch_of_a_nan_loss(
    reporter: RecordingReporter, clock: FakeClock
) -> None:
    callback = make_callback(reporter, clock)
    callback.on_epoch_begin(1)

    callback.on_train_batch_end(12, {"loss": math.nan, "accuracy": 0.5})

    assert callback.failure is not None
    assert callback.failure.message == (
        "The loss became NaN at epoch 2, batch 13: lower the learning rate, "
        "or check the data for missing or huge values."
    )
    assert callback.failure.code == "loss-diverged"
    assert callback.failure.params == {"value": "NaN", "epoch": 2, "batch": 13}
    assert callback.model.stop_training is True


def test_progress_calls_an_infinite_loss_infinite(
    reporter: RecordingReporter, clock: FakeClock
) -> None:
    callback = make_callback(reporter, clock)
    callback.on_epoch_begin(0)

    callback.on_train_batch_end(0, {"loss": math.inf})

    assert callback.failure is not None
    assert callback.failure.message.startswith("The loss became infinite at epoch 1")
    assert callback.failure.params["value"] == "infinite"


def test_progress_records_every_nth_batch_with_share_and_eta(
    reporter: RecordingReporter, clock: FakeClock
) -> None:
    callback = make_callback(reporter, clock, every_batches=5)
    callback.on_epoch_begin(0)

    for batch in range(10):
        clock.now += 1.0
        callback.on_train_batch_end(batch, {"loss": 1.0, "accuracy": 0.5})

    assert [r["data"]["batch"] for r in reporter.records] == [1, 5, 10]
    last = reporter.records[-1]
    assert last["progress"] == pytest.approx(0.25)
    # 10 s for a quarter of the work: 30 s to go.
    assert last["eta_seconds"] == pytest.approx(30.0)
    assert last["data"]["epochs"] == 2 and last["data"]["batches"] == 20


def test_progress_records_an_epoch_with_its_metrics(
    reporter: RecordingReporter, clock: FakeClock
) -> None:
    callback = make_callback(reporter, clock)
    callback.on_epoch_begin(0)
    clock.now += 4.0

    callback.on_epoch_end(0, {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6})

    record = reporter.records[-1]
    assert record["kind"] == "epoch"
    assert record["epoch"].epoch == 1
    assert record["epoch"].metrics == {"loss": 0.5, "accuracy": 0.8, "val_loss": 0.6}
    assert record["epoch"].seconds == pytest.approx(4.0)
    assert record["progress"] == pytest.approx(0.5)
    assert callback.epochs_completed == 1


def test_progress_stops_training_when_cancel_is_requested(
    reporter: RecordingReporter, clock: FakeClock
) -> None:
    callback = make_callback(reporter, clock)
    callback.on_epoch_begin(0)
    reporter.cancel_requested = True

    callback.on_train_batch_end(0, {"loss": 1.0})
    callback.on_epoch_end(0, {"loss": 1.0})

    assert callback.cancelled is True
    assert callback.model.stop_training is True
    # The first batch was reported; a partial epoch is no point of the curve.
    assert [r["kind"] for r in reporter.records] == ["batch"]


def test_progress_reads_the_cancel_flag_at_most_every_interval(
    reporter: RecordingReporter, clock: FakeClock
) -> None:
    callback = make_callback(reporter, clock, cancel_check_seconds=0.5)
    callback.on_epoch_begin(0)

    for batch in range(10):  # 1.25 s of batches
        clock.now += 0.125
        callback.on_train_batch_end(batch, {"loss": 1.0})

    assert reporter.cancel_reads == 2
