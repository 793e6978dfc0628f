"""Seeded, stratified splits of a labelled dataset, and a manifest that pins them.

``make_splits(labels, held_out, seed)`` draws, class by class in label order,
the rows of every held-out split (in the order ``held_out`` names them) without
replacement; the other rows are ``"train"``. Each split is then shuffled, train
first, so batches mix classes. With one held-out split this is the draw the lab
has always made, so MNIST-5k's and the course sets' test rows stay the same.

A quota in ``held_out`` is an ``int`` (that many rows of every class) or a
``float`` (that share of every class, rounded, at least one row).

The manifest gives each split's size and the SHA-256 of its rows in order, each
row written ``"<index>,<label>\\n"`` in UTF-8 (``index``: the row's position in
the source, ``label``: its integer class). Equal hashes mean the same rows in the
same order, so a hidden split can be checked without being shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel

TRAIN = "train"
ROWS_HASHED = 'UTF-8 lines "<source row index>,<label>" in split order'


class SplitRecord(BaseModel):
    rows: int
    sha256: str


class SplitManifest(BaseModel):
    """Every split's size and hash, with the seed and what the hashes cover."""

    seed: int | None = None
    hashed: str
    splits: dict[str, SplitRecord]


def sha256_of(chunks: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class Splits:
    """Row indices of every split (``"train"`` first), drawn from ``labels``."""

    labels: np.ndarray
    rows: dict[str, np.ndarray]
    seed: int

    def __getitem__(self, name: str) -> np.ndarray:
        return self.rows[name]

    def manifest(self) -> SplitManifest:
        records = {
            name: SplitRecord(
                rows=len(rows),
                sha256=sha256_of(
                    f"{row},{self.labels[row]}\n".encode() for row in rows.tolist()
                ),
            )
            for name, rows in self.rows.items()
        }
        return SplitManifest(seed=self.seed, hashed=ROWS_HASHED, splits=records)


def _quota(value: int | float, class_rows: int) -> int:
    if isinstance(value, bool) or value <= 0:
        raise ValueError(f"a split quota must be a positive int or float: {value!r}")
    if isinstance(value, float):
        return max(1, round(class_rows * value))
    return value


def make_splits(
    labels: np.ndarray, held_out: Mapping[str, int | float], seed: int
) -> Splits:
    """Train and the ``held_out`` splits, stratified by label, the same for a seed.

    A class with fewer rows than its held-out quotas raises ``ValueError``.
    """
    if TRAIN in held_out:
        raise ValueError("'train' is what the held-out splits leave")
    rng = np.random.default_rng(seed)
    parts: dict[str, list[np.ndarray]] = {name: [] for name in held_out}
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        sizes = [_quota(quota, len(rows)) for quota in held_out.values()]
        picked = rng.choice(rows, size=sum(sizes), replace=False)
        bounds = np.cumsum([0, *sizes])
        for position, name in enumerate(held_out):
            parts[name].append(picked[bounds[position] : bounds[position + 1]])
    taken = {name: np.concatenate(chunks) for name, chunks in parts.items()}
    held = [*taken.values(), np.empty(0, np.int64)]
    train = np.setdiff1d(np.arange(len(labels)), np.concatenate(held))
    shuffled = {TRAIN: rng.permutation(train)}
    shuffled |= {name: rng.permutation(rows) for name, rows in taken.items()}
    return Splits(labels=labels, rows=shuffled, seed=seed)


def validation_rows(
    count: int, share: float, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (train, validation): ``share`` of ``count`` rows held out.

    How a training job outside a challenge holds out its validation split (the
    trainer fits on it; the gateway draws it again to show its confused images).
    """
    order = np.random.default_rng(seed).permutation(count)
    held_out = round(count * share)
    if share > 0 and count > 1:
        held_out = min(max(held_out, 1), count - 1)
    return np.sort(order[held_out:]), np.sort(order[:held_out])
