"""Training data by dataset id: built-in, course-data and uploaded datasets.

The trainer calls :func:`load_image_training_data` or
:func:`load_text_training_data` with the id of a job's spec. An unknown id is a
404 ``DatasetNotFound``; known data whose files are absent is a 503
``DatasetMissing`` that says how to provide them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from lab_common.catalogue.builtin import (
    CIFAR_10_ID,
    FASHION_MNIST_ID,
    IMAGE_CATALOGUE,
    SKLEARN_DIGITS_ID,
    load_cifar_10,
    load_fashion_mnist,
    load_sklearn_digits,
)
from lab_common.catalogue.errors import DatasetNotFound
from lab_common.catalogue.schemas import IMAGE_TASK, TEXT_TASK, TextTrainingData
from lab_common.catalogue.stored import (
    find_upload,
    load_uploaded_images,
    load_uploaded_texts,
)
from lab_common.text.datasets import CATALOGUE as TEXT_CATALOGUE
from lab_common.text.datasets import ensure_files, load_split
from lab_common.vision.datasets import MNIST_5K_ID, ImageDataset, load_mnist_5k

# The sentiment files label 0 = negative, 1 = positive.
SENTIMENT_CLASSES = ["negative", "positive"]


def _builtin_image_loader(
    dataset_id: str, data_dir: Path | None
) -> Callable[[], ImageDataset] | None:
    loaders: dict[str, Callable[[], ImageDataset]] = {
        MNIST_5K_ID: cached_mnist_5k,
        SKLEARN_DIGITS_ID: load_sklearn_digits,
        FASHION_MNIST_ID: lambda: load_fashion_mnist(data_dir),
        CIFAR_10_ID: lambda: load_cifar_10(data_dir),
    }
    return loaders.get(dataset_id)


# The default dataset parses a gzipped CSV (seconds): a process parses it once.
cached_mnist_5k = functools.lru_cache(maxsize=1)(load_mnist_5k)


def _unknown(dataset_id: str, task: str, datasets_dir: Path | None) -> DatasetNotFound:
    upload = find_upload(datasets_dir, dataset_id)
    if upload is not None:
        return DatasetNotFound(
            "wrong-task", dataset=dataset_id, task=upload.task, expected=task
        )
    known = sorted(IMAGE_CATALOGUE) if task == IMAGE_TASK else sorted(TEXT_CATALOGUE)
    return DatasetNotFound(
        "unknown-for-task", dataset=dataset_id, task=task, known=", ".join(known)
    )


def catalogue_image_loader(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> Callable[[], ImageDataset]:
    """How to load image dataset ``dataset_id``; ``DatasetNotFound`` if unknown.

    Course-data files are checked when the loader runs, not here.
    """
    loader = _builtin_image_loader(dataset_id, data_dir)
    if loader is not None:
        return loader
    upload = find_upload(datasets_dir, dataset_id)
    if upload is None or upload.task != IMAGE_TASK or datasets_dir is None:
        raise _unknown(dataset_id, IMAGE_TASK, datasets_dir)
    folder = datasets_dir
    return lambda: load_uploaded_images(folder, upload)


def load_image_training_data(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> ImageDataset:
    """Train/test images (uint8, NHWC) and integer labels of ``dataset_id``."""
    return catalogue_image_loader(dataset_id, data_dir, datasets_dir)()


def load_text_training_data(
    dataset_id: str,
    data_dir: Path | None,
    datasets_dir: Path | None,
    *,
    mirror_url: str | None = None,
) -> TextTrainingData:
    """Texts and labels of a sentiment dataset of the course, or of an upload.

    ``mirror_url`` lets a lab server with internet fetch missing course files.
    Uploads have train and test splits only (``validation`` is None).
    """
    entry = TEXT_CATALOGUE.get(dataset_id)
    if entry is not None:
        ensure_files(entry, data_dir, mirror_url)
        assert data_dir is not None  # ensure_files raised otherwise
        return TextTrainingData(
            train=load_split(entry, "train", data_dir),
            validation=load_split(entry, "validation", data_dir),
            test=load_split(entry, "test", data_dir),
            class_names=list(SENTIMENT_CLASSES),
            id=dataset_id,
        )
    upload = find_upload(datasets_dir, dataset_id)
    if upload is None or upload.task != TEXT_TASK or datasets_dir is None:
        raise _unknown(dataset_id, TEXT_TASK, datasets_dir)
    return load_uploaded_texts(datasets_dir, upload)
