"""The few validation positions a version keeps per confusion-matrix cell."""

from __future__ import annotations

import numpy as np

from lab_common.confusion import (
    find_confused_cell,
    pick_confused_examples,
    predicted_probabilities,
)


def softmax_rows(*rows: list[float]) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def test_pick_confused_examples_lists_each_off_diagonal_cell_once() -> None:
    true = np.array([0, 0, 1, 1, 2])
    scores = softmax_rows(
        [0.9, 0.1, 0.0],  # 0 -> 0, right
        [0.2, 0.7, 0.1],  # 0 -> 1
        [0.6, 0.3, 0.1],  # 1 -> 0
        [0.1, 0.1, 0.8],  # 1 -> 2
        [0.3, 0.6, 0.1],  # 2 -> 1
    )

    cells = pick_confused_examples(true, scores)

    assert [(c.true_class, c.predicted_class, c.positions) for c in cells] == [
        (0, 1, [1]),
        (1, 0, [2]),
        (1, 2, [3]),
        (2, 1, [4]),
    ]
    assert [c.probabilities for c in cells] == [[0.7], [0.6], [0.8], [0.6]]


def test_pick_confused_examples_keeps_the_most_confident_mistakes_first() -> None:
    true = np.zeros(6, dtype=np.int64)
    confidence = [0.6, 0.9, 0.7, 0.9, 0.55, 0.8]
    scores = np.array([[1 - c, c] for c in confidence])

    (cell,) = pick_confused_examples(true, scores, per_cell=4)

    assert cell.positions == [1, 3, 5, 2]  # ties: the lower position first
    assert cell.probabilities == [0.9, 0.9, 0.8, 0.7]


def test_a_sigmoid_output_gives_the_probability_of_the_class_it_predicts() -> None:
    scores = np.array([[0.8], [0.3]])

    probabilities = predicted_probabilities(scores, np.array([1, 0]))

    assert np.allclose(probabilities, [0.8, 0.7])


def test_find_confused_cell_is_none_for_a_cell_without_mistakes() -> None:
    cells = pick_confused_examples(np.array([0, 1]), softmax_rows([0.2, 0.8], [0, 1]))

    assert find_confused_cell(cells, 0, 1) is not None
    assert find_confused_cell(cells, 1, 0) is None
