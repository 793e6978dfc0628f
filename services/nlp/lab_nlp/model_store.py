"""The served sentiment models, one per language, each behind a compiled call
(swapped by the shared hot reload through ``ServedSentiment``); and any other
registry version, loaded on demand (``SentimentVersions``)."""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from lab_common.problems import LabError, ModelNotFound, ModelUnavailable
from lab_common.registry import ModelMetadata, ModelRegistry
from lab_common.reloading import ServedModels
from lab_common.text.models import load_sentiment_model
from lab_common.text.schemas import Language
from lab_common.vision.schemas import ModelRef

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SentimentModel:
    metadata: ModelMetadata
    model: keras.Model
    infer: Any  # tf.function: strings (batch,) -> positive probabilities (batch,)
    # Functions built from the model on first use (the cell-state route's
    # compiled input), kept as long as the model is and dropped with it.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

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


def load_model(
    registry: ModelRegistry, name: str, version: str | None = None
) -> SentimentModel:
    """Load ``version`` of ``name`` (by default the production one) to serve it."""
    version = version or registry.production_version(name)
    if version is None:
        raise ModelUnavailable("no-production", name=name)
    metadata = registry.get_metadata(name, version)
    model = load_sentiment_model(registry.model_path(name, version))
    _check_two_classes(model, metadata)
    return _ready(metadata, model)


def _ready(metadata: ModelMetadata, model: keras.Model) -> SentimentModel:
    sentiment = SentimentModel(metadata=metadata, model=model, infer=_compile(model))
    sentiment.positive_probabilities(["warm up"])  # trace once, now
    logger.info(
        "model.loaded", extra={"model": metadata.name, "version": metadata.version}
    )
    return sentiment


def is_sentiment_model(metadata: ModelMetadata) -> bool:
    """A text model with two classes: what this service can read."""
    return metadata.task == "text-classification" and len(metadata.class_names) == 2


def load_version(registry: ModelRegistry, name: str, version: str) -> SentimentModel:
    """Any version of a sentiment model: 404 if it is not one, 503 if its file
    cannot be read."""
    if not registry.list_versions(name):
        raise ModelNotFound("unknown", name=name)
    metadata = registry.get_metadata(name, version)
    if not is_sentiment_model(metadata):
        raise ModelNotFound("not-a-sentiment-model", name=name, version=version)
    path = registry.model_path(name, version)
    try:
        model = load_sentiment_model(path)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        logger.error("model.unreadable", extra={"path": str(path), "error": str(exc)})
        raise ModelUnavailable("unreadable", name=name, version=version) from exc
    _check_two_classes(model, metadata)
    return _ready(metadata, model)


# Layer classes whose cell the cell-state route can step (see lab_nlp.cell_steps).
RECURRENT_CLASS_NAMES = frozenset({"LSTM", "GRU", "SimpleRNN"})


def _class_names(config: Any) -> Iterator[str]:
    """Every ``class_name`` in a saved model's config, nested layers included."""
    if isinstance(config, dict):
        if isinstance(config.get("class_name"), str):
            yield config["class_name"]
        for value in config.values():
            yield from _class_names(value)
    elif isinstance(config, list):
        for item in config:
            yield from _class_names(item)


def has_recurrent_layer(registry: ModelRegistry, name: str, version: str) -> bool:
    """Read from the ``.keras`` file's config alone: no weights are loaded."""
    try:
        with zipfile.ZipFile(registry.model_path(name, version)) as archive:
            config = json.loads(archive.read("config.json"))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return False
    return not RECURRENT_CLASS_NAMES.isdisjoint(_class_names(config))


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


class ServedSentiment(ServedModels[SentimentModel]):
    """How the shared reloader swaps a language's model, found by its name.

    The old model needs no closing: requests that picked it keep their
    reference until they are done, then it is collected.
    """

    def __init__(self, models: SentimentModels, registry: ModelRegistry) -> None:
        self._models = models
        self._registry = registry

    def _languages(self, name: str) -> list[str]:
        return [lang for lang, served in self._models.names.items() if served == name]

    def served_version(self, name: str) -> str | None:
        for language in self._languages(name):
            model = self._models.loaded.get(language)
            if model is not None:
                return model.ref.version
        return None

    def load(self, name: str, version: str) -> SentimentModel:
        return load_model(self._registry, name, version)

    def swap(self, name: str, loaded: SentimentModel) -> SentimentModel | None:
        previous = None
        for language in self._languages(name):
            previous = self._models.swap(language, loaded)
        return previous

    def explain_failure(self, name: str, error: Exception) -> None:
        reason = str(error) if isinstance(error, LabError) else repr(error)
        for language in self._languages(name):
            self._models.explain_missing(language, reason)


class SentimentVersions:
    """Any version of a sentiment model: the served ones as they are, the others
    loaded on demand and kept for the ``max_loaded`` most recently asked.

    A French model carries its pretrained vectors (tens of MB), so only a few
    stay loaded; they are read by a pass-through of the cell-state route, which
    students point at the versions they trained.
    """

    def __init__(
        self, registry: ModelRegistry, served: SentimentModels, max_loaded: int = 3
    ) -> None:
        self._registry = registry
        self._served = served
        self._max_loaded = max_loaded
        self._loaded: OrderedDict[tuple[str, str], SentimentModel] = OrderedDict()
        self._recurrent: dict[tuple[str, str], bool] = {}
        self._lock = threading.Lock()

    def get(self, name: str, version: str) -> SentimentModel:
        for model in self._served.loaded.values():
            if (model.ref.name, model.ref.version) == (name, version):
                return model
        key = (name, version)
        with self._lock:  # one load at a time: two would hold two copies
            if key in self._loaded:
                self._loaded.move_to_end(key)
                return self._loaded[key]
            model = load_version(self._registry, name, version)
            self._loaded[key] = model
            if len(self._loaded) > self._max_loaded:
                self._loaded.popitem(last=False)  # the least recently asked
            return model

    def with_recurrent_layer(self) -> list[ModelRef]:
        """The sentiment versions that have an LSTM, GRU or SimpleRNN layer."""
        found = []
        for name in self._registry.list_models():
            for version in self._registry.list_versions(name):
                if self._is_recurrent(name, version):
                    found.append(ModelRef(name=name, version=version))
        return found

    def _is_recurrent(self, name: str, version: str) -> bool:
        key = (name, version)
        if key not in self._recurrent:  # a version never changes: ask once
            metadata = self._registry.get_metadata(name, version)
            self._recurrent[key] = is_sentiment_model(metadata) and (
                has_recurrent_layer(self._registry, name, version)
            )
        return self._recurrent[key]
