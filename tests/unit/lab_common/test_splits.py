"""Seeded, stratified splits and their SHA-256 manifest (lab_common.datasets.splits)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from lab_common.datasets.splits import make_splits

THREE_WAY = {"validation": 5, "test": 10}


def balanced_labels(per_class: int = 50, classes: int = 4) -> np.ndarray:
    return np.repeat(np.arange(classes), per_class)


def test_make_splits_three_way_takes_the_quota_of_every_class() -> None:
    labels = balanced_labels()

    splits = make_splits(labels, THREE_WAY, seed=3)

    assert np.bincount(labels[splits["validation"]]).tolist() == [5] * 4
    assert np.bincount(labels[splits["test"]]).tolist() == [10] * 4
    assert np.bincount(labels[splits["train"]]).tolist() == [35] * 4


def test_make_splits_uses_every_row_exactly_once() -> None:
    labels = balanced_labels()

    splits = make_splits(labels, THREE_WAY, seed=3)

    every = np.concatenate(list(splits.rows.values()))
    assert sorted(every.tolist()) == list(range(len(labels)))
    assert list(splits.rows) == ["train", "validation", "test"]


def test_make_splits_share_keeps_at_least_one_row_of_a_small_class() -> None:
    labels = np.repeat(np.arange(3), [2, 10, 40])

    splits = make_splits(labels, {"test": 0.2}, seed=1)

    assert np.bincount(labels[splits["test"]]).tolist() == [1, 2, 8]


def test_make_splits_refuses_a_held_out_split_named_train() -> None:
    with pytest.raises(ValueError, match="train"):
        make_splits(balanced_labels(), {"train": 5}, seed=1)


def test_manifest_is_the_same_for_the_same_seed() -> None:
    labels = balanced_labels()

    first = make_splits(labels, THREE_WAY, seed=3).manifest()
    second = make_splits(labels, THREE_WAY, seed=3).manifest()

    assert first == second
    assert first.seed == 3


def test_manifest_changes_with_the_seed() -> None:
    labels = balanced_labels()

    first = make_splits(labels, THREE_WAY, seed=3).manifest()
    second = make_splits(labels, THREE_WAY, seed=4).manifest()

    assert first.splits["test"].sha256 != second.splits["test"].sha256


def test_manifest_hashes_the_documented_row_lines() -> None:
    labels = balanced_labels(per_class=3, classes=2)
    splits = make_splits(labels, {"test": 1}, seed=0)
    lines = "".join(f"{row},{labels[row]}\n" for row in splits["test"].tolist())

    record = splits.manifest().splits["test"]

    assert record.rows == 2
    assert record.sha256 == hashlib.sha256(lines.encode()).hexdigest()
