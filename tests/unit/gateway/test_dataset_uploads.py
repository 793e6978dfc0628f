"""Dataset uploads and previews (lab_gateway.datasets), read back by the catalogue."""

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
from lab_common.datasets import errors as dataset_errors
from lab_common.datasets.catalogue import (
    find_dataset,
    image_loader,
    list_datasets,
    load_image_dataset,
    load_text_dataset,
)
from lab_common.problems import LabError, PayloadTooLarge
from lab_gateway.datasets import errors
from lab_gateway.datasets import uploads as uploads_module
from lab_gateway.datasets.preview import preview_dataset
from lab_gateway.datasets.rules import UploadLimits
from lab_gateway.datasets.uploads import import_upload
from tests.conftest import course_data_dir, encode_image

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,79}$")


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

    data = load_image_dataset(info.id, None, datasets_dir)
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

    data = load_image_dataset(info.id, None, datasets_dir)
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

    loader = image_loader(info.id, None, datasets_dir)

    assert loader().class_names == ["cat", "dog"]


def test_upload_csv_becomes_a_text_dataset(datasets_dir: Path) -> None:
    rows = "".join(f'"great, film {i}",pos\nawful {i},neg\n' for i in range(5))

    info = import_upload(
        csv_bytes("text,label\n" + rows), "reviews.csv", datasets_dir, owner="team:a"
    )

    data = load_text_dataset(info.id, None, datasets_dir)
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
        PayloadTooLarge,
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
    [
        *(getattr(errors, name) for name in errors.__all__),
        dataset_errors.DatasetNotFound,
    ],
)
def test_catalogue_problems_are_4xx_and_listed(problem: type[LabError]) -> None:
    assert 400 <= problem.status < 500
    assert f"``{problem.type}``" in (problems_module.__doc__ or "")
