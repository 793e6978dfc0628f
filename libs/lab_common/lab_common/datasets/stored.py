"""Reading an uploaded dataset: ``<datasets_dir>/<id>/dataset.json`` plus the data.

Images are stored normalised as ``images.npz`` (``x_train``, ``y_train``,
``x_test``, ``y_test``; uint8 NHWC, int64 labels), texts as ``texts.csv``
(columns ``text,label,split``; ``label`` indexes ``classes`` in dataset.json).
Folders whose name is not a dataset id (temporary imports) are ignored. The
gateway writes these files (``lab_gateway.datasets``); everyone reads them here.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np

from lab_common.datasets.images import ImageDataset
from lab_common.datasets.schemas import DatasetInfo
from lab_common.datasets.texts import TextSplit, TextTrainingData

DATASET_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
RECORD_FILE = "dataset.json"
IMAGES_FILE = "images.npz"
TEXTS_FILE = "texts.csv"
TEXT_COLUMNS = ("text", "label", "split")


def is_dataset_id(value: str) -> bool:
    return DATASET_ID_PATTERN.fullmatch(value) is not None


def find_upload(datasets_dir: Path | None, dataset_id: str) -> DatasetInfo | None:
    """The record of an uploaded dataset, or None (never a path outside the dir)."""
    if datasets_dir is None or not is_dataset_id(dataset_id):
        return None
    record = datasets_dir / dataset_id / RECORD_FILE
    if not record.is_file():
        return None
    return DatasetInfo.model_validate_json(record.read_text(encoding="utf-8"))


def list_uploads(datasets_dir: Path | None) -> list[DatasetInfo]:
    if datasets_dir is None or not datasets_dir.is_dir():
        return []
    records = [
        find_upload(datasets_dir, folder.name)
        for folder in sorted(datasets_dir.iterdir())
        if folder.is_dir()
    ]
    return [record for record in records if record is not None]


def load_uploaded_images(datasets_dir: Path, info: DatasetInfo) -> ImageDataset:
    with np.load(datasets_dir / info.id / IMAGES_FILE) as arrays:
        return ImageDataset(
            x_train=arrays["x_train"],
            y_train=arrays["y_train"],
            x_test=arrays["x_test"],
            y_test=arrays["y_test"],
            class_names=list(info.classes),
            id=info.id,
        )


def load_uploaded_texts(datasets_dir: Path, info: DatasetInfo) -> TextTrainingData:
    splits: dict[str, TextSplit] = {}
    path = datasets_dir / info.id / TEXTS_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            split = splits.setdefault(row["split"], TextSplit([], []))
            split.texts.append(row["text"])
            split.labels.append(int(row["label"]))
    return TextTrainingData(
        train=splits.get("train", TextSplit([], [])),
        validation=splits.get("validation"),
        test=splits.get("test", TextSplit([], [])),
        class_names=list(info.classes),
        id=info.id,
    )
