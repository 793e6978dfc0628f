"""Loading a job's dataset: the one seam between the trainer and the catalogue.

``lab_common.catalogue`` (built-in sets, the course's folders, uploads) is used
when installed; without it, image jobs know ``mnist-5k`` and text jobs the
sentiment catalogue of ``lab_common.text.datasets``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lab_common.jobs import TrainingJobSpec
from lab_common.text.datasets import TextSplit, ensure_files, get_entry, load_split
from lab_common.vision.datasets import ImageDataset, image_dataset_loader

# Labels of the sentiment catalogue: 0 = negative, 1 = positive.
SENTIMENT_CLASS_NAMES = ["negative", "positive"]


class TextData(Protocol):
    """What the trainer reads of a text dataset (``TextTrainingData`` has it)."""

    @property
    def train(self) -> TextSplit: ...
    @property
    def validation(self) -> TextSplit | None: ...
    @property
    def test(self) -> TextSplit: ...
    @property
    def class_names(self) -> list[str]: ...


@dataclass(frozen=True)
class TextTrainingData:
    """Stand-in for ``lab_common.catalogue.TextTrainingData`` until it exists."""

    train: TextSplit
    validation: TextSplit | None
    test: TextSplit
    class_names: list[str]


TrainingData = ImageDataset | TextData
DataLoader = Callable[[TrainingJobSpec, Path | None, Path], TrainingData]


def load_training_data(
    spec: TrainingJobSpec, data_dir: Path | None, datasets_dir: Path
) -> TrainingData:
    """The dataset ``spec`` names; a ``LabError`` says what is missing."""
    if importlib.util.find_spec("lab_common.catalogue") is None:
        return _load_without_catalogue(spec, data_dir)
    from lab_common import catalogue

    if spec.task == "image-classification":
        return catalogue.load_image_training_data(spec.dataset, data_dir, datasets_dir)
    return catalogue.load_text_training_data(spec.dataset, data_dir, datasets_dir)


def _load_without_catalogue(
    spec: TrainingJobSpec, data_dir: Path | None
) -> TrainingData:
    if spec.task == "image-classification":
        return image_dataset_loader(spec.dataset)()
    entry = get_entry(spec.dataset)
    ensure_files(entry, data_dir, mirror_url=None)
    assert data_dir is not None  # ensure_files raised otherwise
    return TextTrainingData(
        train=load_split(entry, "train", data_dir),
        validation=load_split(entry, "validation", data_dir),
        test=load_split(entry, "test", data_dir),
        class_names=SENTIMENT_CLASS_NAMES,
    )
