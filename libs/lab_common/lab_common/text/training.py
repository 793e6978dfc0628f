"""Training a sentiment LSTM, measured next to a TF-IDF baseline in the same run.

Plain functions: no registry, no service. ``train_sentiment`` returns the model
and the numbers the README and the model metadata report.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from lab_common.datasets.texts import TextSplit, get_entry, load_split
from lab_common.text.models import build_sentiment_lstm
from lab_common.text.vectors import RANDOM, load_vectors

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SentimentRecipe:
    dataset_id: str
    extra_train_datasets: tuple[str, ...] = ()
    epochs: int = 3
    batch_size: int = 128
    learning_rate: float = 1e-3
    # Epochs without a better validation accuracy before stopping (best restored).
    patience: int = 1
    seed: int = 1
    # A vector source of ``lab_common.text.vectors`` or "random".
    embedding: str = RANDOM
    # Pretrained vectors are frozen unless this says to refine them.
    fine_tune_embedding: bool = False
    # Max and mean over the LSTM's outputs at every word, or its last state only.
    pooled: bool = True


@dataclass(frozen=True)
class TrainedSentiment:
    model: keras.Model
    metrics: dict[str, float]
    config: dict[str, object]
    splits: dict[str, int]
    fit_seconds: float


def length_order(texts: list[str], seed: int | None) -> np.ndarray:
    """Row order by word count, so each batch holds texts of similar length.

    A batch is padded to its longest text and the LSTM steps through every
    position: one 300-word review among 60-word ones made the whole batch pay
    for 300 steps. With a seed, ties are broken at random (a new mix each run).
    """
    lengths = np.array([len(text.split()) for text in texts], dtype=np.float64)
    if seed is not None:
        lengths += np.random.default_rng(seed).uniform(0, 1, len(texts))
    return np.argsort(lengths, kind="stable")


def text_batches(
    split: TextSplit,
    batch_size: int,
    shuffle_seed: int | None = None,
    *,
    binary: bool = True,
) -> tf.data.Dataset:
    """Batches of (string, label) of similar lengths; float labels for a sigmoid,
    int for a softmax. With ``shuffle_seed`` the batches come in a new random
    order at every epoch."""
    order = length_order(split.texts, shuffle_seed)
    texts = [split.texts[i] for i in order]
    labels = np.asarray(split.labels, dtype=np.float32 if binary else np.int32)[order]
    data = tf.data.Dataset.from_tensor_slices((tf.constant(texts), labels))
    data = data.batch(batch_size)
    if shuffle_seed is not None:
        batches = -(-len(texts) // batch_size)
        data = data.shuffle(batches, seed=shuffle_seed, reshuffle_each_iteration=True)
    return data.prefetch(tf.data.AUTOTUNE)


def tfidf_baseline_accuracy(train: TextSplit, test: TextSplit) -> float:
    """Word uni+bigram TF-IDF and logistic regression: the bar an LSTM must clear."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    classifier = LogisticRegression(max_iter=2000, C=4.0)
    classifier.fit(vectorizer.fit_transform(train.texts), train.labels)
    predicted = classifier.predict(vectorizer.transform(test.texts))
    return float((predicted == np.asarray(test.labels)).mean())


class _EpochLog(keras.callbacks.Callback):
    def __init__(self, report: Callable[[int, dict[str, float]], None]) -> None:
        super().__init__()
        self.report = report

    def on_epoch_end(self, epoch: int, logs: dict[str, float] | None = None) -> None:
        self.report(epoch + 1, dict(logs or {}))


def train_sentiment(
    recipe: SentimentRecipe,
    data_dir: Path,
    *,
    name: str,
    on_epoch: Callable[[int, dict[str, float]], None] = lambda epoch, logs: None,
) -> TrainedSentiment:
    entry = get_entry(recipe.dataset_id)
    train = load_split(entry, "train", data_dir)
    for extra in recipe.extra_train_datasets:
        more = load_split(get_entry(extra), "train", data_dir)
        train = TextSplit(train.texts + more.texts, train.labels + more.labels)
    validation = load_split(entry, "validation", data_dir)
    test = load_split(entry, "test", data_dir)

    keras.utils.set_random_seed(recipe.seed)
    vectors = None if recipe.embedding == RANDOM else load_vectors(recipe.embedding)
    # Variable length: each batch is padded to its longest text only.
    model = build_sentiment_lstm(
        train.texts,
        None,
        name=name,
        vectors=vectors,
        fine_tune_vectors=recipe.fine_tune_embedding,
        pooled=recipe.pooled,
        seed=recipe.seed,
    )
    model.compile(
        optimizer=keras.optimizers.Adam(recipe.learning_rate),
        loss="binary_crossentropy",
        metrics=["accuracy"],
    )
    started = time.perf_counter()
    model.fit(
        text_batches(train, recipe.batch_size, recipe.seed),
        validation_data=text_batches(validation, recipe.batch_size),
        epochs=recipe.epochs,
        verbose=0,
        callbacks=[
            # Small data overfits after an epoch or two: keep the best epoch.
            keras.callbacks.EarlyStopping(
                monitor="val_accuracy",
                patience=recipe.patience,
                restore_best_weights=True,
            ),
            _EpochLog(on_epoch),
        ],
    )
    fit_seconds = time.perf_counter() - started
    _, test_accuracy = model.evaluate(text_batches(test, 256), verbose=0)
    _, validation_accuracy = model.evaluate(text_batches(validation, 256), verbose=0)
    metrics = {
        "test_accuracy": float(test_accuracy),
        "validation_accuracy": float(validation_accuracy),
        "baseline_tfidf_test_accuracy": tfidf_baseline_accuracy(train, test),
    }
    return TrainedSentiment(
        model=model,
        metrics=metrics,
        config=asdict(recipe),
        splits={
            "train": len(train.texts),
            "validation": len(validation.texts),
            "test": len(test.texts),
        },
        fit_seconds=fit_seconds,
    )
