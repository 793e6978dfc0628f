"""Loading a job's dataset: the one seam between the trainer and the catalogue.

``lab_common.datasets.catalogue`` knows every dataset (built-in sets, the course's
folders, uploads); the runner takes this function as a parameter, so tests can
hand it data directly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from lab_common.challenges import hidden
from lab_common.datasets.catalogue import load_image_dataset, load_text_dataset
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.texts import TextSplit, TextTrainingData
from lab_common.jobs import TrainingJobSpec
from lab_common.store import ChallengeStore

TrainingData = ImageDataset | TextTrainingData
DataLoader = Callable[[TrainingJobSpec, Path | None, Path], TrainingData]


def load_training_data(
    spec: TrainingJobSpec, data_dir: Path | None, datasets_dir: Path
) -> TrainingData:
    """The dataset ``spec`` names; a ``LabError`` says what is missing."""
    if spec.task == "image-classification":
        return load_image_dataset(spec.dataset, data_dir, datasets_dir)
    data = load_text_dataset(spec.dataset, data_dir, datasets_dir)
    for extra in spec.extra_train_datasets:
        # Only its training texts: validation and test stay the dataset's own.
        extra_data = load_text_dataset(extra, data_dir, datasets_dir)
        if extra_data.class_names != data.class_names:
            raise ValueError(f"{extra} has other classes than {spec.dataset}")
        more = extra_data.train
        train = TextSplit(
            data.train.texts + more.texts, data.train.labels + more.labels
        )
        data = dataclasses.replace(data, train=train)
    return data


def challenge_view(
    data: TrainingData, challenge_id: str, engine: Engine
) -> ImageDataset:
    """A challenge job's data: its train and validation splits, nothing hidden.

    The splits are drawn again from the challenge's seed and checked against
    the manifest fixed at its creation (``lab_common.challenges.hidden``: the
    cnn service shows a challenge model's examples from the same view).
    """
    challenge = ChallengeStore(engine).get_challenge(challenge_id)
    if not isinstance(data, ImageDataset):
        raise ValueError(f"challenge {challenge_id} has no text template yet")
    return hidden.challenge_view(data, challenge)
