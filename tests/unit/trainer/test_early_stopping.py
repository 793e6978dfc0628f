"""Early stopping watches the metric the spec names, on validation when there is one."""

from __future__ import annotations

import keras
import pytest

from lab_trainer.training.fitting import make_callbacks
from tests.unit.trainer.factories import text_spec


@pytest.mark.parametrize(
    ("metric", "has_validation", "monitored"),
    [
        ("loss", True, "val_loss"),
        ("loss", False, "loss"),
        ("accuracy", True, "val_accuracy"),
        ("accuracy", False, "accuracy"),
    ],
)
def test_early_stopping_monitors_the_spec_metric(
    metric: str, has_validation: bool, monitored: str
) -> None:
    spec = text_spec(early_stopping_patience=2, early_stopping_metric=metric)
    progress = keras.callbacks.Callback()

    callbacks = make_callbacks(spec, progress, has_validation)

    stopping = callbacks[0]
    assert isinstance(stopping, keras.callbacks.EarlyStopping)
    assert (stopping.monitor, stopping.patience) == (monitored, 2)
    assert stopping.restore_best_weights
    assert callbacks[-1] is progress
