"""The rules of the diagnosis, each on a job's curves or confusion counts.

A rule returns ``Found`` (its numbers and the params of its sentence),
``NotChecked`` (the data it needs is missing) or None (nothing to say).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lab_common.confusion import class_recalls, top_confusions
from lab_common.diagnosis.models import (
    ConfusionPair,
    FindingCode,
    Number,
    UncheckedReason,
)
from lab_common.diagnosis.thresholds import Thresholds
from lab_common.jobs import EpochMetrics, Task

# The trainer's errors for a loss that became NaN or infinite (job.error.<code>):
# the job stops before that epoch is recorded, so the history never shows it.
DIVERGED_ERRORS = {"loss-diverged": "loss", "loss-diverged-in-validation": "val_loss"}


@dataclass
class Found:
    code: FindingCode
    variant: str | None
    params: dict[str, Any]
    numbers: dict[str, Number]
    thresholds: dict[str, Number]
    pairs: list[ConfusionPair] = field(default_factory=list)


@dataclass
class NotChecked:
    code: FindingCode
    reason: UncheckedReason
    params: dict[str, Any] = field(default_factory=dict)


Result = Found | NotChecked | None


@dataclass
class Curves:
    """A job's per-epoch metrics as arrays, oldest epoch first."""

    epochs: int
    series: dict[str, np.ndarray]

    @classmethod
    def of(cls, history: Sequence[EpochMetrics]) -> Curves:
        ordered = sorted(history, key=lambda e: e.epoch)
        names = ("loss", "accuracy", "val_loss", "val_accuracy")
        # A NaN or infinite value is the diverging rule's; the others read the rest.
        series = {
            name: np.array(
                [
                    e.metrics[name]
                    for e in ordered
                    if name in e.metrics and math.isfinite(e.metrics[name])
                ]
            )
            for name in names
        }
        return cls(len(ordered), {k: v for k, v in series.items() if len(v)})

    @property
    def has_validation(self) -> bool:
        return "val_loss" in self.series or "val_accuracy" in self.series

    @property
    def watched(self) -> str:
        return "val_loss" if "val_loss" in self.series else "loss"


def _ratio(value: float) -> float:
    """A measured ratio as shown (4 decimals): the verdict is on what users read,
    so 0.44 / 0.40 - 1 is a rise of 0.1, not 0.0999999."""
    return round(float(value), 4)


def _points(accuracy: float) -> float:
    return round(accuracy * 100, 1)


def check_overfitting(curves: Curves, t: Thresholds) -> Result:
    if not curves.has_validation:
        return NotChecked("overfitting", "no-validation")
    numbers: dict[str, Number] = {}
    found = None
    val = curves.series.get("val_loss")
    if val is not None and val.min() > 0:
        best = int(val.argmin())
        since, rise = len(val) - 1 - best, _ratio(val[-1] / val[best] - 1)
        numbers |= {
            "val_loss_min": round(float(val[best]), 4),
            "val_loss_min_epoch": best + 1,
            "val_loss_last": round(float(val[-1]), 4),
            "val_loss_rise": rise,
            "epochs_since_min": since,
        }
        if since >= t.overfit_epochs_since_min and rise >= t.overfit_val_loss_rise:
            found = Found(
                "overfitting",
                "val-loss",
                {
                    "rise": round(rise * 100, 1),
                    "best": numbers["val_loss_min"],
                    "best_epoch": best + 1,
                    "last": numbers["val_loss_last"],
                    "since": since,
                },
                numbers,
                {
                    "val_loss_rise": t.overfit_val_loss_rise,
                    "epochs_since_min": t.overfit_epochs_since_min,
                },
            )
    gap = _accuracy_gap(curves)
    if gap is not None:
        numbers["accuracy_gap_points"] = gap
        crossed = gap >= t.overfit_accuracy_gap_points
        if found is not None and crossed:  # said by the loss; the gap is shown too
            found.thresholds["accuracy_gap_points"] = t.overfit_accuracy_gap_points
        elif crossed:
            train, validation = curves.series["accuracy"], curves.series["val_accuracy"]
            found = Found(
                "overfitting",
                "gap",
                {
                    "train": _points(train[-1]),
                    "validation": _points(validation[-1]),
                    "gap": gap,
                    "limit": t.overfit_accuracy_gap_points,
                },
                numbers,
                {"accuracy_gap_points": t.overfit_accuracy_gap_points},
            )
    return found


