"""sentiment-faible: Allociné pooled and split like the digits; nothing hidden leaks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lab_common.challenges.data import (
    draw_splits,
    hidden_split,
    pool_of,
    training_view,
)
from lab_common.challenges.errors import TemplateUnavailable
from lab_common.challenges.hidden import (
    guarded_challenges,
    hidden_texts,
    without_hidden,
    without_texts,
)
from lab_common.challenges.templates import (
    TEMPLATES,
    describe_template,
    usable_template,
)
from lab_common.datasets.catalogue import load_text_dataset
from lab_common.datasets.texts import TextTrainingData, comparable_text
from lab_common.messages import use_language
from lab_common.store import ChallengeStore, connect_database, upgrade_database
from lab_common.store.database import sqlite_url
from tests.conftest import course_data_dir

TEMPLATE = TEMPLATES["sentiment-faible"]
SEED = 7


@pytest.fixture(scope="module")
def allocine() -> TextTrainingData:
    return load_text_dataset("allocine", course_data_dir(), None)


def words_of(texts: list[str]) -> set[str]:
    return {comparable_text(text) for text in texts}


def test_text_splits_are_stratified_seeded_and_pinned_by_their_manifest(
    allocine: TextTrainingData,
) -> None:
    labels = pool_of(allocine)[1]
    splits = draw_splits(TEMPLATE, labels, SEED)
    manifest = splits.manifest()

    sizes = {name: record.rows for name, record in manifest.splits.items()}
    assert sizes == {
        "train": len(labels) - 1500,
        "validation": 300,
        "public": 400,
        "private": 800,
    }
    for name in ("validation", "public", "private"):
        assert np.bincount(labels[splits[name]]).tolist() == [sizes[name] // 2] * 2
    assert draw_splits(TEMPLATE, labels, SEED).manifest() == manifest
    assert draw_splits(TEMPLATE, labels, SEED + 1).manifest() != manifest


def test_the_training_view_holds_no_hidden_text(allocine: TextTrainingData) -> None:
    splits = draw_splits(TEMPLATE, pool_of(allocine)[1], SEED)
    view = training_view(allocine, splits)
    hidden = set()
    for name in ("public", "private"):
        texts, _ = hidden_split(allocine, splits, name)
        hidden |= words_of(texts.tolist())

    assert isinstance(view, TextTrainingData)
    assert len(view.train.texts) == len(splits["train"])
    assert view.validation is not None and len(view.validation.texts) == 300
    assert view.test == view.validation  # a challenge model is tested on validation
    seen = words_of(view.train.texts) | words_of(view.validation.texts)
    assert len(hidden) == 1200 and not seen & hidden


def test_views_of_a_guarded_text_dataset_leave_its_hidden_texts_out(
    allocine: TextTrainingData, tmp_path: Path
) -> None:
    url = sqlite_url(tmp_path / "archilab.db")
    upgrade_database(url)
    store = ChallengeStore(connect_database(url))
    splits = draw_splits(TEMPLATE, pool_of(allocine)[1], SEED)
    store.create_challenge(
        challenge_id="t" * 32,
        template=TEMPLATE.id,
        title=TEMPLATE.title_fr,
        dataset="allocine",
        quota=10,
        allow_external=False,
        seed=SEED,
        manifest=splits.manifest(),
        created_by="admin",
    )
    guarded = guarded_challenges(store, "allocine", task=None)
    hidden = hidden_texts(allocine, guarded)

    shown = without_hidden(allocine, guarded)
    assert len(hidden) == 1200
    assert [c.id for c in guarded] == ["t" * 32]
    assert guarded_challenges(store, "allocine") == []  # images only by default
    parts = [shown.train, shown.validation, shown.test]
    assert sum(len(part.texts) for part in parts if part) == 3366 - 1200
    assert not any(words_of(part.texts) & hidden for part in parts if part)
    assert allocine.test is not None
    assert not words_of(without_texts(allocine.test, hidden).texts) & hidden


def test_the_template_is_available_with_the_course_data() -> None:
    info = describe_template(TEMPLATE, course_data_dir(), None)

    assert info.available and info.unavailable_reason is None
    assert info.baseline["architecture"] == "embedding-bag"
    assert usable_template(TEMPLATE.id, course_data_dir(), None) is TEMPLATE


@pytest.mark.parametrize(
    ("language", "said", "unsaid"),
    [("fr", "fichiers de son jeu", "files of"), ("en", "files of", "fichiers")],
)
def test_without_data_the_reason_is_said_in_one_language(
    tmp_path: Path, language: str, said: str, unsaid: str
) -> None:
    with use_language(language):  # type: ignore[arg-type]
        info = describe_template(TEMPLATE, tmp_path, None)
        with pytest.raises(TemplateUnavailable) as refused:
            usable_template(TEMPLATE.id, tmp_path, None)
        detail = refused.value.detail

    assert not info.available
    reason = info.unavailable_reason or ""
    assert said in reason and unsaid not in reason and "allocine" in reason
    assert detail == reason
