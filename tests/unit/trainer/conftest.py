"""Fixtures of the trainer's unit tests: a job store in tmp_path, tiny datasets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lab_common.datasets.images import ImageDataset
from lab_common.datasets.texts import TextTrainingData
from lab_common.store import JobStore, connect_database, upgrade_database
from lab_trainer.settings import Settings
from tests.unit.trainer.factories import (
    SENTIMENT_WORDS,
    TOPIC_WORDS,
    make_sentences,
    make_settings,
    make_tiny_digits,
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A worker's settings, its job store migrated as compose or the launcher do."""
    settings = make_settings(tmp_path)
    upgrade_database(settings.database_url)
    return settings


@pytest.fixture
def store(settings: Settings) -> Iterator[JobStore]:
    engine = connect_database(settings.database_url)
    yield JobStore(engine)
    engine.dispose()


@pytest.fixture(scope="session")
def tiny_digits() -> ImageDataset:
    return make_tiny_digits()


@pytest.fixture(scope="session")
def tiny_reviews() -> TextTrainingData:
    """A CSV-like two-class text dataset: 120 train, 30 validation, 30 test."""
    return TextTrainingData(
        train=make_sentences(120, 1, SENTIMENT_WORDS),
        validation=make_sentences(30, 2, SENTIMENT_WORDS),
        test=make_sentences(30, 3, SENTIMENT_WORDS),
        class_names=["negative", "positive"],
        id="tiny-reviews",
    )


@pytest.fixture(scope="session")
def tiny_topics() -> TextTrainingData:
    """Three classes and no validation split of its own (like an upload)."""
    return TextTrainingData(
        train=make_sentences(150, 4, TOPIC_WORDS),
        validation=None,
        test=make_sentences(30, 5, TOPIC_WORDS),
        class_names=["negative", "positive", "description"],
        id="tiny-topics",
    )
