"""The dataset catalogue: listing, loaders, previews and validated uploads."""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from lab_common import problems as problems_module
from lab_common.catalogue import (
    UploadLimits,
    dataset_ids,
    errors,
    find_dataset,
    import_upload,
    list_datasets,
    load_image_training_data,
    load_text_training_data,
    preview_dataset,
)
from lab_common.catalogue import uploads as uploads_module
from lab_common.problems import LabError
from lab_common.vision.datasets import (
    DatasetUnavailable,
    ImageDataset,
    image_dataset_loader,
)
from tests.conftest import course_data_dir, encode_image

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")
COURSE_DATA_IDS = {"fashion-mnist", "cifar-10", "sst2", "allocine", "allocine-tv"}


# --- helpers -----------------------------------------------------------------


def grey_png(seed: int, side: int = 40) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 256, (side, side), np.uint8)
    return encode_image(pixels)


def rgb_png(seed: int, side: int = 48) -> bytes:
    pixels = np.random.default_rng(seed).integers(0, 256, (side, side, 3), np.uint8)
    return encode_image(pixels)


def make_zip(entries: dict[str, bytes], **options: int) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data, **options)
    buffer.seek(0)
    return buffer


def class_folders(
    classes: tuple[str, ...] = ("cat", "dog"), per_class: int = 3, image=grey_png
) -> dict[str, bytes]:
    return {
        f"{name}/{index}.png": image(seed=10 * position + index)
        for position, name in enumerate(classes)
        for index in range(per_class)
    }


