"""Confusion matrices: made by the trainer, read by the diagnosis and the pages.

Rows are true classes, columns predicted classes, both in the model's
``class_names`` order. Besides the counts, a version keeps for each
off-diagonal cell the positions of a few of its validation examples
(``ConfusedCell``): indices into the validation split as the trainer built it,
never an image or a label, so the gateway can draw that split again and show
them (``lab_gateway.confused_examples``). Validation only: a challenge's hidden
splits never reach the trainer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from pydantic import BaseModel, Field

# Enough to see a pattern in a cell, few enough for a small metadata file.
CONFUSED_EXAMPLES_PER_CELL = 12


def count_confusion(
    true_classes: np.ndarray, predicted_classes: np.ndarray, num_classes: int
) -> list[list[int]]:
    """The ``num_classes`` x ``num_classes`` counts of (true, predicted) pairs."""
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (np.asarray(true_classes), np.asarray(predicted_classes)), 1)
    return counts.tolist()


def predicted_classes(scores: np.ndarray) -> np.ndarray:
    """The class each row of model outputs names: a sigmoid's (one column) is
    1 above 0.5, a softmax's is its largest."""
    scores = np.asarray(scores)
    if scores.ndim == 1 or scores.shape[-1] == 1:
        return (scores.reshape(-1) > 0.5).astype(np.int64)
    return scores.argmax(axis=-1)


def class_recalls(confusion: Sequence[Sequence[int]]) -> dict[int, float]:
    """Recall of each class that has validation examples (class index -> recall)."""
    counts = np.asarray(confusion, dtype=np.int64)
    support = counts.sum(axis=1)
    return {
        int(i): float(counts[i, i] / support[i]) for i in np.flatnonzero(support > 0)
    }


def top_confusions(
    confusion: Sequence[Sequence[int]], count: int
) -> list[tuple[int, int, int]]:
    """The ``count`` largest off-diagonal cells as (true, predicted, examples).

    Ties go to the lower true class, then the lower predicted class, so the
    order never depends on the sort's whims; empty cells are never listed.
    """
    counts = np.asarray(confusion, dtype=np.int64)
    cells = [
        (int(counts[i, j]), i, j)
        for i in range(counts.shape[0])
        for j in range(counts.shape[1])
        if i != j and counts[i, j] > 0
    ]
    cells.sort(key=lambda cell: (-cell[0], cell[1], cell[2]))
    return [(i, j, n) for n, i, j in cells[:count]]


class ConfusedCell(BaseModel):
    """Validation examples of class ``true_class`` predicted ``predicted_class``."""

    true_class: int = Field(ge=0)
    predicted_class: int = Field(ge=0)
    positions: list[int] = Field(
        description="Rows of the validation split, most confident mistake first."
    )
    probabilities: list[float] = Field(
        description="The probability each one gave the predicted class."
    )


def predicted_probabilities(scores: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    """The probability each row of model outputs gave the class it predicts."""
    scores = np.asarray(scores, dtype=np.float64)
    if scores.ndim == 1 or scores.shape[-1] == 1:
        positive = scores.reshape(-1)
        return np.where(predicted == 1, positive, 1.0 - positive)
    return scores[np.arange(len(scores)), predicted]


def pick_confused_examples(
    true_classes: np.ndarray,
    scores: np.ndarray,
    per_cell: int = CONFUSED_EXAMPLES_PER_CELL,
) -> list[ConfusedCell]:
    """Up to ``per_cell`` misclassified rows of every non-empty off-diagonal cell.

    Most confident mistakes first (ties: the lower row), since those say most
    about what the model learnt wrong; probabilities rounded to 4 decimals.
    """
    true = np.asarray(true_classes, dtype=np.int64)
    predicted = predicted_classes(scores)
    probabilities = predicted_probabilities(scores, predicted)
    cells: list[ConfusedCell] = []
    pairs = {(int(a), int(b)) for a, b in zip(true, predicted, strict=True)}
    for t, p in sorted(pairs):
        if t == p:
            continue
        rows = np.flatnonzero((true == t) & (predicted == p))
        rows = rows[np.lexsort((rows, -probabilities[rows]))][:per_cell]
        cells.append(
            ConfusedCell(
                true_class=t,
                predicted_class=p,
                positions=rows.tolist(),
                probabilities=[round(float(v), 4) for v in probabilities[rows]],
            )
        )
    return cells


def find_confused_cell(
    cells: Sequence[ConfusedCell], true_class: int, predicted_class: int
) -> ConfusedCell | None:
    """The stored cell (``true_class``, ``predicted_class``), None if it has none."""
    for cell in cells:
        if (cell.true_class, cell.predicted_class) == (true_class, predicted_class):
            return cell
    return None
