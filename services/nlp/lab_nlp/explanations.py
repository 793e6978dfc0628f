"""Why the LSTM decided: per-word occlusion and gradient x input, and the
probability after each word prefix (the model's "running opinion")."""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from lab_common.problems import ValidationFailed
from lab_common.text.models import EMBEDDING, VECTORIZE, standardize_text
from lab_nlp.model_store import SentimentModel

_WORD = re.compile(r"\S+")
OOV_ID = 1  # TextVectorization: 0 is padding, 1 the out-of-vocabulary token


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Explanation:
    words: list[Word]
    positive_probability: float
    occlusion: list[float]
    gradient_x_input: list[float]
    in_vocabulary: list[bool]
    trajectory: list[float]


def split_words(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def tokens_per_word(words: list[Word]) -> list[int]:
    """How many vectoriser tokens each word becomes ("l'acteur" -> 2, "!" -> 0)."""
    standardized = standardize_text(tf.constant([word.text for word in words]))
    # TF strings come back as UTF-8 bytes; ``astype(str)`` would decode them as
    # ASCII and fail on the first accent ("était").
    return [len(item.decode("utf-8").split()) for item in standardized.numpy()]


def word_prefixes(words: list[Word]) -> list[str]:
    """The text up to and including each word: the model's "running opinion"
    is its positive probability on each of these."""
    texts = [word.text for word in words]
    return [" ".join(texts[: i + 1]) for i in range(len(texts))]


def gradient_x_input(
    model: keras.Model, text: str
) -> tuple[np.ndarray, np.ndarray, float]:
    """Per token, gradient of the logit x embedding (summed); token ids; the logit."""
    ids = model.get_layer(VECTORIZE)(tf.constant([text]))
    embedding_layer = model.get_layer(EMBEDDING)
    later = model.layers[model.layers.index(embedding_layer) + 1 :]
    mask = embedding_layer.compute_mask(ids)
    embedded = embedding_layer(ids)
    with tf.GradientTape() as tape:
        tape.watch(embedded)
        x = embedded
        for layer in later:
            if layer.name == "positive_probability":
                break  # stop at the logit: a sigmoid saturates
            # Only the recurrent layer takes the padding mask; the others ignore it.
            takes_mask = "mask" in inspect.signature(layer.call).parameters
            x = layer(x, mask=mask) if takes_mask else layer(x)
        logit = x[0, 0]
    gradients = tape.gradient(logit, embedded)
    scores = tf.reduce_sum(gradients * embedded, axis=-1)[0]
    return np.asarray(scores), np.asarray(ids)[0], float(logit)


def explain(model: SentimentModel, text: str, max_words: int) -> Explanation:
    words = split_words(text)
    if len(words) > max_words:
        raise ValidationFailed("too-many-words", words=len(words), limit=max_words)
    texts = [word.text for word in words]
    without_each = [" ".join(texts[:i] + texts[i + 1 :]) for i in range(len(texts))]
    prefixes = word_prefixes(words)
    probabilities = model.positive_probabilities([text, *without_each, *prefixes])
    full = float(probabilities[0])
    occluded = probabilities[1 : 1 + len(words)]
    trajectory = probabilities[1 + len(words) :]

    scores, ids, _ = gradient_x_input(model.model, text)
    per_word, in_vocabulary, position = [], [], 0
    for count in tokens_per_word(words):
        span = slice(position, min(position + count, len(scores)))
        per_word.append(float(scores[span].sum()))
        in_vocabulary.append(bool((ids[span] > OOV_ID).any()))
        position += count
    return Explanation(
        words=words,
        positive_probability=full,
        occlusion=[full - float(p) for p in occluded],
        gradient_x_input=per_word,
        in_vocabulary=in_vocabulary,
        trajectory=[float(p) for p in trajectory],
    )
