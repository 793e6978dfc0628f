"""The report's guided questions compare two measures only when the test shows a
difference beyond the measuring noise, and never on a tie."""

from __future__ import annotations

import numpy as np

from lab_cnn.reports.analysis import ConvLayerStats, Evaluation, evaluate
from lab_cnn.reports.questions import (
    accuracy_question,
    guided_questions,
    is_real_difference,
)
from lab_cnn.reports.writer import Writer
from lab_cnn.visualization import LayerInfo

CLASS_NAMES = [str(digit) for digit in range(10)]
IMAGES_PER_CLASS = 100
ENGLISH = Writer("en")
FRENCH = Writer("fr")
COMPARISON = "is recognised clearly less well than"


def evaluation_with_errors(errors_per_class: dict[int, int]) -> Evaluation:
    """100 test images per class; class c's errors are all read as c + 1."""
    labels = np.repeat(np.arange(10), IMAGES_PER_CLASS)
    predictions = labels.copy()
    for label, errors in errors_per_class.items():
        rows = np.flatnonzero(labels == label)[:errors]
        predictions[rows] = (label + 1) % 10
    probabilities = np.eye(10)[predictions]
    return evaluate(probabilities, labels, 10)


def conv_stats(name: str, sparsity: float) -> ConvLayerStats:
    class_means = np.linspace(0.1, 1.0, 40).reshape(4, 10)
    return ConvLayerStats(
        conv_layer=name,
        activation_layer=name,
        rectified=True,
        sparsity=sparsity,
        dead_filters=[],
        class_means=class_means,
        selectivity=np.array([0.1, 0.2, 0.3, 0.4]),
        preferred_class=class_means.argmax(axis=1),
    )


LAYERS = [
    LayerInfo("image", "InputLayer", [28, 28, 1], 0, 1, None),
    LayerInfo("conv_1", "Conv2D", [28, 28, 4], 40, 3, "conv_1"),
    LayerInfo("conv_2", "Conv2D", [28, 28, 6], 222, 5, "conv_2"),
]


def test_a_tie_is_never_a_real_difference() -> None:
    assert not is_real_difference(0.98, 100, 0.98, 100)
    assert not is_real_difference(1.0, 100, 1.0, 100)


def test_a_gap_within_two_standard_errors_is_not_real_but_a_wide_one_is() -> None:
    assert not is_real_difference(0.97, 100, 0.99, 100)  # 2 SE ~ 3.9 points
    assert is_real_difference(0.80, 100, 0.99, 100)  # 2 SE ~ 8.2 points


def test_classes_tied_at_98_percent_get_no_comparison_question() -> None:
    evaluation = evaluation_with_errors(dict.fromkeys(range(10), 2))

    question = accuracy_question(evaluation, CLASS_NAMES, ENGLISH)

    assert COMPARISON not in question
    assert question.startswith("Every class has the same test accuracy (98.0%)")


def test_a_gap_within_the_noise_gets_no_comparison_question() -> None:
    evaluation = evaluation_with_errors({3: 3, 5: 1, 7: 2})  # 97 % against 99-100 %

    question = accuracy_question(evaluation, CLASS_NAMES, ENGLISH)

    assert COMPARISON not in question
    assert "from 97.0% to 100.0%, on at least 100 images per class" in question


def test_a_clear_gap_asks_why_the_worst_class_trails_the_best() -> None:
    evaluation = evaluation_with_errors({3: 20, 5: 1})  # 80 % against 99-100 %

    question = accuracy_question(evaluation, CLASS_NAMES, ENGLISH)

    assert question.startswith(f"Class 3 (80.0%) {COMPARISON} class 0 (100.0%)")
    assert "most often taken for a “4” (20 times)" in question


def test_the_french_comparison_uses_french_numbers() -> None:
    evaluation = evaluation_with_errors({3: 20})

    question = accuracy_question(evaluation, CLASS_NAMES, FRENCH)

    assert question.startswith(
        "La classe 3 (80,0\u202f%) est nettement moins bien reconnue que la classe 0"
    )


def test_layers_with_close_sparsity_get_no_comparison_question() -> None:
    stats = [conv_stats("conv_1", 0.543), conv_stats("conv_2", 0.527)]
    evaluation = evaluation_with_errors({})

    questions = guided_questions(LAYERS, stats, evaluation, CLASS_NAMES, 28, ENGLISH)

    assert not any("has the highest sparsity" in question for question in questions)
    assert any("similar sparsity (around 53.5%)" in question for question in questions)


def test_layers_with_clearly_different_sparsity_are_compared() -> None:
    stats = [conv_stats("conv_1", 0.30), conv_stats("conv_2", 0.72)]
    evaluation = evaluation_with_errors({})

    questions = guided_questions(LAYERS, stats, evaluation, CLASS_NAMES, 28, ENGLISH)

    assert (
        "Layer conv_2 has the highest sparsity (72.0%) and conv_1 the lowest (30.0%)."
        in questions[1]
    )
