"""The dataset a model version was trained on, for the explorer and the reports.

The id comes from the model's metadata, not from the request: an id this server
cannot load as images (another server's upload, a generated set) is a 409
``DatasetUnavailable`` naming the datasets it has, not a 404 about the request.
Course files that are absent stay the catalogue's 503 ``DatasetMissing``.
"""

from __future__ import annotations

from pathlib import Path

from lab_common.datasets.catalogue import image_loader, load_image_dataset
from lab_common.datasets.errors import DatasetNotFound, DatasetUnavailable
from lab_common.datasets.images import IMAGE_ENTRIES, ImageDataset


def _not_here(dataset_id: str) -> DatasetUnavailable:
    known = ", ".join(sorted(IMAGE_ENTRIES))
    return DatasetUnavailable("not-here", dataset=dataset_id, known=known)


def check_model_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> None:
    """Raise now (409 or 503) if the dataset cannot load here; never reads it."""
    try:
        image_loader(dataset_id, data_dir, datasets_dir)
    except DatasetNotFound as exc:
        raise _not_here(dataset_id) from exc


def load_model_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> ImageDataset:
    """The dataset, through the catalogue's cache (treat its arrays as read-only)."""
    try:
        return load_image_dataset(dataset_id, data_dir, datasets_dir)
    except DatasetNotFound as exc:
        raise _not_here(dataset_id) from exc