def _accuracy_gap(curves: Curves) -> float | None:
    """Train minus validation accuracy at the last epoch, in points."""
    if "accuracy" not in curves.series or "val_accuracy" not in curves.series:
        return None
    last = curves.series["accuracy"][-1] - curves.series["val_accuracy"][-1]
    return round(float(last) * 100, 1)


def check_underfitting(curves: Curves, task: Task, t: Thresholds) -> Result:
    gap = _accuracy_gap(curves)
    if gap is None:
        return NotChecked("underfitting", "no-validation")
    images = task == "image-classification"
    limit = t.underfit_accuracy_images if images else t.underfit_accuracy_texts
    train = float(curves.series["accuracy"][-1])
    validation = float(curves.series["val_accuracy"][-1])
    if train >= limit or abs(gap) >= t.underfit_max_gap_points:
        return None
    return Found(
        "underfitting",
        None,
        {
            "train": _points(train),
            "validation": _points(validation),
            "limit": _points(limit),
            "kind": "images" if images else "texts",
        },
        {"accuracy": round(train, 4), "val_accuracy": round(validation, 4)}
        | {"accuracy_gap_points": gap},
        {"accuracy": limit, "accuracy_gap_points": t.underfit_max_gap_points},
    )


def check_not_converged(curves: Curves, t: Thresholds) -> Result:
    metric = curves.watched
    loss = curves.series.get(metric)
    if loss is None or len(loss) < 2:
        return NotChecked("not-converged", "too-few-epochs", {"needed": 2})
    steps = min(t.not_converged_epochs, len(loss) - 1)
    recent = loss[-steps - 1 :]
    drops = (recent[:-1] - recent[1:]) / np.where(recent[:-1] > 0, recent[:-1], 1)
    smallest = _ratio(drops.min())
    if smallest < t.not_converged_drop:
        return None
    return Found(
        "not-converged",
        None,
        {
            "metric": metric,
            "drop": round(smallest * 100, 1),
            "steps": steps,
            "last": round(float(loss[-1]), 4),
        },
        {"metric": metric, "smallest_drop": smallest, "epochs": steps},
        {"drop": t.not_converged_drop},
    )


def check_plateau(curves: Curves, t: Thresholds) -> Result:
    metric = curves.watched
    loss = curves.series.get(metric)
    needed = t.plateau_epochs + 1
    if loss is None or len(loss) < needed:
        return NotChecked("plateau", "too-few-epochs", {"needed": needed})
    before, window = float(loss[: -t.plateau_epochs].min()), loss[-t.plateau_epochs :]
    gain = before - float(window.min())
    risen = before > 0 and float(loss[-1]) >= before * (1 + t.overfit_val_loss_rise)
    if gain > t.plateau_min_delta or risen:
        return None
    best = round(min(before, float(window.min())), 4)
    return Found(
        "plateau",
        None,
        {
            "metric": metric,
            "min_delta": t.plateau_min_delta,
            "epochs": t.plateau_epochs,
            "best": best,
            "last": round(float(loss[-1]), 4),
        },
        {"metric": metric, "gain": round(gain, 6), "epochs": t.plateau_epochs},
        {"min_delta": t.plateau_min_delta},
    )


