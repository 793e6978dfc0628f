"""The dataset catalogue: every dataset by id, whether it is usable, and its data.

The one place that knows all three kinds of dataset (built-in image sets, the
course's folders, uploads) and turns an id into data:

- :func:`list_datasets`, :func:`find_dataset`, :func:`dataset_ids` describe
  datasets without loading them (counts come from the entries or an upload's
  ``dataset.json``).
- :func:`image_loader` checks an image dataset can load here, and
  :func:`load_image_dataset` loads it through the process's one cache.
- :func:`load_text_dataset` reads a sentiment dataset or a text upload.

An unknown id (or one of the other task) is a 404 ``DatasetNotFound``; a known
dataset whose course files are absent is a 503 ``DatasetMissing`` that says how
to provide them (see ``errors`` for why 503).
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Callable
from pathlib import Path

from lab_common.datasets.errors import DatasetNotFound
from lab_common.datasets.image_readers import IMAGE_READERS
from lab_common.datasets.images import (
    IMAGE_ENTRIES,
    ImageDataset,
    ImageEntry,
    missing_image_files,
    require_image_files,
)
from lab_common.datasets.schemas import IMAGE_TASK, TEXT_TASK, DatasetInfo, Task
from lab_common.datasets.stored import (
    find_upload,
    list_uploads,
    load_uploaded_images,
    load_uploaded_texts,
)
from lab_common.datasets.texts import (
    SENTIMENT_CLASSES,
    TEXT_ENTRIES,
    TextEntry,
    TextTrainingData,
    ensure_files,
    load_split,
    missing_files,
)

# Datasets kept in memory per process: MNIST-5k parses a gzipped CSV and
# CIFAR-10 decodes 10,000 JPEGs (seconds each); the largest, Fashion-MNIST,
# holds about 55 MB. Callers treat the cached arrays as read-only.
CACHED_DATASETS = 4

__all__ = [
    "dataset_ids",
    "find_dataset",
    "image_loader",
    "list_datasets",
    "load_image_dataset",
    "load_text_dataset",
]


def _image_reason(entry: ImageEntry, data_dir: Path | None) -> str | None:
    if entry.package is not None and importlib.util.find_spec(entry.package) is None:
        return f"The Python package '{entry.package}' is not installed on this server."
    missing = missing_image_files(entry, data_dir)
    if missing:
        return (
            f"Needs {', '.join(missing)}: set ARCHILAB_DATA_DIR to the course's "
            "data folder."
        )
    return None


def _image_info(entry: ImageEntry, data_dir: Path | None) -> DatasetInfo:
    reason = _image_reason(entry, data_dir)
    return DatasetInfo(
        id=entry.id,
        task=IMAGE_TASK,
        title=entry.title,
        title_fr=entry.title_fr,
        licence=entry.licence,
        source=entry.source,
        classes=list(entry.classes),
        size=dict(entry.size),
        input_shape=list(entry.input_shape),
        available=reason is None,
        unavailable_reason=reason,
        origin="builtin" if entry.origin == "builtin" else "course-data",
    )


def _text_info(entry: TextEntry, data_dir: Path | None) -> DatasetInfo:
    missing = missing_files(entry, data_dir)
    reason = (
        f"Needs {', '.join(missing)}: set ARCHILAB_DATA_DIR to the course's data "
        "folder (or ARCHILAB_DATASET_MIRROR_URL to download them once)."
        if missing
        else None
    )
    return DatasetInfo(
        id=entry.id,
        task=TEXT_TASK,
        title=entry.title,
        title_fr=entry.title_fr,
        language=entry.language,
        licence=entry.licence,
        source=entry.source,
        classes=list(SENTIMENT_CLASSES),
        size=dict(entry.size),
        available=reason is None,
        unavailable_reason=reason,
        origin="course-data",
    )


def list_datasets(
    data_dir: Path | None, datasets_dir: Path | None
) -> list[DatasetInfo]:
    """Built-in image datasets, the sentiment datasets, then uploads by id."""
    return [
        *(_image_info(entry, data_dir) for entry in IMAGE_ENTRIES.values()),
        *(_text_info(entry, data_dir) for entry in TEXT_ENTRIES.values()),
        *list_uploads(datasets_dir),
    ]


def find_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> DatasetInfo:
    """One dataset's entry; ``DatasetNotFound`` (404) if no dataset has that id."""
    if dataset_id in IMAGE_ENTRIES:
        return _image_info(IMAGE_ENTRIES[dataset_id], data_dir)
    if dataset_id in TEXT_ENTRIES:
        return _text_info(TEXT_ENTRIES[dataset_id], data_dir)
    upload = find_upload(datasets_dir, dataset_id)
    if upload is None:
        raise DatasetNotFound("unknown", dataset=dataset_id)
    return upload


def dataset_ids(task: Task, datasets_dir: Path | None = None) -> set[str]:
    """Ids a training job of ``task`` may name (uploads if ``datasets_dir``)."""
    builtin = set(IMAGE_ENTRIES) if task == IMAGE_TASK else set(TEXT_ENTRIES)
    uploads = {info.id for info in list_uploads(datasets_dir) if info.task == task}
    return builtin | uploads


def _unknown(dataset_id: str, task: str, datasets_dir: Path | None) -> DatasetNotFound:
    upload = find_upload(datasets_dir, dataset_id)
    if upload is not None:
        return DatasetNotFound(
            "wrong-task", dataset=dataset_id, task=upload.task, expected=task
        )
    known = sorted(IMAGE_ENTRIES) if task == IMAGE_TASK else sorted(TEXT_ENTRIES)
    return DatasetNotFound(
        "unknown-for-task", dataset=dataset_id, task=task, known=", ".join(known)
    )


def _read_image_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> ImageDataset:
    if dataset_id in IMAGE_READERS:
        return IMAGE_READERS[dataset_id](data_dir)
    upload = find_upload(datasets_dir, dataset_id)
    assert upload is not None and datasets_dir is not None  # checked by _image_key
    return load_uploaded_images(datasets_dir, upload)


# The one cache: keyed by what the data depends on, so MNIST-5k is one entry
# whatever folders the caller names (the trainer warms it up without settings).
_cached_image_dataset = functools.lru_cache(maxsize=CACHED_DATASETS)(
    _read_image_dataset
)


def _image_key(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> tuple[str, Path | None, Path | None]:
    """The arguments the data of ``dataset_id`` depends on; raises if it cannot load."""
    entry = IMAGE_ENTRIES.get(dataset_id)
    if entry is not None:
        if not entry.files:
            return (dataset_id, None, None)
        return (dataset_id, require_image_files(entry, data_dir), None)
    upload = find_upload(datasets_dir, dataset_id)
    if upload is None or upload.task != IMAGE_TASK or datasets_dir is None:
        raise _unknown(dataset_id, IMAGE_TASK, datasets_dir)
    return (dataset_id, None, datasets_dir)


def image_loader(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> Callable[[], ImageDataset]:
    """How to read image dataset ``dataset_id`` afresh (no cache), checked now:
    ``DatasetNotFound`` if unknown, ``DatasetMissing`` if course files are absent.
    """
    return functools.partial(
        _read_image_dataset, *_image_key(dataset_id, data_dir, datasets_dir)
    )


def load_image_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> ImageDataset:
    """Train/test images (uint8, NHWC) and integer labels, loaded once per process."""
    return _cached_image_dataset(*_image_key(dataset_id, data_dir, datasets_dir))


def load_text_dataset(
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
    entry = TEXT_ENTRIES.get(dataset_id)
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
