"""The text classifiers of the catalogue: raw strings in, class probabilities out.

Vectorise -> embed -> (BiLSTM -> max+mean | mean of the words) -> head. The
layer names, the standardisation and the readout layer that serving relies on
come from ``lab_common.text.models``, so every model built here loads there.
"""

from __future__ import annotations

import itertools

import keras
import tensorflow as tf

from lab_common.text.models import (
    EMBEDDING,
    RECURRENT,
    VECTORIZE,
    MaxMeanPooling,
    standardize_text,
)
from lab_common.text.vectors import WordVectors, embedding_matrix

VOCABULARY_SIZE = 20_000
EMBEDDING_DIMENSIONS = 64
LSTM_UNITS = 64
DROPOUT_RATE = 0.3
# Dropping whole embedding channels regularises better than single values.
EMBEDDING_DROPOUT_RATE = 0.25
# Frequent words of a vector source added to the training vocabulary, so a word
# never seen in training still has its pretrained vector at test time.
EXTRA_PRETRAINED_WORDS = 30_000


def _adapted_vectorizer(
    train_texts: list[str],
    sequence_length: int | None,
    vectors: WordVectors | None = None,
) -> keras.layers.TextVectorization:
    """Training words by frequency; with ``vectors``, also their frequent words."""
    vectorize = keras.layers.TextVectorization(
        max_tokens=VOCABULARY_SIZE,
        standardize=standardize_text,
        output_sequence_length=sequence_length,
        name=VECTORIZE,
    )
    vectorize.adapt(tf.data.Dataset.from_tensor_slices(train_texts).batch(1024))
    if vectors is None or not vectors.frequent_words:
        return vectorize
    words = vectorize.get_vocabulary()[2:]  # without padding and [UNK]
    seen = set(words)
    extra = (w for w in vectors.frequent_words if w.isalpha() and w not in seen)
    words += list(itertools.islice(extra, EXTRA_PRETRAINED_WORDS))
    extended = keras.layers.TextVectorization(
        standardize=standardize_text,
        output_sequence_length=sequence_length,
        vocabulary=words,
        name=VECTORIZE,
    )
    return extended


def _embedded_words(
    train_texts: list[str],
    sequence_length: int | None,
    vectors: WordVectors | None = None,
    seed: int = 1,
    fine_tune: bool = False,
) -> tuple[keras.KerasTensor, keras.KerasTensor]:
    """The raw-string input and its words' embeddings (padding masked).

    With ``vectors`` the embedding starts from the pretrained vectors (random
    rows for words they lack) and stays frozen unless ``fine_tune``: a few
    thousand reviews would pull the words they contain away from the words
    they do not, while 67,000 phrases can refine 50-d vectors that are too
    coarse alone (bench/RESULTS.md).
    """
    vectorize = _adapted_vectorizer(train_texts, sequence_length, vectors)
    inputs = keras.Input(shape=(), dtype="string", name="text")
    x = vectorize(inputs)
    if vectors is None:
        embedding = keras.layers.Embedding(
            vectorize.vocabulary_size(),
            EMBEDDING_DIMENSIONS,
            mask_zero=True,
            name=EMBEDDING,
        )
    else:
        init = embedding_matrix(vectorize.get_vocabulary(), vectors, seed)
        # ``weights``, not a Constant initializer: an initializer's value goes
        # into the saved config.json as text (tens of MB, seconds to save/load).
        embedding = keras.layers.Embedding(
            *init.matrix.shape,
            mask_zero=True,
            weights=init.matrix,
            trainable=fine_tune,
            name=EMBEDDING,
        )
    return inputs, embedding(x)


def _classifier_head(x: keras.KerasTensor, num_classes: int) -> keras.KerasTensor:
    """Two classes: one logit and a sigmoid (the sentiment service reads it).

    More classes: ``logits`` and a softmax over them.
    """
    if num_classes <= 2:
        logit = keras.layers.Dense(1, name="logit")(x)
        return keras.layers.Activation("sigmoid", name="positive_probability")(logit)
    logits = keras.layers.Dense(num_classes, name="logits")(x)
    return keras.layers.Activation("softmax", name="probabilities")(logits)


def build_sentiment_lstm(
    train_texts: list[str],
    sequence_length: int | None,
    *,
    name: str,
    num_classes: int = 2,
    dropout_rate: float = DROPOUT_RATE,
    vectors: WordVectors | None = None,
    fine_tune_vectors: bool = False,
    pooled: bool = True,
    seed: int = 1,
) -> keras.Model:
    """Vectorise -> embed -> bidirectional LSTM -> readout -> one logit -> sigmoid.

    ``vectors`` start the embedding from pretrained word vectors (else random),
    frozen unless ``fine_tune_vectors``; ``pooled`` reads the LSTM's outputs at
    every word (max and mean) instead of its last state. With ``num_classes``
    above 2 the head is a softmax.
    """
    inputs, x = _embedded_words(
        train_texts, sequence_length, vectors, seed, fine_tune_vectors
    )
    x = keras.layers.SpatialDropout1D(EMBEDDING_DROPOUT_RATE, name="embedding_dropout")(
        x
    )
    lstm = keras.layers.LSTM(LSTM_UNITS, return_sequences=pooled)
    x = keras.layers.Bidirectional(lstm, name=RECURRENT)(x)
    if pooled:
        x = MaxMeanPooling(name="max_mean_pooling")(x)
    x = keras.layers.Dropout(dropout_rate, name="dropout")(x)
    outputs = _classifier_head(x, num_classes)
    return keras.Model(inputs, outputs, name=name)


def build_embedding_bag(
    train_texts: list[str],
    sequence_length: int | None,
    *,
    name: str,
    num_classes: int = 2,
    dropout_rate: float = DROPOUT_RATE,
) -> keras.Model:
    """Vectorise -> embed -> mean over the words -> the same head as the LSTM.

    No recurrence, so word order is lost: a fast baseline the LSTM must beat.
    """
    inputs, x = _embedded_words(train_texts, sequence_length)
    # The mask from ``mask_zero`` keeps padding out of the mean.
    x = keras.layers.GlobalAveragePooling1D(name="mean_embedding")(x)
    x = keras.layers.Dropout(dropout_rate, name="dropout")(x)
    outputs = _classifier_head(x, num_classes)
    return keras.Model(inputs, outputs, name=name)
