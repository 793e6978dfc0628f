"""The guided questions closing the report, built on the student's own numbers.

A question that compares two measures (two classes' accuracies, two layers'
sparsities) is asked only when their difference is larger than the measuring noise:
otherwise the student would be sent to explain a tie or a coin toss, and the
question says so instead.
"""

from __future__ import annotations

import math

import numpy as np

from lab_cnn.reports import analysis
from lab_cnn.reports.writer import Writer
from lab_cnn.visualization import LayerInfo

# A gap counts once it exceeds about two standard errors (a ~95 % two-sided test).
STANDARD_ERRORS = 2.0


def noise_margin(share_a: float, count_a: int, share_b: float, count_b: int) -> float:
    """Two standard errors of the difference of two proportions (binomial)."""
    variance = share_a * (1 - share_a) / max(count_a, 1)
    variance += share_b * (1 - share_b) / max(count_b, 1)
    return STANDARD_ERRORS * math.sqrt(variance)


def is_real_difference(
    share_a: float, count_a: int, share_b: float, count_b: int
) -> bool:
    """Whether two measured shares differ by more than their noise (never a tie)."""
    gap = abs(share_a - share_b)
    return gap > 0 and gap > noise_margin(share_a, count_a, share_b, count_b)


def guided_questions(
    layers: list[LayerInfo],
    stats: list[analysis.ConvLayerStats],
    evaluation: analysis.Evaluation,
    class_names: list[str],
    input_side: int,
    say: Writer,
) -> list[str]:
    """Questions that name the student's own layers, filters and numbers."""
    questions = [
        say.text("q_filters", layer=stats[0].conv_layer),
        _sparsity_question(stats, len(evaluation.predictions), say),
    ]
    dead = max(stats, key=lambda layer: len(layer.dead_filters))
    if dead.dead_filters:
        questions.append(
            say.text("q_dead_some", dead=len(dead.dead_filters), layer=dead.conv_layer)
        )
    else:
        questions.append(say.text("q_dead_none"))
    layer, index = max(
        analysis.most_selective(stats, 1), key=lambda pair: pair[0].selectivity[pair[1]]
    )
    questions.append(
        say.text(
            "q_selective",
            index=index,
            layer=layer.conv_layer,
            label=class_names[int(layer.preferred_class[index])],
            selectivity=say.number(float(layer.selectivity[index]), 2),
        )
    )
    questions.append(accuracy_question(evaluation, class_names, say))
    last = next(info for info in reversed(layers) if info.receptive_field)
    questions.append(
        say.text(
            "q_field", layer=last.name, field=last.receptive_field, side=input_side
        )
    )
    return questions


def _sparsity_question(
    stats: list[analysis.ConvLayerStats], test_count: int, say: Writer
) -> str:
    """Compare the sparsest and the least sparse layers when they really differ.

    The test images, not the activations, are the independent draws: neighbouring
    activations of one image rise and fall together.
    """
    by_sparsity = sorted(stats, key=lambda layer: layer.sparsity)
    least, most = by_sparsity[0], by_sparsity[-1]
    if not is_real_difference(most.sparsity, test_count, least.sparsity, test_count):
        mean = float(np.mean([layer.sparsity for layer in stats]))
        return say.text("q_sparsity_alike", sparsity=say.percent(mean))
    return say.text(
        "q_sparsity",
        sparsest=most.conv_layer,
        sparsity=say.percent(most.sparsity),
        least_sparse=least.conv_layer,
        least=say.percent(least.sparsity),
    )


def accuracy_question(
    evaluation: analysis.Evaluation, class_names: list[str], say: Writer
) -> str:
    """Why the worst class trails the best one, when the test shows it beyond noise;
    else how many test images it would take to tell the classes apart."""
    accuracy = evaluation.per_class_accuracy
    counts = evaluation.confusion.sum(axis=1)
    worst, best = int(accuracy.argmin()), int(accuracy.argmax())
    low, high = float(accuracy[worst]), float(accuracy[best])
    if low == high:
        return say.text("q_accuracy_equal", accuracy=say.percent(low))
    if not is_real_difference(low, int(counts[worst]), high, int(counts[best])):
        margin = noise_margin(low, int(counts[worst]), high, int(counts[best]))
        return say.text(
            "q_accuracy_alike",
            low=say.percent(low),
            high=say.percent(high),
            count=say.number(int(counts[counts > 0].min())),
            margin=say.percent(margin),
        )
    mistakes = evaluation.confusion[worst].copy()
    mistakes[worst] = 0
    confused = int(mistakes.argmax())
    return say.text(
        "q_confusion",
        worst=class_names[worst],
        accuracy=say.percent(low),
        best=class_names[best],
        best_accuracy=say.percent(high),
        confused=class_names[confused],
        count=int(mistakes[confused]),
    )
