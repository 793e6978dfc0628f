"""The sentiment LSTM: raw strings in, the probability of "positive" out.

``TextVectorization`` is part of the saved model, so the service sends raw
strings; its standardisation is a registered function, so loading the model
needs this module imported (``load_sentiment_model`` does it).
"""

from __future__ import annotations

from pathlib import Path

import keras
import tensorflow as tf

VOCABULARY_SIZE = 20_000
EMBEDDING_DIMENSIONS = 64
LSTM_UNITS = 64
DROPOUT_RATE = 0.3
# Dropping whole embedding channels regularises better than single values.
EMBEDDING_DROPOUT_RATE = 0.25
# Layer names the explanation code relies on.
VECTORIZE = "vectorize"
EMBEDDING = "embedding"


@keras.saving.register_keras_serializable(package="archilab")
def standardize_text(texts: tf.Tensor) -> tf.Tensor:
    """Lower case; punctuation, apostrophes and HTML breaks become spaces.

    Splitting on apostrophes keeps French elisions apart ("l'acteur" -> "l acteur")
    and English contractions alike ("isn't" -> "isn t"); accents are kept.
    Lower-casing reads UTF-8, so "ÉTAIT" is "était" (by default it is ASCII-only
    and would give "Était").
    """
    texts = tf.strings.lower(texts, encoding="utf-8")
    texts = tf.strings.regex_replace(texts, r"<br\s*/?>", " ")
    return tf.strings.regex_replace(texts, r"[^\p{L}\p{N}\s]", " ")


def _adapted_vectorizer(
    train_texts: list[str], sequence_length: int | None
) -> keras.layers.TextVectorization:
    vectorize = keras.layers.TextVectorization(
        max_tokens=VOCABULARY_SIZE,
        standardize=standardize_text,
        output_sequence_length=sequence_length,
        name=VECTORIZE,
    )
    vectorize.adapt(tf.data.Dataset.from_tensor_slices(train_texts).batch(1024))
    return vectorize


def _embedded_words(
    train_texts: list[str], sequence_length: int | None
) -> tuple[keras.KerasTensor, keras.KerasTensor]:
    """The raw-string input and its words' embeddings (padding masked)."""
    vectorize = _adapted_vectorizer(train_texts, sequence_length)
    inputs = keras.Input(shape=(), dtype="string", name="text")
    x = vectorize(inputs)
    x = keras.layers.Embedding(
        vectorize.vocabulary_size(),
        EMBEDDING_DIMENSIONS,
        mask_zero=True,
        name=EMBEDDING,
    )(x)
    return inputs, x


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
) -> keras.Model:
    """Vectorise -> embed -> bidirectional LSTM -> one logit -> sigmoid.

    With ``num_classes`` above 2 the head is a softmax over ``num_classes``.
    """
    inputs, x = _embedded_words(train_texts, sequence_length)
    x = keras.layers.SpatialDropout1D(EMBEDDING_DROPOUT_RATE, name="embedding_dropout")(
        x
    )
    x = keras.layers.Bidirectional(keras.layers.LSTM(LSTM_UNITS), name="bilstm")(x)
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


def load_sentiment_model(path: Path) -> keras.Model:
    return keras.saving.load_model(path, safe_mode=True)
