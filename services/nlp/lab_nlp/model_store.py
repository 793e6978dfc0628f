"""The served sentiment models, one per language, each behind a compiled call."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from lab_common.problems import LabError, ModelUnavailable
from lab_common.registry import ModelMetadata, ModelRegistry
from lab_common.text.models import load_sentiment_model
from lab_common.text.schemas import Language
from lab_common.vision.schemas import ModelRef

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SentimentModel:
    metadata: ModelMetadata
    model: keras.Model
    infer: Any  # tf.function: strings (batch,) -> positive probabilities (batch,)

    @property
    def ref(self) -> ModelRef:
        return ModelRef(name=self.metadata.name, version=self.metadata.version)

    def positive_probabilities(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.infer(tf.constant(texts)), dtype=np.float64)


def _compile(model: keras.Model) -> Any:
    """``model.predict`` costs ~40 ms a call; a traced function a few ms."""

    @tf.function(input_signature=[tf.TensorSpec((None,), tf.string)])
    def infer(texts: tf.Tensor) -> tf.Tensor:
        return tf.reshape(model(texts, training=False), (-1,))

    return infer


def _check_two_classes(model: keras.Model, metadata: ModelMetadata) -> None:
    """This service reads one positive probability; a softmax head it cannot."""
    outputs = model.outputs[0].shape[-1]
    if len(metadata.class_names) != 2 or outputs != 1:
        raise ModelUnavailable(
            "not-two-class",
            name=metadata.name,
            version=metadata.version,
            classes=len(metadata.class_names),
            names=", ".join(metadata.class_names),
            outputs=outputs,
        )


def load_model(registry: ModelRegistry, name: str) -> SentimentModel:
    version = registry.production_version(name)
    if version is None:
        raise ModelUnavailable("no-production", name=name)
    metadata = registry.get_metadata(name, version)
    model = load_sentiment_model(registry.model_path(name, version))
    _check_two_classes(model, metadata)
    sentiment = SentimentModel(metadata=metadata, model=model, infer=_compile(model))
    sentiment.positive_probabilities(["warm up"])  # trace once, at start
    logger.info("model.loaded", extra={"model": name, "version": version})
    return sentiment


class SentimentModels:
    """The loaded model of each language, and why the others are missing.

    A hot reload replaces ``loaded`` and ``missing`` by new dicts rather than
    editing them, so a reader iterating over them in another thread never sees
    one change size; a request keeps the model it got until it is done with it.
    """

    def __init__(self, registry: ModelRegistry, names: dict[str, str]) -> None:
        self.names = names
        self.loaded: dict[str, SentimentModel] = {}
        self.missing: dict[str, str] = {}
        for language, name in names.items():
            try:
                self.loaded[language] = load_model(registry, name)
            except LabError as exc:  # start anyway: health and 503s explain
                self.missing[language] = str(exc)

    def swap(self, language: str, model: SentimentModel) -> SentimentModel | None:
        """Serve ``model`` for ``language`` from now on; returns the previous one."""
        previous = self.loaded.get(language)
        self.loaded = {**self.loaded, language: model}
        self.missing = {k: v for k, v in self.missing.items() if k != language}
        return previous

    def explain_missing(self, language: str, reason: str) -> None:
        """Say why ``language`` still has no model (a version failed to load)."""
        if language not in self.loaded:
            self.missing = {**self.missing, language: reason}

    def get(self, language: Language) -> SentimentModel:
        model = self.loaded.get(language)
        if model is None:
            reason = self.missing.get(language, "not loaded")
            raise ModelUnavailable(
                "sentiment-missing",
                language=language,
                name=self.names[language],
                reason=reason,
            )
        return model