def check_diverging(
    history: Sequence[EpochMetrics],
    error_code: str | None,
    error_params: Mapping[str, Any],
) -> Result:
    for entry in sorted(history, key=lambda e: e.epoch):
        for metric in ("loss", "val_loss"):
            value = entry.metrics.get(metric)
            if value is not None and not math.isfinite(value):
                text = "NaN" if math.isnan(value) else "infinite"
                return _diverged(metric, text, entry.epoch)
    if error_code in DIVERGED_ERRORS:
        value = str(error_params.get("value", "NaN"))
        epoch = error_params.get("epoch", 0)
        return _diverged(DIVERGED_ERRORS[error_code], value, epoch)
    return None


def _diverged(metric: str, value: str, epoch: Any) -> Found:
    params = {"metric": metric, "value": value, "epoch": epoch}
    return Found("diverging", None, params, dict(params), {})


def oscillation(values: np.ndarray) -> float:
    """Coefficient of variation of ``values`` with the trend taken out.

    The back-and-forth (total variation minus the net change, halved) per step,
    over the mean: 0 for a steady fall or rise; for a pure zigzag between
    ``m - a`` and ``m + a`` it is ``a / m``, the plain coefficient of variation.
    """
    steps = len(values) - 1
    mean = float(np.mean(values))
    if steps < 1 or mean <= 0:
        return 0.0
    travelled = float(np.abs(np.diff(values)).sum())
    net = abs(float(values[-1] - values[0]))
    return (travelled - net) / 2 / steps / mean


def check_unstable(curves: Curves, t: Thresholds) -> Result:
    metric = curves.watched
    loss = curves.series.get(metric)
    if loss is None or len(loss) < t.unstable_epochs:
        return NotChecked("unstable", "too-few-epochs", {"needed": t.unstable_epochs})
    value = _ratio(oscillation(loss[-t.unstable_epochs :]))
    if value <= t.unstable_oscillation:
        return None
    return Found(
        "unstable",
        None,
        {
            "metric": metric,
            "epochs": t.unstable_epochs,
            "oscillation": round(value * 100, 1),
            "limit": round(t.unstable_oscillation * 100, 1),
        },
        {"metric": metric, "oscillation": value},
        {"oscillation": t.unstable_oscillation},
    )


def check_errors_concentrated(
    confusion: Sequence[Sequence[int]] | None,
    class_names: Sequence[str] | None,
    has_validation: bool,
    t: Thresholds,
) -> Result:
    if confusion is None:
        reason: UncheckedReason = "no-confusion" if has_validation else "no-validation"
        return NotChecked("errors-concentrated", reason)
    recalls = class_recalls(confusion)
    if len(recalls) < 2:
        return NotChecked("errors-concentrated", "no-confusion")
    names = _class_names(class_names, len(confusion))
    worst = min(recalls, key=lambda i: (recalls[i], i))
    best = max(recalls, key=lambda i: (recalls[i], -i))
    if _ratio(recalls[worst]) >= t.worst_recall:
        return None
    support = [sum(row) for row in confusion]
    pairs = [
        ConfusionPair(
            true_class=names[i],
            predicted_class=names[j],
            count=n,
            share=round(n / support[i], 4),
        )
        for i, j, n in top_confusions(confusion, t.confusion_pairs)
    ]
    top = pairs[0]
    return Found(
        "errors-concentrated",
        None,
        {
            "worst": names[worst],
            "recall": _points(recalls[worst]),
            "limit": _points(t.worst_recall),
            "best": names[best],
            "best_recall": _points(recalls[best]),
            "true": top.true_class,
            "predicted": top.predicted_class,
            "count": top.count,
        },
        {
            "worst_class": names[worst],
            "worst_recall": round(recalls[worst], 4),
            "best_class": names[best],
            "best_recall": round(recalls[best], 4),
            "worst_to_best": round(recalls[worst] / recalls[best], 4)
            if recalls[best] > 0
            else 0.0,
        },
        {"worst_recall": t.worst_recall},
        pairs,
    )


def _class_names(class_names: Sequence[str] | None, count: int) -> list[str]:
    """The names the model stored; its index for any class without one."""
    names = list(class_names or [])[:count]
    return names + [str(i) for i in range(len(names), count)]
