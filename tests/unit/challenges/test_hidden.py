"""What a challenge hides: its hidden rows, the views without them, pixel hashes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lab_common.challenges.data import draw_splits, pool_of
from lab_common.challenges.errors import SplitMismatch
from lab_common.challenges.hidden import (
    challenge_view,
    guarded_challenges,
    hidden_image_hashes,
    hidden_pool_rows,
    pixel_sha256,
    without_hidden,
)
from lab_common.challenges.templates import TEMPLATES
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.datasets.images import ImageDataset
from lab_common.store import ChallengeStore, connect_database, upgrade_database
from lab_common.store.database import sqlite_url

TEMPLATE = TEMPLATES["chiffres-dense"]
SEED = 7


@pytest.fixture(scope="module")
def digits() -> ImageDataset:
    return load_image_dataset("mnist-5k", None, None)


@pytest.fixture
def store(tmp_path: Path) -> ChallengeStore:
    url = sqlite_url(tmp_path / "archilab.db")
    upgrade_database(url)
    return ChallengeStore(connect_database(url))


def add_challenge(store: ChallengeStore, digits: ImageDataset, name: str) -> None:
    splits = draw_splits(TEMPLATE, pool_of(digits)[1], SEED)
    store.create_challenge(
        challenge_id=name,
        template=TEMPLATE.id,
        title=TEMPLATE.title_fr,
        dataset=TEMPLATE.dataset,
        quota=10,
        allow_external=False,
        seed=SEED,
        manifest=splits.manifest(),
        created_by="admin",
    )


def hidden_rows_drawn(digits: ImageDataset) -> np.ndarray:
    splits = draw_splits(TEMPLATE, pool_of(digits)[1], SEED)
    return np.sort(np.concatenate([splits["public"], splits["private"]]))


def test_a_challenge_view_holds_train_and_validation_only(
    store: ChallengeStore, digits: ImageDataset
) -> None:
    add_challenge(store, digits, "c1")
    challenge = store.get_challenge("c1")

    view = challenge_view(digits, challenge)

    images = pool_of(digits)[0]
    hidden = {pixel_sha256(images[row]) for row in hidden_rows_drawn(digits)}
    shown = {pixel_sha256(image) for image in [*view.x_train, *view.x_test]}
    assert (len(view.x_train), len(view.x_test)) == (3000, 500)
    assert not shown & hidden  # MNIST-5k's 5,000 images are all distinct


def test_a_changed_manifest_is_refused(
    store: ChallengeStore, digits: ImageDataset
) -> None:
    add_challenge(store, digits, "c1")
    challenge = store.get_challenge("c1")
    changed = challenge.model_copy(update={"seed": SEED + 1})

    with pytest.raises(SplitMismatch):
        challenge_view(digits, changed)


def test_without_hidden_leaves_out_exactly_the_hidden_rows(
    store: ChallengeStore, digits: ImageDataset
) -> None:
    add_challenge(store, digits, "c1")
    guarded = guarded_challenges(store, "mnist-5k")

    shown = without_hidden(digits, guarded)

    assert np.array_equal(hidden_pool_rows(digits, guarded), hidden_rows_drawn(digits))
    assert len(shown.x_train) + len(shown.x_test) == 5000 - 1500
    kept = {pixel_sha256(image) for image in [*shown.x_train, *shown.x_test]}
    hidden = hidden_image_hashes(guarded, None, None)
    assert len(hidden) == 1500
    assert not kept & hidden


def test_a_revealed_challenge_or_another_dataset_guards_nothing(
    store: ChallengeStore, digits: ImageDataset
) -> None:
    add_challenge(store, digits, "c1")
    for action in ("open", "freeze", "reveal"):
        store.advance("c1", action)

    assert guarded_challenges(store, "mnist-5k") == []
    assert without_hidden(digits, []) is digits


def test_pixel_hash_counts_a_grey_channel_and_the_shape() -> None:
    pixels = np.arange(784, dtype=np.uint8).reshape(28, 28)

    assert pixel_sha256(pixels) == pixel_sha256(pixels[..., np.newaxis])
    assert pixel_sha256(pixels) != pixel_sha256(pixels.reshape(14, 56))
