"""Loading a job's dataset: the one seam between the trainer and the catalogue.

``lab_common.datasets.catalogue`` knows every dataset (built-in sets, the course's
folders, uploads); the runner takes this function as a parameter, so tests can
hand it data directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lab_common.datasets.catalogue import load_image_dataset, load_text_dataset
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.texts import TextTrainingData
from lab_common.jobs import TrainingJobSpec

TrainingData = ImageDataset | TextTrainingData
DataLoader = Callable[[TrainingJobSpec, Path | None, Path], TrainingData]


def load_training_data(
    spec: TrainingJobSpec, data_dir: Path | None, datasets_dir: Path
) -> TrainingData:
    """The dataset ``spec`` names; a ``LabError`` says what is missing."""
    if spec.task == "image-classification":
        return load_image_dataset(spec.dataset, data_dir, datasets_dir)
    return load_text_dataset(spec.dataset, data_dir, datasets_dir)
