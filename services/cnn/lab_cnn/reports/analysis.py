"""The numbers behind the analysis report, measured on a model's test split.

Plain functions on a Keras model and NumPy arrays: no HTML, no files, no jobs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from lab_cnn.visualization import describe_layers, is_relu_layer

# Images per forward pass: the first layer's maps of 200 digits take ~5 MB.
BATCH_SIZE = 200


@dataclass(frozen=True)
class ConvLayerStats:
    """What one convolution's filters do on the whole test split."""

    conv_layer: str
    activation_layer: str  # the rectified layer whose maps are measured
    rectified: bool  # False: no ReLU follows, "zero" means "not positive"
    sparsity: float  # share of zero activations
    dead_filters: list[int]  # never active on any test image
    class_means: np.ndarray  # (filters, classes): mean activation per class
    selectivity: np.ndarray  # (filters,): 0 = same for all classes, 1 = one class
    preferred_class: np.ndarray  # (filters,): the class that activates it most

    @property
    def filters(self) -> int:
        return len(self.selectivity)


@dataclass(frozen=True)
class Evaluation:
    probabilities: np.ndarray  # (examples, classes)
    predictions: np.ndarray  # (examples,)
    confusion: np.ndarray  # (classes, classes): rows are true classes
    accuracy: float
    per_class_accuracy: np.ndarray  # (classes,)


def _is_rectified(layer: keras.layers.Layer) -> bool:
    """Outputs >= 0 by a ReLU: a ReLU layer, or a convolution with a built-in one."""
    if isinstance(layer, keras.layers.Conv2D):
        return layer.get_config().get("activation") == "relu"
    return is_relu_layer(layer)


def activation_layers(model: keras.Model) -> dict[str, tuple[str, bool]]:
    """Conv layer -> (the first rectified layer carrying its channels, found?)."""
    by_name = {layer.name: layer for layer in model.layers}
    chosen: dict[str, tuple[str, bool]] = {}
    for info in describe_layers(model):
        layer = by_name[info.name]
        if isinstance(layer, keras.layers.Conv2D):
            chosen[info.name] = (info.name, _is_rectified(layer))
        elif info.conv_layer and _is_rectified(layer):
            if not chosen[info.conv_layer][1]:
                chosen[info.conv_layer] = (info.name, True)
    return chosen


def _batches(images: np.ndarray) -> Iterator[np.ndarray]:
    for start in range(0, len(images), BATCH_SIZE):
        yield images[start : start + BATCH_SIZE]


def selectivity_index(class_means: np.ndarray) -> np.ndarray:
    """Morcos et al. (2018): (top class mean - mean of the others) / their sum."""
    top = class_means.max(axis=1)
    others = (class_means.sum(axis=1) - top) / (class_means.shape[1] - 1)
    total = top + others
    safe = np.where(total > 0, total, 1.0)
    return np.where(total > 0, (top - others) / safe, 0.0)


def measure(
    model: keras.Model, images: np.ndarray, labels: np.ndarray, num_classes: int
) -> tuple[list[ConvLayerStats], Evaluation]:
    """One pass over ``images`` (float32 in [0, 1]) measuring every conv layer."""
    chosen = activation_layers(model)
    names = [name for name, _ in chosen.values()]
    probe = keras.Model(
        model.input, [model.get_layer(name).output for name in names] + [model.output]
    )
    zeros = np.zeros(len(names))
    values = np.zeros(len(names))
    peaks = [np.zeros(model.get_layer(n).output.shape[-1]) for n in names]
    class_sums = [np.zeros((len(p), num_classes)) for p in peaks]
    probabilities = []
    offset = 0
    for batch in _batches(images):
        outputs = probe(tf.constant(batch), training=False)
        batch_labels = labels[offset : offset + len(batch)]
        offset += len(batch)
        one_hot = np.eye(num_classes)[batch_labels]  # (batch, classes)
        for index, maps in enumerate(outputs[:-1]):
            maps = np.asarray(maps)
            zeros[index] += np.count_nonzero(maps <= 0)
            values[index] += maps.size
            peaks[index] = np.maximum(peaks[index], maps.max(axis=(0, 1, 2)))
            class_sums[index] += maps.mean(axis=(1, 2)).T @ one_hot
        probabilities.append(np.asarray(outputs[-1]))
    counts = np.bincount(labels, minlength=num_classes).clip(min=1)
    stats = []
    for index, (conv, (activation, rectified)) in enumerate(chosen.items()):
        class_means = class_sums[index] / counts
        stats.append(
            ConvLayerStats(
                conv_layer=conv,
                activation_layer=activation,
                rectified=rectified,
                sparsity=float(zeros[index] / values[index]),
                dead_filters=[int(i) for i in np.flatnonzero(peaks[index] <= 0)],
                class_means=class_means,
                selectivity=selectivity_index(class_means),
                preferred_class=class_means.argmax(axis=1),
            )
        )
    return stats, evaluate(np.concatenate(probabilities), labels, num_classes)


def evaluate(
    probabilities: np.ndarray, labels: np.ndarray, num_classes: int
) -> Evaluation:
    predictions = probabilities.argmax(axis=1)
    confusion = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(confusion, (labels, predictions), 1)
    per_class = confusion.diagonal() / confusion.sum(axis=1).clip(min=1)
    return Evaluation(
        probabilities=probabilities,
        predictions=predictions,
        confusion=confusion,
        accuracy=float((predictions == labels).mean()),
        per_class_accuracy=per_class,
    )


def one_example_per_class(labels: np.ndarray, evaluation: Evaluation) -> list[int]:
    """For each class, its first correctly classified test image (else its first)."""
    chosen = []
    for label in range(len(evaluation.per_class_accuracy)):
        rows = np.flatnonzero(labels == label)
        if len(rows) == 0:
            continue
        correct = rows[evaluation.predictions[rows] == label]
        chosen.append(int(correct[0] if len(correct) else rows[0]))
    return chosen


def grad_cam_examples(
    labels: np.ndarray, evaluation: Evaluation, count: int
) -> tuple[list[int], list[int]]:
    """(right, wrong): confident successes of different classes, worst mistakes."""
    confidence = evaluation.probabilities.max(axis=1)
    right_rows = np.flatnonzero(evaluation.predictions == labels)
    right: list[int] = []
    for label in np.linspace(0, len(evaluation.per_class_accuracy) - 1, count):
        rows = right_rows[labels[right_rows] == round(label)]
        if len(rows):
            right.append(int(rows[confidence[rows].argmax()]))
    wrong_rows = np.flatnonzero(evaluation.predictions != labels)
    wrong = wrong_rows[np.argsort(-confidence[wrong_rows])][:count]
    return right, [int(row) for row in wrong]


def most_selective(
    stats: list[ConvLayerStats], per_layer: int
) -> list[tuple[ConvLayerStats, int]]:
    """The ``per_layer`` most class-selective live filters of every conv layer."""
    chosen = []
    for layer in stats:
        order = np.argsort(-layer.selectivity)
        live = [int(i) for i in order if int(i) not in layer.dead_filters]
        chosen.extend((layer, index) for index in live[:per_layer])
    return chosen
