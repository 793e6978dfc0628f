"""The contract of a saved text model: what serving needs to load and read it.

``TextVectorization`` is part of the saved model, so the service sends raw
strings; its standardisation and the max+mean readout are registered Keras
objects, so loading a model needs this module imported (``load_sentiment_model``
does it). The builders that make these models live with the trainer
(``lab_trainer.models.texts``); the layer names here are what the explanation
and cell-state code look up.
"""

from __future__ import annotations

from pathlib import Path

import keras
import tensorflow as tf

# Layer names the explanation and cell-state code rely on.
VECTORIZE = "vectorize"
EMBEDDING = "embedding"
RECURRENT = "bilstm"


@keras.saving.register_keras_serializable(package="archilab")
def standardize_text(texts: tf.Tensor) -> tf.Tensor:
    """Lower case; punctuation, apostrophes and HTML breaks become spaces.

    Splitting on apostrophes keeps French elisions apart ("l'acteur" -> "l acteur");
    English "n't" becomes "not" ("isn't" -> "is not"); accents are kept.
    Lower-casing reads UTF-8, so "ÉTAIT" is "était" (by default it is ASCII-only
    and would give "Était").
    """
    texts = tf.strings.lower(texts, encoding="utf-8")
    # "doesn't" and SST-2's "does n't" both read "does not" (else "doesn t" and
    # "does n t": the model would learn a negation users never type).
    texts = tf.strings.regex_replace(texts, r"n['’]t\b", " not")
    texts = tf.strings.regex_replace(texts, r"<br\s*/?>", " ")
    return tf.strings.regex_replace(texts, r"[^\p{L}\p{N}\s]", " ")


@keras.saving.register_keras_serializable(package="archilab")
class MaxMeanPooling(keras.layers.Layer):
    """Each unit's maximum and mean over the words (padding left out), side by side.

    The recurrent layer's outputs at every word are read, not only its last
    state: a word early in a long review counts as much as the last one.
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.supports_masking = True

    def call(self, sequence: tf.Tensor, mask: tf.Tensor | None = None) -> tf.Tensor:
        ops = keras.ops
        if mask is None:
            mask = ops.ones(ops.shape(sequence)[:2], dtype="bool")
        weights = ops.expand_dims(ops.cast(mask, sequence.dtype), -1)
        count = ops.sum(weights, axis=1)
        mean = ops.sum(sequence * weights, axis=1) / ops.maximum(count, 1.0)
        masked = ops.where(weights > 0, sequence, ops.full_like(sequence, -1e9))
        # A text with no word at all reads as zeros, never as -1e9.
        maximum = ops.max(masked, axis=1) * ops.cast(count > 0, sequence.dtype)
        return ops.concatenate([maximum, mean], axis=-1)

    def compute_mask(self, inputs: tf.Tensor, mask: tf.Tensor | None = None) -> None:
        return None

    def compute_output_shape(self, shape: tuple[int | None, ...]) -> tuple:
        return (shape[0], 2 * shape[-1])


def load_sentiment_model(path: Path) -> keras.Model:
    return keras.saving.load_model(path, safe_mode=True)
