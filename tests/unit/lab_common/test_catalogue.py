"""The dataset catalogue: listing and loading datasets by id."""

from __future__ import annotations

import numpy as np
import pytest

from lab_common.datasets import errors
from lab_common.datasets.catalogue import (
    dataset_ids,
    find_dataset,
    image_loader,
    list_datasets,
    load_image_dataset,
    load_text_dataset,
)
from lab_common.datasets.images import ImageDataset
from tests.conftest import course_data_dir

COURSE_DATA_IDS = {"fashion-mnist", "cifar-10", "sst2", "allocine", "allocine-tv"}


# --- listing -----------------------------------------------------------------


def test_list_datasets_without_data_dir_marks_course_data_unavailable() -> None:
    listing = {info.id: info for info in list_datasets(None, None)}

    assert listing["mnist-5k"].available
    assert listing["sklearn-digits"].available
    for dataset_id in COURSE_DATA_IDS:
        assert not listing[dataset_id].available
        assert "ARCHILAB_DATA_DIR" in (listing[dataset_id].unavailable_reason or "")


def test_list_datasets_with_course_data_has_everything_available() -> None:
    listing = {info.id: info for info in list_datasets(course_data_dir(), None)}

    assert {info_id for info_id, info in listing.items() if info.available} >= (
        COURSE_DATA_IDS | {"mnist-5k", "sklearn-digits"}
    )
    assert listing["cifar-10"].input_shape == [32, 32, 3]
    assert listing["fashion-mnist"].size == {"train": 60000, "test": 10000}
    assert listing["allocine"].language == "fr"
    assert listing["fashion-mnist"].licence.startswith("MIT")


def test_dataset_ids_separates_image_and_text_tasks() -> None:
    images = dataset_ids("image-classification")
    texts = dataset_ids("text-classification")

    assert {"mnist-5k", "sklearn-digits", "fashion-mnist", "cifar-10"} <= images
    assert {"sst2", "allocine", "allocine-tv"} <= texts
    assert not images & texts


def test_find_dataset_unknown_id_is_not_found() -> None:
    with pytest.raises(errors.DatasetNotFound) as caught:
        find_dataset("no-such-set", None, None)

    assert caught.value.status == 404


# --- loaders -----------------------------------------------------------------


@pytest.fixture(scope="module")
def digits() -> ImageDataset:
    return load_image_dataset("sklearn-digits", None, None)


def test_sklearn_digits_are_28x28x1_uint8(digits: ImageDataset) -> None:
    assert digits.x_train.shape[1:] == (28, 28, 1)
    assert digits.x_train.dtype == np.uint8
    assert digits.splits == {"train": 1447, "test": 350}
    assert digits.x_train.max() == 255


def test_sklearn_digits_draw_ink_bright_on_dark(digits: ImageDataset) -> None:
    corners = digits.x_test[:, [0, 0, -1, -1], [0, -1, 0, -1], 0]

    assert corners.mean() < 5


def test_fashion_mnist_keeps_the_full_split() -> None:
    data = load_image_dataset("fashion-mnist", course_data_dir(), None)

    assert data.x_train.shape == (60000, 28, 28, 1)
    assert data.x_test.shape == (10000, 28, 28, 1)
    assert data.class_names[9] == "Ankle boot"


def test_cifar_10_splits_the_test_zip_into_32x32_rgb() -> None:
    data = load_image_dataset("cifar-10", course_data_dir(), None)

    assert data.x_train.shape == (8000, 32, 32, 3)
    assert data.x_test.dtype == np.uint8
    assert np.bincount(data.y_test).tolist() == [200] * 10


def test_course_image_data_without_data_dir_is_missing() -> None:
    with pytest.raises(errors.DatasetMissing) as caught:
        load_image_dataset("cifar-10", None, None)

    assert caught.value.status == 503
    assert "ARCHILAB_DATA_DIR" in caught.value.detail_in("en")


def test_load_image_dataset_unknown_id_is_not_found() -> None:
    with pytest.raises(errors.DatasetNotFound):
        load_image_dataset("sst2", None, None)


def test_load_text_dataset_reads_the_catalogue_splits() -> None:
    data = load_text_dataset("allocine", course_data_dir(), None)

    assert data.class_names == ["negative", "positive"]
    assert len(data.train.texts) == 1998
    assert data.validation is not None and len(data.validation.texts) == 968
    assert len(data.test.labels) == 400


def test_vision_loader_falls_back_to_the_catalogue() -> None:
    loader = image_loader("sklearn-digits", None, None)

    assert loader().input_shape == (28, 28, 1)


def test_vision_loader_without_course_data_is_unavailable() -> None:
    with pytest.raises(errors.DatasetMissing) as caught:
        image_loader("cifar-10", None, None)

    assert caught.value.status == 503
    assert "ARCHILAB_DATA_DIR" in caught.value.detail_in("en")


def test_list_datasets_titles_every_builtin_dataset_in_french() -> None:
    builtin = [d for d in list_datasets(None, None) if d.origin != "upload"]

    assert builtin and all(d.title_fr and d.title_fr != d.title for d in builtin)
