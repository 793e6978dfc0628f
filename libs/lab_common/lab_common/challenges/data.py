"""A challenge's splits of its dataset: drawn from a seed, checked by manifest.

Images and texts share one path. The *pool* is every example of the dataset
in the catalogue's fixed order (images: train rows then test rows; texts:
train, validation then test texts), so a manifest's row indices name the same
examples in every process. The trainer reads ``training_view`` (train and
validation) only; the scorer alone reads ``hidden_split``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from lab_common.challenges.errors import SplitMismatch
from lab_common.challenges.templates import (
    HIDDEN_SPLITS,
    IMAGE_TASK,
    VISIBLE_SPLITS,
    ChallengeTemplate,
)
from lab_common.datasets.catalogue import load_image_dataset, load_text_dataset
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import SplitManifest, Splits, make_splits
from lab_common.datasets.texts import TextSplit, TextTrainingData

ChallengeData = ImageDataset | TextTrainingData


def load_challenge_data(
    template: ChallengeTemplate, data_dir: Path | None, datasets_dir: Path | None
) -> ChallengeData:
    """The whole dataset of ``template`` (images through the process's cache)."""
    if template.task == IMAGE_TASK:
        return load_image_dataset(template.dataset, data_dir, datasets_dir)
    return load_text_dataset(template.dataset, data_dir, datasets_dir)


def _text_parts(data: TextTrainingData) -> list[TextSplit]:
    parts = (data.train, data.validation, data.test)
    return [part for part in parts if part is not None]


def pool_of(dataset: ChallengeData) -> tuple[np.ndarray, np.ndarray]:
    """Every example of ``dataset`` and its label, in the pool's order.

    Texts come as an object array of ``str``, so rows index them like images.
    """
    if isinstance(dataset, ImageDataset):
        images = np.concatenate([dataset.x_train, dataset.x_test])
        labels = np.concatenate([dataset.y_train, dataset.y_test])
        return images, labels
    parts = _text_parts(dataset)
    texts = np.empty(sum(len(part.texts) for part in parts), dtype=object)
    texts[:] = [text for part in parts for text in part.texts]
    labels = np.array([label for part in parts for label in part.labels], np.int64)
    return texts, labels


def pool_offsets(dataset: ChallengeData) -> list[int]:
    """Where each part of the pool starts (and, last, its size)."""
    if isinstance(dataset, ImageDataset):
        sizes = [len(dataset.y_train), len(dataset.y_test)]
    else:
        sizes = [len(part.labels) for part in _text_parts(dataset)]
    return np.cumsum([0, *sizes]).tolist()


def draw_splits(template: ChallengeTemplate, labels: np.ndarray, seed: int) -> Splits:
    """Stratified, seeded splits; train capped at ``template.train_rows``."""
    splits = make_splits(labels, dict(template.held_out_per_class), seed)
    if template.train_rows is None:
        return splits
    rows = {**splits.rows, "train": splits.rows["train"][: template.train_rows]}
    return dataclasses.replace(splits, rows=rows)


def checked_splits(
    template: ChallengeTemplate,
    labels: np.ndarray,
    seed: int,
    manifest: SplitManifest,
) -> Splits:
    """The splits drawn again, refused if they differ from those fixed at creation."""
    splits = draw_splits(template, labels, seed)
    drawn = splits.manifest()
    for name, record in manifest.splits.items():
        if drawn.splits.get(name) != record:
            raise SplitMismatch("changed", split=name)
    return splits


def _text_split(texts: np.ndarray, labels: np.ndarray, rows: np.ndarray) -> TextSplit:
    return TextSplit(texts=texts[rows].tolist(), labels=labels[rows].tolist())


def training_view(dataset: ChallengeData, splits: Splits) -> ChallengeData:
    """Train and validation rows only, nothing hidden.

    Images: train rows as ``x_train``, validation rows as ``x_test``. Texts:
    the train and validation splits, and the validation split again as
    ``test`` (a challenge model is tested where it may be: on validation).
    """
    examples, labels = pool_of(dataset)
    train, validation = (splits[name] for name in VISIBLE_SPLITS)
    if isinstance(dataset, ImageDataset):
        return dataclasses.replace(
            dataset,
            x_train=examples[train],
            y_train=labels[train],
            x_test=examples[validation],
            y_test=labels[validation],
        )
    shown = _text_split(examples, labels, validation)
    return dataclasses.replace(
        dataset,
        train=_text_split(examples, labels, train),
        validation=shown,
        test=shown,
    )


def hidden_split(
    dataset: ChallengeData, splits: Splits, name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Examples and labels of the hidden split ``name``: for the scorer only."""
    if name not in HIDDEN_SPLITS:
        raise ValueError(f"{name} is not a hidden split")
    examples, labels = pool_of(dataset)
    rows = splits[name]
    return examples[rows], labels[rows]
