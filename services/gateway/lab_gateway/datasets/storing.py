"""Writing and deleting an uploaded dataset, in the format ``stored`` reads.

The file names and columns are the library's (``lab_common.datasets.stored``),
so the gateway writes exactly what the trainer and the cnn service read.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np

from lab_common.datasets.errors import DatasetNotFound
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.schemas import DatasetInfo
from lab_common.datasets.stored import (
    IMAGES_FILE,
    RECORD_FILE,
    TEXT_COLUMNS,
    TEXTS_FILE,
    find_upload,
)


def write_record(folder: Path, info: DatasetInfo) -> None:
    (folder / RECORD_FILE).write_text(info.model_dump_json(indent=2), encoding="utf-8")


def save_images(folder: Path, dataset: ImageDataset) -> None:
    np.savez_compressed(
        folder / IMAGES_FILE,
        x_train=dataset.x_train,
        y_train=dataset.y_train,
        x_test=dataset.x_test,
        y_test=dataset.y_test,
    )


def save_texts(folder: Path, rows: list[tuple[str, int, str]]) -> None:
    with (folder / TEXTS_FILE).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(TEXT_COLUMNS)
        writer.writerows(rows)


def delete_upload(datasets_dir: Path, dataset_id: str) -> None:
    if find_upload(datasets_dir, dataset_id) is None:
        raise DatasetNotFound("unknown-upload", dataset=dataset_id)
    shutil.rmtree(datasets_dir / dataset_id)
