"""Builders shared by the trainer's tests: settings, specs, tiny datasets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from lab_common.datasets.image_readers import load_mnist_5k
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.texts import TextSplit
from lab_common.jobs import TrainingJobSpec
from lab_common.store.database import sqlite_url
from lab_trainer.settings import Settings

# Nothing listens there: wake-ups fail fast, as with Redis down.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"
TINY_TRAIN_IMAGES = 300
TINY_TEST_IMAGES = 100
SENTIMENT_WORDS = [
    ["awful", "boring", "dull", "bad", "terrible"],
    ["great", "superb", "lovely", "good", "wonderful"],
]
TOPIC_WORDS = [*SENTIMENT_WORDS, ["long", "french", "silent", "black", "white"]]


def make_settings(home: Path) -> Settings:
    return Settings(
        redis_url=UNREACHABLE_REDIS_URL,
        database_url=sqlite_url(home / "archilab.db"),
        models_dir=home / "models",
        datasets_dir=home / "datasets",
        heartbeat_seconds=0.2,
        cancel_check_seconds=0,
    )


def make_tiny_digits() -> ImageDataset:
    """300 training and 100 test digits of mnist-5k: about a second per epoch."""
    full = load_mnist_5k()
    return ImageDataset(
        x_train=full.x_train[:TINY_TRAIN_IMAGES],
        y_train=full.y_train[:TINY_TRAIN_IMAGES],
        x_test=full.x_test[:TINY_TEST_IMAGES],
        y_test=full.y_test[:TINY_TEST_IMAGES],
        class_names=full.class_names,
        id=full.id,
    )


def make_sentences(count: int, seed: int, classes: list[list[str]]) -> TextSplit:
    """Short sentences whose words give their class away."""
    rng = np.random.default_rng(seed)
    texts, labels = [], []
    for index in range(count):
        label = index % len(classes)
        words = rng.choice(classes[label], size=4)
        texts.append(f"the film was {' and '.join(words)}")
        labels.append(label)
    return TextSplit(texts, labels)


def image_spec(**changes: object) -> TrainingJobSpec:
    values: dict[str, object] = {
        "task": "image-classification",
        "dataset": "mnist-5k",
        "architecture": "tiny-cnn",
        "epochs": 2,
        "batch_size": 32,
        "progress_every_batches": 3,
        **changes,
    }
    return TrainingJobSpec.model_validate(values)


def text_spec(**changes: object) -> TrainingJobSpec:
    values: dict[str, object] = {
        "task": "text-classification",
        "dataset": "tiny-reviews",
        "architecture": "bilstm",
        "epochs": 2,
        "batch_size": 16,
        "learning_rate": 5e-3,
        **changes,
    }
    return TrainingJobSpec.model_validate(values)


def loader_of(data: object) -> Callable[..., object]:
    """A ``load_data`` that hands the runner ``data`` whatever the spec says."""
    return lambda spec, data_dir, datasets_dir: data
