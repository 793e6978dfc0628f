"""The trainer's one seam to the dataset catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from lab_common.datasets.images import ImageDataset
from lab_common.problems import LabError
from lab_trainer.training.data import load_training_data
from tests.conftest import course_data_dir
from tests.unit.trainer.factories import image_spec, text_spec


def test_load_training_data_loads_mnist_5k(tmp_path: Path) -> None:
    data = load_training_data(image_spec(), None, tmp_path)

    assert isinstance(data, ImageDataset)
    assert data.input_shape == (28, 28, 1)
    assert len(data.class_names) == 10


def test_load_training_data_loads_a_sentiment_dataset(tmp_path: Path) -> None:
    spec = text_spec(dataset="allocine")

    data = load_training_data(spec, course_data_dir(), tmp_path)

    assert not isinstance(data, ImageDataset)
    assert data.class_names == ["negative", "positive"]
    assert len(data.train.texts) == 1998 and len(data.test.texts) == 400
    assert data.validation is not None and data.validation.texts


def test_load_training_data_names_an_unknown_dataset(tmp_path: Path) -> None:
    with pytest.raises(LabError, match="no-such-images"):
        load_training_data(image_spec(dataset="no-such-images"), None, tmp_path)


def test_load_training_data_says_text_needs_the_data_folder(tmp_path: Path) -> None:
    with pytest.raises(LabError, match="ARCHILAB_DATA_DIR"):
        load_training_data(text_spec(dataset="sst2"), None, tmp_path)


def test_load_training_data_adds_the_training_texts_of_extra_datasets(
    tmp_path: Path,
) -> None:
    alone = load_training_data(
        text_spec(dataset="allocine"), course_data_dir(), tmp_path
    )
    extra = load_training_data(
        text_spec(dataset="allocine-tv"), course_data_dir(), tmp_path
    )
    spec = text_spec(dataset="allocine", extra_train_datasets=["allocine-tv"])

    data = load_training_data(spec, course_data_dir(), tmp_path)

    assert not isinstance(data, ImageDataset)
    assert data.train.texts == alone.train.texts + extra.train.texts  # type: ignore[union-attr]
    assert data.train.labels == alone.train.labels + extra.train.labels  # type: ignore[union-attr]
    assert data.test.texts == alone.test.texts  # type: ignore[union-attr]
    assert data.validation == alone.validation  # type: ignore[union-attr]
