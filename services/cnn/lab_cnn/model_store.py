"""Loading a registry version into a ready-to-serve classifier.

The only module of the service that knows the model file format.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from lab_common.problems import LabError, ModelUnavailable
from lab_common.registry import ModelMetadata, ModelRegistry

logger = logging.getLogger(__name__)


class ModelMismatch(LabError):
    status = 500
    type = "/problems/model-mismatch"
    title = "Stored model disagrees with its metadata"


@dataclass(frozen=True)
class Classifier:
    """A loaded model, its metadata and a compiled inference function."""

    metadata: ModelMetadata
    model: keras.Model
    infer: Any  # tf.function: float32 (batch, *input_shape) -> probabilities

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.metadata.input_shape)

    def predict_batch(self, images: np.ndarray) -> np.ndarray:
        """Class probabilities for a batch shaped ``(n, *input_shape)``."""
        probabilities: np.ndarray = self.infer(tf.constant(images)).numpy()
        return probabilities


def _compile_inference(model: keras.Model, input_shape: tuple[int, ...]) -> Any:
    # A fixed signature traces once for any batch size; calling the model in
    # inference mode skips the per-call overhead of model.predict.
    @tf.function(
        input_signature=[tf.TensorSpec((None, *input_shape), tf.float32)],
        reduce_retracing=True,
    )
    def infer(images: tf.Tensor) -> tf.Tensor:
        return model(images, training=False)

    return infer


def _check_consistency(model: keras.Model, metadata: ModelMetadata) -> None:
    model_input = tuple(model.inputs[0].shape[1:])
    model_classes = model.outputs[0].shape[-1]
    if model_input != tuple(metadata.input_shape):
        raise ModelMismatch(
            f"{metadata.name} v{metadata.version}: model input {model_input} but "
            f"metadata says {tuple(metadata.input_shape)}."
        )
    if model_classes != len(metadata.class_names):
        raise ModelMismatch(
            f"{metadata.name} v{metadata.version}: {model_classes} outputs but "
            f"{len(metadata.class_names)} class names."
        )


def load_classifier(registry: ModelRegistry, name: str) -> Classifier:
    """Load the production version of ``name``, checked and warmed up."""
    version = registry.production_version(name)
    if version is None:
        raise ModelUnavailable(
            f"Model '{name}' has no production version yet; start the lab with "
            "`archilab up` (it trains the default model) or promote a version."
        )
    started = time.perf_counter()
    metadata = registry.get_metadata(name, version)
    # safe_mode refuses models that would run arbitrary Python (Lambda layers).
    model = keras.saving.load_model(registry.model_path(name, version), safe_mode=True)
    _check_consistency(model, metadata)
    infer = _compile_inference(model, tuple(metadata.input_shape))
    infer(
        tf.zeros((1, *metadata.input_shape), tf.float32)
    )  # trace now, not on 1st request
    logger.info(
        "model.loaded",
        extra={
            "model": name,
            "version": version,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return Classifier(metadata=metadata, model=model, infer=infer)


class ModelCache:
    """Keras models of any registry version, loaded once (for the explorer)."""

    def __init__(self, registry: ModelRegistry, max_models: int = 4) -> None:
        self._registry = registry
        self._max_models = max_models
        self._models: dict[tuple[str, str], tuple[ModelMetadata, keras.Model]] = {}
        self._lock = threading.Lock()

    def add(self, metadata: ModelMetadata, model: keras.Model) -> None:
        """Share a model already loaded (the serving one) rather than load it twice."""
        with self._lock:
            self._models[(metadata.name, metadata.version)] = (metadata, model)

    def get(self, name: str, version: str) -> tuple[ModelMetadata, keras.Model]:
        key = (name, version)
        with self._lock:
            if key not in self._models:
                metadata = self._registry.get_metadata(name, version)
                model = keras.saving.load_model(
                    self._registry.model_path(name, version), safe_mode=True
                )
                if len(self._models) >= self._max_models:
                    self._models.pop(next(iter(self._models)))  # oldest first
                self._models[key] = (metadata, model)
            return self._models[key]


PatternKey = tuple[str, str, str, int]  # model, version, layer, filter index


class PatternCache:
    """Filter patterns are costly and never change for a version: keep them on disk."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def _path(self, key: PatternKey) -> Path:
        name, version, layer, index = key
        return self._folder / name / version / f"{layer}-{index}.png"

    def get(self, key: PatternKey) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def put(self, key: PatternKey, png: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(png)
        temporary.replace(path)  # readers never see half a file

    def get_or_compute(self, key: PatternKey, compute: Callable[[], bytes]) -> bytes:
        png = self.get(key)
        if png is None:
            png = compute()
            self.put(key, png)
        return png
