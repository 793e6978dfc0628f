"""A look at a dataset before training: class counts and a few examples per class.

Image samples are inlined as ``data:image/png;base64,...`` URLs (a few hundred
bytes each at 28x28 or 32x32), so the page shows them with no extra request.
Texts longer than ``MAX_SAMPLE_CHARS`` are cut with an ellipsis. Counts are
those of the training split. The images or texts of a dataset some challenge
still guards never include its hidden ones (``lab_common.challenges.hidden``).
"""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image
from pydantic import BaseModel, Field

from lab_common.challenges.hidden import without_hidden
from lab_common.challenges.schemas import Challenge
from lab_common.datasets.catalogue import (
    find_dataset,
    image_loader,
    load_text_dataset,
)
from lab_common.datasets.schemas import IMAGE_TASK, TEXT_TASK, Task

DEFAULT_SAMPLES_PER_CLASS = 4
MAX_SAMPLES_PER_CLASS = 20
MAX_SAMPLE_CHARS = 300


class ClassCount(BaseModel):
    name: str
    count: int


class ImageSample(BaseModel):
    label: str
    png_data_url: str = Field(description="data:image/png;base64,... of the image.")


class TextSample(BaseModel):
    label: str
    text: str


class DatasetPreview(BaseModel):
    """Class counts (training split) and a few examples of each class."""

    id: str
    task: Task
    split: str
    class_counts: list[ClassCount]
    image_samples: list[ImageSample] = Field(default_factory=list)
    text_samples: list[TextSample] = Field(default_factory=list)


def png_data_url(pixels: np.ndarray) -> str:
    """``data:image/png;base64,...`` of uint8 pixels (HWC, grey if one channel)."""
    image = Image.fromarray(pixels[..., 0] if pixels.shape[-1] == 1 else pixels)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _first_rows(labels: np.ndarray, label: int, count: int) -> list[int]:
    return [int(row) for row in np.flatnonzero(labels == label)[:count]]


def _image_preview(
    dataset_id: str,
    data_dir: Path | None,
    datasets_dir: Path | None,
    per_class: int,
    guarded: list[Challenge] | None = None,
) -> DatasetPreview:
    # Read afresh, not through the catalogue's cache: the gateway keeps only
    # the small preview, never a whole dataset.
    data = image_loader(dataset_id, data_dir, datasets_dir)()
    counts = np.bincount(data.y_train, minlength=len(data.class_names))
    data = without_hidden(data, guarded or [])
    samples = [
        ImageSample(label=name, png_data_url=png_data_url(data.x_train[row]))
        for label, name in enumerate(data.class_names)
        for row in _first_rows(data.y_train, label, per_class)
    ]
    return DatasetPreview(
        id=dataset_id,
        task=IMAGE_TASK,
        split="train",
        class_counts=[
            ClassCount(name=name, count=int(count))
            for name, count in zip(data.class_names, counts, strict=True)
        ],
        image_samples=samples,
    )


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_SAMPLE_CHARS else text[: MAX_SAMPLE_CHARS - 1] + "…"


def _text_preview(
    dataset_id: str,
    data_dir: Path | None,
    datasets_dir: Path | None,
    per_class: int,
    guarded: list[Challenge] | None = None,
) -> DatasetPreview:
    data = load_text_dataset(dataset_id, data_dir, datasets_dir)
    labels = np.asarray(data.train.labels, dtype=np.int64)
    counts = np.bincount(labels, minlength=len(data.class_names))
    data = without_hidden(data, guarded or [])
    labels = np.asarray(data.train.labels, dtype=np.int64)
    samples = [
        TextSample(label=name, text=_shorten(data.train.texts[row]))
        for label, name in enumerate(data.class_names)
        for row in _first_rows(labels, label, per_class)
    ]
    return DatasetPreview(
        id=dataset_id,
        task=TEXT_TASK,
        split="train",
        class_counts=[
            ClassCount(name=name, count=int(count))
            for name, count in zip(data.class_names, counts, strict=True)
        ],
        text_samples=samples,
    )


@lru_cache(maxsize=16)
def _cached_builtin_preview(
    dataset_id: str, task: str, data_dir: Path | None, per_class: int
) -> DatasetPreview:
    # Decoding CIFAR's 10,000 JPEGs takes seconds: built-in previews never change.
    build = _image_preview if task == IMAGE_TASK else _text_preview
    return build(dataset_id, data_dir, None, per_class)


def preview_dataset(
    dataset_id: str,
    data_dir: Path | None,
    datasets_dir: Path | None,
    samples_per_class: int = DEFAULT_SAMPLES_PER_CLASS,
    guarded: list[Challenge] | None = None,
) -> DatasetPreview:
    """Class counts and ``samples_per_class`` examples of every class.

    ``guarded``: the challenges whose hidden examples must not be shown (built
    afresh then, not from the cache of built-in previews).
    """
    per_class = max(0, min(samples_per_class, MAX_SAMPLES_PER_CLASS))
    info = find_dataset(dataset_id, data_dir, datasets_dir)
    build = _image_preview if info.task == IMAGE_TASK else _text_preview
    if guarded:
        return build(dataset_id, data_dir, datasets_dir, per_class, guarded)
    if info.origin != "upload":
        return _cached_builtin_preview(dataset_id, info.task, data_dir, per_class)
    return build(dataset_id, data_dir, datasets_dir, per_class)
