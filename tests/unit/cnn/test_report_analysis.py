"""The report's numbers: sparsity, dead filters, selectivity, confusion, typography."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from lab_cnn.errors import UnreadableImage
from lab_cnn.images import decode_image
from lab_cnn.reports.analysis import (
    activation_layers,
    evaluate,
    grad_cam_examples,
    measure,
    selectivity_index,
)
from lab_cnn.reports.document import print_pdf
from lab_cnn.reports.language import format_number, format_percent, typeset
from tests.conftest import encode_image, stroke_digit_one
from tests.unit.cnn.tiny_models import build_tiny_cnn

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def model_with_a_dead_filter() -> keras.Model:
    """The tiny CNN whose conv_1 filter 0 can never fire on inputs in [0, 1]."""
    model = build_tiny_cnn()
    kernel, bias = model.get_layer("conv_1").get_weights()
    kernel[..., 0], bias[0] = -1.0, -0.5
    model.get_layer("conv_1").set_weights([kernel, bias])
    return model


@pytest.fixture(scope="module")
def images_and_labels() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    images = rng.uniform(0.0, 1.0, size=(60, 28, 28, 1)).astype(np.float32)
    return images, np.arange(60) % 10


def test_each_conv_is_measured_after_its_relu_or_alone_without_one(
    model_with_a_dead_filter: keras.Model,
) -> None:
    assert activation_layers(model_with_a_dead_filter) == {
        "conv_1": ("relu_1", True),
        "conv_2": ("conv_2", False),
    }


def test_sparsity_equals_the_share_of_zeros_of_a_direct_sub_model(
    model_with_a_dead_filter: keras.Model,
    images_and_labels: tuple[np.ndarray, np.ndarray],
) -> None:
    images, labels = images_and_labels
    stats, _ = measure(model_with_a_dead_filter, images, labels, 10)
    relu = keras.Model(
        model_with_a_dead_filter.input,
        model_with_a_dead_filter.get_layer("relu_1").output,
    )
    direct = np.asarray(relu(images))

    assert stats[0].sparsity == pytest.approx(float((direct <= 0).mean()))
    assert stats[0].dead_filters == [0]
    assert stats[0].selectivity[0] == 0.0  # a dead filter prefers no class


def test_class_means_are_the_mean_activation_over_each_class(
    model_with_a_dead_filter: keras.Model,
    images_and_labels: tuple[np.ndarray, np.ndarray],
) -> None:
    images, labels = images_and_labels
    stats, _ = measure(model_with_a_dead_filter, images, labels, 10)
    relu = keras.Model(
        model_with_a_dead_filter.input,
        model_with_a_dead_filter.get_layer("relu_1").output,
    )
    per_image = np.asarray(relu(images)).mean(axis=(1, 2))  # (images, filters)
    expected = np.stack([per_image[labels == c].mean(axis=0) for c in range(10)], 1)

    np.testing.assert_allclose(stats[0].class_means, expected, rtol=1e-5, atol=1e-7)


def test_selectivity_index_is_one_for_a_single_class_and_zero_for_all_alike() -> None:
    means = np.array([[2.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0], [3, 1, 1]])

    np.testing.assert_allclose(selectivity_index(means), [1.0, 0.0, 0.0, 0.5])


def test_evaluation_counts_true_classes_in_rows() -> None:
    probabilities = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    labels = np.array([0, 1, 1, 1])

    result = evaluate(probabilities, labels, 2)

    assert result.confusion.tolist() == [[1, 0], [1, 2]]
    assert result.accuracy == 0.75
    np.testing.assert_allclose(result.per_class_accuracy, [1.0, 2 / 3])


def test_grad_cam_examples_are_confident_successes_and_the_surest_mistakes() -> None:
    probabilities = np.array(
        [[0.9, 0.1], [0.6, 0.4], [0.3, 0.7], [0.45, 0.55], [0.05, 0.95]]
    )
    labels = np.array([0, 0, 1, 0, 0])

    right, wrong = grad_cam_examples(labels, evaluate(probabilities, labels, 2), 2)

    assert right == [0, 2]
    assert wrong == [4, 3]


def test_french_numbers_use_decimal_commas_and_narrow_spaces() -> None:
    assert format_number(12345.678, 1, "fr") == f"12{NNBSP}345,7"
    assert format_percent(0.991, 1, "fr") == f"99,1{NNBSP}%"
    assert format_number(12345.678, 1, "en") == "12,345.7"
    assert format_percent(0.991, 1, "en") == "99.1%"


def test_french_high_punctuation_is_bound_to_the_word_before() -> None:
    assert typeset("Exactitude : 99 % ? « oui »", "fr") == (
        f"Exactitude{NNBSP}: 99 %{NNBSP}? «{NNBSP}oui{NNBSP}»"
    )
    assert typeset("Accuracy: yes?", "en") == "Accuracy: yes?"


def test_printing_a_pdf_leaves_truncated_uploads_refused() -> None:
    """WeasyPrint switches on Pillow's LOAD_TRUNCATED_IMAGES when imported."""
    assert print_pdf("<p>Épreuve</p>").startswith(b"%PDF-")
    png = encode_image(stroke_digit_one())

    with pytest.raises(UnreadableImage):
        decode_image(png[: len(png) // 2], max_side_pixels=4096)
