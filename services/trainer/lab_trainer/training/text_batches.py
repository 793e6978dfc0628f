"""Batches of texts for a text classifier: similar lengths together, shuffled."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

from lab_common.datasets.texts import TextSplit


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
