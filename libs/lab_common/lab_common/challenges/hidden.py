"""What a challenge hides, for every part of the lab that shows or takes examples.

A challenge's public and private splits are drawn from its whole dataset (every
split alike), so any view of that dataset may hold hidden examples: the
explorer's samples, the analysis report, the datasets preview, the nlp
service's evaluation samples. From creation to reveal such a challenge is
*guarded*: those views leave its hidden rows out, a model trained in it shows
its validation split only, and an upload holding one of its hidden images is
refused (compared by ``pixel_sha256``). Hidden texts are compared as their
words (``comparable_text``), so a copy with other case or spacing is caught.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import numpy as np

from lab_common.challenges.data import (
    ChallengeData,
    checked_splits,
    pool_of,
    pool_offsets,
    training_view,
)
from lab_common.challenges.rules import ChallengeStatus
from lab_common.challenges.schemas import Challenge
from lab_common.challenges.templates import HIDDEN_SPLITS, IMAGE_TASK, TEMPLATES
from lab_common.datasets.catalogue import image_loader
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import SplitManifest
from lab_common.datasets.texts import TextSplit, TextTrainingData, comparable_text
from lab_common.store import ChallengeStore

# Until the reveal the hidden splits still decide a ranking (a draft's are
# already fixed): their images stay on the server.
GUARDED_STATUSES = (ChallengeStatus.DRAFT, ChallengeStatus.OPEN, ChallengeStatus.FROZEN)
# Hidden image hashes kept per process: one entry per guarded challenge.
CACHED_HIDDEN_HASHES = 16

Data = TypeVar("Data", ImageDataset, TextTrainingData)


def guarded_challenges(
    store: ChallengeStore,
    dataset_id: str | None = None,
    task: str | None = IMAGE_TASK,
) -> list[Challenge]:
    """The challenges of ``task`` (None: any) on ``dataset_id`` (None: any)
    whose hidden splits must stay hidden."""
    return [
        challenge
        for challenge in store.list_challenges(GUARDED_STATUSES)
        if dataset_id in (None, challenge.dataset)
        and challenge.template in TEMPLATES
        and task in (None, TEMPLATES[challenge.template].task)
    ]


def challenge_view(dataset: ChallengeData, challenge: Challenge) -> ChallengeData:
    """Its train and validation splits only (``data.training_view``): nothing hidden.

    The splits are drawn again from the challenge's seed and checked against
    the manifest fixed at its creation (500 ``SplitMismatch`` otherwise).
    """
    template = TEMPLATES[challenge.template]
    labels = pool_of(dataset)[1]
    splits = checked_splits(template, labels, challenge.seed, challenge.manifest)
    return training_view(dataset, splits)


def hidden_pool_rows(
    dataset: ChallengeData, challenges: Iterable[Challenge]
) -> np.ndarray:
    """Sorted pool rows (see ``data.pool_of``) in any hidden split."""
    labels = pool_of(dataset)[1]
    found: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    for challenge in challenges:
        template = TEMPLATES[challenge.template]
        splits = checked_splits(template, labels, challenge.seed, challenge.manifest)
        found.extend(splits[name] for name in HIDDEN_SPLITS)
    return np.unique(np.concatenate(found))


def _kept(rows: np.ndarray, start: int, stop: int) -> np.ndarray:
    """Positions in the part ``[start, stop)`` of the pool not among ``rows``."""
    return np.setdiff1d(np.arange(stop - start), rows - start)


def _text_part(part: TextSplit, keep: np.ndarray) -> TextSplit:
    return TextSplit(
        [part.texts[i] for i in keep.tolist()], [part.labels[i] for i in keep.tolist()]
    )


def without_hidden(dataset: Data, challenges: Iterable[Challenge]) -> Data:
    """``dataset`` with every hidden row of ``challenges`` left out of every split."""
    rows = hidden_pool_rows(dataset, challenges)
    if rows.size == 0:
        return dataset
    bounds = pool_offsets(dataset)
    if isinstance(dataset, ImageDataset):
        train = _kept(rows, bounds[0], bounds[1])
        test = _kept(rows, bounds[1], bounds[2])
        return dataclasses.replace(
            dataset,
            x_train=dataset.x_train[train],
            y_train=dataset.y_train[train],
            x_test=dataset.x_test[test],
            y_test=dataset.y_test[test],
        )
    names = [
        name
        for name in ("train", "validation", "test")
        if getattr(dataset, name) is not None
    ]
    changes = {
        name: _text_part(getattr(dataset, name), _kept(rows, start, stop))
        for name, start, stop in zip(names, bounds[:-1], bounds[1:], strict=True)
    }
    return dataclasses.replace(dataset, **changes)


def hidden_texts(
    dataset: TextTrainingData, challenges: Iterable[Challenge]
) -> set[str]:
    """``comparable_text`` of every hidden text of ``challenges`` on ``dataset``."""
    texts = pool_of(dataset)[0]
    rows = hidden_pool_rows(dataset, challenges)
    return {comparable_text(text) for text in texts[rows].tolist()}


def without_texts(split: TextSplit, left_out: set[str]) -> TextSplit:
    """``split`` without the texts whose words are in ``left_out``."""
    keep = [
        i for i, text in enumerate(split.texts) if comparable_text(text) not in left_out
    ]
    return _text_part(split, np.array(keep, dtype=np.int64))


def pixel_sha256(pixels: np.ndarray) -> str:
    """SHA-256 of decoded uint8 pixels and their shape (channels last, 1 for grey)."""
    array = np.ascontiguousarray(pixels, dtype=np.uint8)
    if array.ndim == 2:
        array = array[..., np.newaxis]
    digest = hashlib.sha256(repr(array.shape).encode())
    digest.update(array.tobytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=CACHED_HIDDEN_HASHES)
def _hidden_hashes(
    template_id: str,
    seed: int,
    manifest_json: str,
    data_dir: Path | None,
    datasets_dir: Path | None,
) -> frozenset[str]:
    template = TEMPLATES[template_id]
    dataset = image_loader(template.dataset, data_dir, datasets_dir)()
    images, labels = pool_of(dataset)
    manifest = SplitManifest.model_validate_json(manifest_json)
    splits = checked_splits(template, labels, seed, manifest)
    rows = np.concatenate([splits[name] for name in HIDDEN_SPLITS])
    return frozenset(pixel_sha256(images[row]) for row in rows.tolist())


def hidden_image_hashes(
    challenges: Iterable[Challenge], data_dir: Path | None, datasets_dir: Path | None
) -> frozenset[str]:
    """``pixel_sha256`` of every hidden image of ``challenges`` (cached per one)."""
    hashes: frozenset[str] = frozenset()
    for challenge in challenges:
        manifest_json = challenge.manifest.model_dump_json()
        hashes |= _hidden_hashes(
            challenge.template, challenge.seed, manifest_json, data_dir, datasets_dir
        )
    return hashes
