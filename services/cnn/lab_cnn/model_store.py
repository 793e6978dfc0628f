"""Loading a registry version into a ready-to-serve classifier.

The only module of the service that knows the model file format.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf
from ai_edge_litert.interpreter import Interpreter

from lab_cnn.settings import InferenceEngine
from lab_common.problems import LabError, ModelNotFound, ModelUnavailable
from lab_common.registry import ModelMetadata, ModelRegistry

# The only kind of model the explorer can load and look inside.
IMAGE_TASK = "image-classification"

logger = logging.getLogger(__name__)


class ModelMismatch(LabError):
    status = 500
    type = "/problems/model-mismatch"


# LiteRT must give the Keras model's answers: the largest probability gap allowed.
PARITY_TOLERANCE = 1e-4
_PARITY_SAMPLES = 4


@dataclass(frozen=True)
class Classifier:
    """A loaded model, its metadata and a compiled inference function."""

    metadata: ModelMetadata
    model: keras.Model
    infer: Callable[[np.ndarray], np.ndarray]  # (batch, *input_shape) -> probabilities
    engine: InferenceEngine = "tensorflow"

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.metadata.input_shape)

    def predict_batch(self, images: np.ndarray) -> np.ndarray:
        """Class probabilities for a batch shaped ``(n, *input_shape)``."""
        return self.infer(images)


def _compile_tensorflow(
    model: keras.Model, input_shape: tuple[int, ...]
) -> Callable[[np.ndarray], np.ndarray]:
    # A fixed signature traces once for any batch size; calling the model in
    # inference mode skips the per-call overhead of model.predict.
    @tf.function(
        input_signature=[tf.TensorSpec((None, *input_shape), tf.float32)],
        reduce_retracing=True,
    )
    def infer(images: tf.Tensor) -> tf.Tensor:
        return model(images, training=False)

    def run(images: np.ndarray) -> np.ndarray:
        probabilities: np.ndarray = infer(tf.constant(images)).numpy()
        return probabilities

    return run


class LiteRtInference:
    """The model converted to LiteRT: about 0.14 ms a digit against 1.1 ms for
    the ``tf.function`` on this project's 2-core machine (same process, same
    input). The interpreter is resized when the batch size changes."""

    def __init__(self, model: keras.Model) -> None:
        # from_keras_model traces the model in inference mode (augmentation
        # layers off); converting a concrete function instead once gave a
        # model without its weights, hence the parity check in load_classifier.
        converter = tf.lite.TFLiteConverter.from_keras_model(model)
        with contextlib.redirect_stdout(io.StringIO()):  # it prints the signature
            flatbuffer = converter.convert()
        self._interpreter = Interpreter(model_content=flatbuffer, num_threads=1)
        self._input = self._interpreter.get_input_details()[0]["index"]
        self._output = self._interpreter.get_output_details()[0]["index"]
        self._batch_size: int | None = None
        self._lock = threading.Lock()  # the batcher is the one caller; be safe

    def __call__(self, images: np.ndarray) -> np.ndarray:
        with self._lock:
            if images.shape[0] != self._batch_size:
                self._interpreter.resize_tensor_input(self._input, images.shape)
                self._interpreter.allocate_tensors()
                self._batch_size = images.shape[0]
            self._interpreter.set_tensor(self._input, images.astype(np.float32))
            self._interpreter.invoke()
            return self._interpreter.get_tensor(self._output).copy()


def _parity_gap(
    reference: Callable[[np.ndarray], np.ndarray],
    candidate: Callable[[np.ndarray], np.ndarray],
    input_shape: tuple[int, ...],
) -> float:
    """Largest output difference on blank, random and saturated inputs."""
    rng = np.random.default_rng(0)
    images = np.concatenate(
        [
            np.zeros((1, *input_shape), np.float32),
            np.ones((1, *input_shape), np.float32),
            rng.random((_PARITY_SAMPLES, *input_shape), dtype=np.float32),
        ]
    )
    return float(np.max(np.abs(reference(images) - candidate(images))))


def _compile_inference(
    model: keras.Model, metadata: ModelMetadata, engine: InferenceEngine
) -> tuple[Callable[[np.ndarray], np.ndarray], InferenceEngine]:
    """The fastest inference function that gives the model's own answers."""
    input_shape = tuple(metadata.input_shape)
    reference = _compile_tensorflow(model, input_shape)
    if engine == "tensorflow":
        return reference, "tensorflow"
    where = {"model": metadata.name, "version": metadata.version}
    try:
        litert = LiteRtInference(model)
        gap = _parity_gap(reference, litert, input_shape)
    except Exception as exc:  # an op LiteRT lacks: TensorFlow still serves
        logger.warning("model.litert_failed", exc_info=exc, extra=where)
        return reference, "tensorflow"
    if not gap <= PARITY_TOLERANCE:  # NaN fails too
        logger.warning("model.litert_mismatch", extra={**where, "gap": gap})
        return reference, "tensorflow"
    return litert, "litert"


def _check_consistency(model: keras.Model, metadata: ModelMetadata) -> None:
    model_input = tuple(model.inputs[0].shape[1:])
    model_classes = model.outputs[0].shape[-1]
    if model_input != tuple(metadata.input_shape):
        raise ModelMismatch(
            "input-shape",
            name=metadata.name,
            version=metadata.version,
            model_input=str(model_input),
            metadata_input=str(tuple(metadata.input_shape)),
        )
    if model_classes != len(metadata.class_names):
        raise ModelMismatch(
            "outputs",
            name=metadata.name,
            version=metadata.version,
            outputs=model_classes,
            classes=len(metadata.class_names),
        )


def load_keras_model(registry: ModelRegistry, name: str, version: str) -> keras.Model:
    """The version's Keras model, or 503 ``model-unavailable`` if its file is
    missing or damaged (a disk filled up, a copy cut short): not a crash."""
    path = registry.model_path(name, version)
    try:
        # safe_mode refuses models that would run arbitrary Python (Lambda layers).
        return keras.saving.load_model(path, safe_mode=True)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        logger.error("model.unreadable", extra={"path": str(path), "error": str(exc)})
        raise ModelUnavailable("unreadable", name=name, version=version) from exc


def load_classifier(
    registry: ModelRegistry,
    name: str,
    engine: InferenceEngine = "litert",
    version: str | None = None,
) -> Classifier:
    """Load ``version`` of ``name`` (by default the production one), checked and
    warmed up.

    With ``engine="litert"`` the model is served converted to LiteRT when the
    conversion gives the same probabilities; otherwise by a ``tf.function``.
    """
    version = version or registry.production_version(name)
    if version is None:
        raise ModelUnavailable("no-production", name=name)
    started = time.perf_counter()
    metadata = registry.get_metadata(name, version)
    model = load_keras_model(registry, name, version)
    _check_consistency(model, metadata)
    infer, engine = _compile_inference(model, metadata, engine)
    infer(np.zeros((1, *metadata.input_shape), np.float32))  # warm up now
    logger.info(
        "model.loaded",
        extra={
            "model": name,
            "version": version,
            "engine": engine,
            "ms": round((time.perf_counter() - started) * 1000, 1),
        },
    )
    return Classifier(metadata=metadata, model=model, infer=infer, engine=engine)


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
                if metadata.task != IMAGE_TASK:
                    # A text model would fail to load here (its vectoriser).
                    raise ModelNotFound("not-an-image-model", name=name)
                model = load_keras_model(self._registry, name, version)
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