def csv_bytes(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


def assert_rejected(
    datasets_dir: Path, source: io.BytesIO, filename: str, problem: type[LabError], **kw
) -> LabError:
    """The upload fails with ``problem`` (4xx) and leaves nothing behind."""
    with pytest.raises(problem) as caught:
        import_upload(source, filename, datasets_dir, **kw)
    assert 400 <= caught.value.status < 500
    assert list(datasets_dir.iterdir()) == []
    return caught.value


@pytest.fixture
def datasets_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir()
    return folder


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
    return load_image_training_data("sklearn-digits", None, None)


def test_sklearn_digits_are_28x28x1_uint8(digits: ImageDataset) -> None:
    assert digits.x_train.shape[1:] == (28, 28, 1)
    assert digits.x_train.dtype == np.uint8
    assert digits.splits == {"train": 1447, "test": 350}
    assert digits.x_train.max() == 255


def test_sklearn_digits_draw_ink_bright_on_dark(digits: ImageDataset) -> None:
    corners = digits.x_test[:, [0, 0, -1, -1], [0, -1, 0, -1], 0]

    assert corners.mean() < 5


def test_fashion_mnist_keeps_the_full_split() -> None:
    data = load_image_training_data("fashion-mnist", course_data_dir(), None)

    assert data.x_train.shape == (60000, 28, 28, 1)
    assert data.x_test.shape == (10000, 28, 28, 1)
    assert data.class_names[9] == "Ankle boot"


def test_cifar_10_splits_the_test_zip_into_32x32_rgb() -> None:
    data = load_image_training_data("cifar-10", course_data_dir(), None)

    assert data.x_train.shape == (8000, 32, 32, 3)
    assert data.x_test.dtype == np.uint8
    assert np.bincount(data.y_test).tolist() == [200] * 10


def test_course_image_data_without_data_dir_is_missing() -> None:
    with pytest.raises(errors.DatasetMissing) as caught:
        load_image_training_data("cifar-10", None, None)

    assert caught.value.status == 503
    assert "ARCHILAB_DATA_DIR" in caught.value.detail_in("en")


def test_load_image_training_data_unknown_id_is_not_found() -> None:
    with pytest.raises(errors.DatasetNotFound):
        load_image_training_data("sst2", None, None)


def test_load_text_training_data_reads_the_catalogue_splits() -> None:
    data = load_text_training_data("allocine", course_data_dir(), None)

    assert data.class_names == ["negative", "positive"]
    assert len(data.train.texts) == 1998
    assert data.validation is not None and len(data.validation.texts) == 968
    assert len(data.test.labels) == 400


def test_vision_loader_falls_back_to_the_catalogue() -> None:
    loader = image_dataset_loader("sklearn-digits")

    assert loader().input_shape == (28, 28, 1)


def test_vision_loader_without_course_data_is_unavailable() -> None:
    with pytest.raises(DatasetUnavailable) as caught:
        image_dataset_loader("cifar-10")

    assert caught.value.status == 409
    assert "ARCHILAB_DATA_DIR" in caught.value.detail_in("en")


# --- previews ----------------------------------------------------------------


def test_preview_of_images_counts_classes_and_inlines_pngs() -> None:
    preview = preview_dataset("sklearn-digits", None, None, samples_per_class=2)

    assert len(preview.class_counts) == 10
    assert sum(count.count for count in preview.class_counts) == 1447
    assert len(preview.image_samples) == 20
    data_url = preview.image_samples[0].png_data_url
    png = base64.b64decode(data_url.removeprefix("data:image/png;base64,"))
    assert Image.open(io.BytesIO(png)).size == (28, 28)


def test_preview_of_texts_shows_examples_per_class() -> None:
    preview = preview_dataset("allocine", course_data_dir(), None, samples_per_class=3)

    assert [count.name for count in preview.class_counts] == ["negative", "positive"]
    assert {sample.label for sample in preview.text_samples} == {
        "negative",
        "positive",
    }
    assert len(preview.text_samples) == 6
    assert all(len(sample.text) <= 300 for sample in preview.text_samples)


# --- good uploads --------------------------------------------------------------


def test_upload_grey_pngs_become_28x28_grey(datasets_dir: Path) -> None:
    info = import_upload(make_zip(class_folders()), "pets.zip", datasets_dir)

    data = load_image_training_data(info.id, None, datasets_dir)
    assert data.x_train.shape[1:] == (28, 28, 1)
    assert info.input_shape == [28, 28, 1]
    assert info.classes == ["cat", "dog"]
    assert info.size == {"train": 4, "test": 2}
    assert ID_PATTERN.fullmatch(info.id) and info.id.startswith("upload-pets-")


def test_upload_rgb_pngs_under_a_top_folder_become_32x32_rgb(
    datasets_dir: Path,
) -> None:
    entries = {
        f"photos/{name}": data for name, data in class_folders(image=rgb_png).items()
    }

    info = import_upload(make_zip(entries), "photos.zip", datasets_dir)

    data = load_image_training_data(info.id, None, datasets_dir)
    assert data.x_test.shape[1:] == (32, 32, 3)
    assert data.x_train.dtype == np.uint8
    assert find_dataset(info.id, None, datasets_dir).origin == "upload"


def test_upload_color_mode_rgb_overrides_grey_files(datasets_dir: Path) -> None:
    info = import_upload(
        make_zip(class_folders()), "pets.zip", datasets_dir, color_mode="rgb"
    )

    assert info.input_shape == [32, 32, 3]


def test_uploaded_images_load_through_the_vision_loader(datasets_dir: Path) -> None:
    info = import_upload(make_zip(class_folders()), "pets.zip", datasets_dir)

    loader = image_dataset_loader(info.id, datasets_dir=datasets_dir)

    assert loader().class_names == ["cat", "dog"]


def test_upload_csv_becomes_a_text_dataset(datasets_dir: Path) -> None:
    rows = "".join(f'"great, film {i}",pos\nawful {i},neg\n' for i in range(5))

    info = import_upload(
        csv_bytes("text,label\n" + rows), "reviews.csv", datasets_dir, owner="team:a"
    )

    data = load_text_training_data(info.id, None, datasets_dir)
    assert info.task == "text-classification" and info.owner == "team:a"
    assert data.class_names == ["neg", "pos"]
    assert info.size == {"train": 8, "test": 2}
    assert sorted(data.test.labels) == [0, 1]
    assert "great, film 0" in data.train.texts + data.test.texts
    assert info.id in {entry.id for entry in list_datasets(None, datasets_dir)}


def test_upload_csv_detected_by_content_not_name(datasets_dir: Path) -> None:
    info = import_upload(
        csv_bytes("label,text\n1,a\n0,b\n1,c\n0,d\n"), "x.bin", datasets_dir
    )

    assert info.classes == ["0", "1"]


# --- faulty uploads ----------------------------------------------------------


def test_upload_of_an_image_is_not_supported(datasets_dir: Path) -> None:
    problem = assert_rejected(
        datasets_dir, io.BytesIO(grey_png(1)), "cat.zip", errors.UploadNotSupported
    )

    assert problem.status == 415 and "PNG" in problem.detail_in("en")


def test_upload_of_binary_noise_is_not_supported(datasets_dir: Path) -> None:
    noise = bytes(np.random.default_rng(3).integers(0, 256, 4096, np.uint8))

    assert_rejected(datasets_dir, io.BytesIO(noise), "x.csv", errors.UploadNotSupported)


def test_upload_over_the_byte_limit_is_too_large(datasets_dir: Path) -> None:
    limits = UploadLimits(max_upload_bytes=100)

    problem = assert_rejected(
        datasets_dir,
        make_zip(class_folders()),
        "a.zip",
        errors.UploadTooLarge,
        limits=limits,
    )
    assert problem.status == 413


def test_upload_with_too_many_files_is_refused(datasets_dir: Path) -> None:
    limits = UploadLimits(max_files=5)

    assert_rejected(
        datasets_dir,
        make_zip(class_folders()),
        "a.zip",
        errors.TooManyFiles,
        limits=limits,
    )


@pytest.mark.parametrize(
    "name", ["../evil/1.png", "cat/../../1.png", "/etc/cat/1.png", "C:/cat/1.png"]
)
def test_upload_with_escaping_path_is_unsafe(datasets_dir: Path, name: str) -> None:
    entries = {**class_folders(), name: grey_png(99)}

    problem = assert_rejected(
        datasets_dir, make_zip(entries), "a.zip", errors.UnsafeArchivePath
    )
    assert name in problem.detail_in("en")


def test_upload_with_a_symlink_is_unsafe(datasets_dir: Path) -> None:
    buffer = make_zip(class_folders())
    with zipfile.ZipFile(buffer, "a") as archive:
        link = zipfile.ZipInfo("cat/link.png")
        link.external_attr = 0o120777 << 16
        archive.writestr(link, "/etc/passwd")
    buffer.seek(0)

    assert_rejected(datasets_dir, buffer, "a.zip", errors.UnsafeArchivePath)


def test_upload_with_a_highly_compressible_entry_is_a_bomb(datasets_dir: Path) -> None:
    entries = {**class_folders(), "cat/big.png": bytes(8 * 1024 * 1024)}

    problem = assert_rejected(
        datasets_dir, make_zip(entries), "a.zip", errors.ArchiveBomb
    )
    assert "big.png" in problem.detail_in("en")


def test_upload_over_the_uncompressed_total_is_a_bomb(datasets_dir: Path) -> None:
    limits = UploadLimits(max_total_uncompressed_bytes=1000)

    assert_rejected(
        datasets_dir,
        make_zip(class_folders()),
        "a.zip",
        errors.ArchiveBomb,
        limits=limits,
    )


def test_upload_with_an_undecodable_image_names_the_file(datasets_dir: Path) -> None:
    entries = {**class_folders(), "dog/notes.png": b"shopping list, not a picture"}

    problem = assert_rejected(
        datasets_dir, make_zip(entries), "a.zip", errors.UndecodableImage
    )
    assert "dog/notes.png" in problem.detail_in("en")


def test_upload_with_one_class_is_refused(datasets_dir: Path) -> None:
    assert_rejected(
        datasets_dir, make_zip(class_folders(("cat",))), "a.zip", errors.TooFewClasses
    )


def test_upload_with_a_single_image_class_is_refused(datasets_dir: Path) -> None:
    entries = {**class_folders(), "bird/0.png": grey_png(5)}

    problem = assert_rejected(
        datasets_dir, make_zip(entries), "a.zip", errors.TooFewExamples
    )
    assert "bird" in problem.detail_in("en")


def test_upload_with_loose_images_is_an_invalid_layout(datasets_dir: Path) -> None:
    entries = {**class_folders(), "stray.png": grey_png(7)}

    assert_rejected(datasets_dir, make_zip(entries), "a.zip", errors.InvalidArchive)


def test_upload_csv_with_an_empty_label_names_the_line(datasets_dir: Path) -> None:
    source = csv_bytes("text,label\ngood,1\nbad,\nfine,1\nugly,0\n")

    problem = assert_rejected(datasets_dir, source, "a.csv", errors.EmptyLabel)
    assert "Line 3" in problem.detail_in("en")


def test_upload_csv_not_utf8_is_invalid(datasets_dir: Path) -> None:
    source = csv_bytes("text,label\ntrès bien,1\nnul,0\nbof,0\nsuper,1\n", "latin-1")

    problem = assert_rejected(datasets_dir, source, "a.csv", errors.InvalidCsv)
    assert "UTF-8" in problem.detail_in("en")


def test_upload_csv_without_text_label_header_is_invalid(datasets_dir: Path) -> None:
    source = csv_bytes("sentence,sentiment\ngood,1\nbad,0\n")

    assert_rejected(datasets_dir, source, "a.csv", errors.InvalidCsv)


def test_upload_csv_with_one_class_is_refused(datasets_dir: Path) -> None:
    source = csv_bytes("text,label\ngood,1\nfine,1\ngreat,1\n")

    assert_rejected(datasets_dir, source, "a.csv", errors.TooFewClasses)


def test_upload_failing_while_writing_leaves_nothing(
    datasets_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_disk(*_args: object) -> None:
        raise errors.InvalidCsv("disk went away")

    monkeypatch.setattr(uploads_module, "write_record", broken_disk)

    assert_rejected(datasets_dir, make_zip(class_folders()), "a.zip", errors.InvalidCsv)


@pytest.mark.parametrize(
    "problem",
    [getattr(errors, name) for name in errors.__all__ if name != "DatasetMissing"],
)
def test_catalogue_problems_are_4xx_and_listed(problem: type[LabError]) -> None:
    assert 400 <= problem.status < 500
    assert f"``{problem.type}``" in (problems_module.__doc__ or "")


def test_list_datasets_titles_every_builtin_dataset_in_french() -> None:
    builtin = [d for d in list_datasets(None, None) if d.origin != "upload"]

    assert builtin and all(d.title_fr and d.title_fr != d.title for d in builtin)
