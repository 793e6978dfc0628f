"""A challenge's splits of its dataset: drawn from a seed, checked by manifest.

The pool is the dataset's train rows then its test rows (the catalogue's fixed
order), so a manifest's row indices name the same images in every process.
The trainer reads ``training_view`` (train and validation) only; the scorer
alone reads ``hidden_split``.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from lab_common.challenges.errors import SplitMismatch
from lab_common.challenges.templates import (
    HIDDEN_SPLITS,
    VISIBLE_SPLITS,
    ChallengeTemplate,
)
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import SplitManifest, Splits, make_splits


def pool_of(dataset: ImageDataset) -> tuple[np.ndarray, np.ndarray]:
    """Every image of ``dataset`` and its label: train rows, then test rows."""
    images = np.concatenate([dataset.x_train, dataset.x_test])
    labels = np.concatenate([dataset.y_train, dataset.y_test])
    return images, labels


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


def training_view(dataset: ImageDataset, splits: Splits) -> ImageDataset:
    """Train rows as ``x_train``, validation rows as ``x_test``: nothing hidden."""
    images, labels = pool_of(dataset)
    train, validation = (splits[name] for name in VISIBLE_SPLITS)
    return dataclasses.replace(
        dataset,
        x_train=images[train],
        y_train=labels[train],
        x_test=images[validation],
        y_test=labels[validation],
    )


def hidden_split(
    dataset: ImageDataset, splits: Splits, name: str
) -> tuple[np.ndarray, np.ndarray]:
    """Images and labels of the hidden split ``name``: for the scorer only."""
    if name not in HIDDEN_SPLITS:
        raise ValueError(f"{name} is not a hidden split")
    images, labels = pool_of(dataset)
    rows = splits[name]
    return images[rows], labels[rows]
