"""Confusion matrices as plain counts: made by the trainer, read by the diagnosis.

Rows are true classes, columns predicted classes, both in the model's
``class_names`` order. Only aggregates: no example, no index, no label list.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


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
