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
    return with_extra_texts(data, spec, data_dir, datasets_dir)


def with_extra_texts(
    data: TextTrainingData,
    spec: TrainingJobSpec,
    data_dir: Path | None,
    datasets_dir: Path,
    left_out: set[str] | None = None,
) -> TextTrainingData:
    """``data`` with the training texts of ``spec.extra_train_datasets`` added,
    less any whose words are in ``left_out`` (a challenge's hidden texts)."""
    for extra in spec.extra_train_datasets:
        # Only its training texts: validation and test stay the dataset's own.
        extra_data = load_text_dataset(extra, data_dir, datasets_dir)
        if extra_data.class_names != data.class_names:
            raise ValueError(f"{extra} has other classes than {spec.dataset}")
        more = extra_data.train
        if left_out:
            more = hidden.without_texts(more, left_out)
        train = TextSplit(
            data.train.texts + more.texts, data.train.labels + more.labels
        )
        data = dataclasses.replace(data, train=train)
    return data


def load_challenge_data(
    spec: TrainingJobSpec,
    data_dir: Path | None,
    datasets_dir: Path,
    engine: Engine,
    load_data: DataLoader = load_training_data,
) -> TrainingData:
    """A challenge job's data: its train and validation splits, nothing hidden.

    The splits are drawn again from the challenge's seed and checked against
    the manifest fixed at its creation (``lab_common.challenges.hidden``: the
    cnn service shows a challenge model's examples from the same view). The
    pool is the dataset's own: extra training texts join the view afterwards,
    without any of the challenge's hidden texts.
    """
    assert spec.challenge_id is not None
    challenge = ChallengeStore(engine).get_challenge(spec.challenge_id)
    own = spec.model_copy(update={"extra_train_datasets": []})
    data = load_data(own, data_dir, datasets_dir)
    view = hidden.challenge_view(data, challenge)
    if isinstance(data, ImageDataset) or not spec.extra_train_datasets:
        return view
    assert isinstance(view, TextTrainingData) and isinstance(data, TextTrainingData)
    left_out = hidden.hidden_texts(data, [challenge])
    return with_extra_texts(view, spec, data_dir, datasets_dir, left_out)
