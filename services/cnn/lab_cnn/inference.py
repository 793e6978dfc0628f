"""From image bytes to ranked class probabilities: plain functions, no FastAPI;
and the served model behind them, which the shared hot reload swaps."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np

from lab_cnn.batching import MicroBatcher
from lab_cnn.images import decode_image, encode_png_b64, prepare_input_checked
from lab_cnn.model_store import Classifier, ModelCache, load_classifier
from lab_cnn.settings import InferenceEngine
from lab_common.problems import LabError, ModelUnavailable, ValidationFailed
from lab_common.registry import ModelRegistry
from lab_common.reloading import (
    RETIRE_TIMEOUT_SECONDS,
    InFlight,
    ServedModels,
    close_when_idle,
)
from lab_common.vision.schemas import (
    ClassProbability,
    ModelRef,
    PredictionResponse,
    Timings,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServingModel:
    """The classifier in service and the batcher that feeds it."""

    classifier: Classifier
    batcher: MicroBatcher
    in_flight: InFlight = field(default_factory=InFlight, compare=False)

    @property
    def ref(self) -> ModelRef:
        meta = self.classifier.metadata
        return ModelRef(name=meta.name, version=meta.version)

    def close(self) -> None:
        self.batcher.close()


def start_serving(classifier: Classifier, max_batch_size: int) -> ServingModel:
    return ServingModel(
        classifier=classifier,
        batcher=MicroBatcher(classifier.predict_batch, max_batch_size),
    )


class ServingSlot:
    """The serving model of the moment; a hot reload swaps ``current``.

    The lifespan state is copied for each request, so handlers must read the
    model through this shared object; replacing ``current`` is one reference
    assignment, which every thread sees whole.
    """

    def __init__(
        self, current: ServingModel | None, load_error: LabError | None = None
    ) -> None:
        self.current = current
        self.load_error = load_error

    def __bool__(self) -> bool:
        return self.current is not None

    @property
    def ref(self) -> ModelRef:
        """The served model's name and version (the models list marks it)."""
        return self.require().ref

    def require(self) -> ServingModel:
        serving = self.current
        if serving is None:
            error = self.load_error
            if isinstance(
                error, ModelUnavailable
            ):  # told again, in this request's language
                raise ModelUnavailable(error.variant, **error.params)
            raise ModelUnavailable("not-loaded", reason=str(error or "-"))
        return serving

    def swap(self, serving: ServingModel) -> ServingModel | None:
        """Serve ``serving`` from now on; returns the previous one, to retire."""
        previous, self.current = self.current, serving
        self.load_error = None
        return previous


class ServedClassifier(ServedModels[ServingModel]):
    """How the shared reloader puts a new classifier version in ``slot``.

    The new version gets its own batcher; the old one is closed (its batcher
    thread joined) once the requests that picked it are done.
    """

    def __init__(
        self,
        slot: ServingSlot,
        registry: ModelRegistry,
        *,
        max_batch_size: int,
        model_cache: ModelCache,
        engine: InferenceEngine = "litert",
        retire_timeout_seconds: float = RETIRE_TIMEOUT_SECONDS,
    ) -> None:
        self._slot = slot
        self._registry = registry
        self._max_batch_size = max_batch_size
        self._model_cache = model_cache
        self._engine = engine
        self._retire_timeout_seconds = retire_timeout_seconds

    def served_version(self, name: str) -> str | None:
        serving = self._slot.current
        return serving.ref.version if serving is not None else None

    def load(self, name: str, version: str) -> ServingModel:
        classifier = load_classifier(self._registry, name, self._engine, version)
        return start_serving(classifier, self._max_batch_size)

    def swap(self, name: str, loaded: ServingModel) -> ServingModel | None:
        classifier = loaded.classifier
        self._model_cache.add(classifier.metadata, classifier.model)
        return self._slot.swap(loaded)

    async def retire(self, previous: ServingModel) -> None:
        await close_when_idle(
            previous.in_flight,
            previous.close,
            version=previous.ref.version,
            timeout_seconds=self._retire_timeout_seconds,
        )


def rank_classes(
    probabilities: np.ndarray, class_names: list[str], top_k: int
) -> list[ClassProbability]:
    """The ``top_k`` most probable classes, most probable first."""
    order = np.argsort(probabilities)[::-1][:top_k]
    return [
        ClassProbability(
            label=class_names[index],
            class_index=int(index),
            probability=round(float(probabilities[index]), 6),
        )
        for index in order
    ]


def _elapsed_ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 3)


def classify_image(
    data: bytes,
    serving: ServingModel,
    *,
    top_k: int,
    include_input: bool,
    max_side_pixels: int,
) -> PredictionResponse:
    """Decode, prepare and classify one uploaded image."""
    class_names = serving.classifier.metadata.class_names
    if top_k > len(class_names):
        raise ValidationFailed("top-k", classes=len(class_names), value=top_k)
    started = time.perf_counter()
    decoded = decode_image(data, max_side_pixels=max_side_pixels)
    decode_ms = _elapsed_ms(started)

    prepared_at = time.perf_counter()
    prepared = prepare_input_checked(decoded.image, serving.classifier.input_shape)
    pixels = prepared.pixels
    preprocess_ms = _elapsed_ms(prepared_at)

    inferred_at = time.perf_counter()
    probabilities = serving.batcher.predict(pixels)
    inference_ms = _elapsed_ms(inferred_at)

    predictions = rank_classes(probabilities, class_names, top_k)
    logger.debug(
        "prediction.completed",
        extra={"label": predictions[0].label, "format": decoded.format},
    )
    return PredictionResponse(
        model=serving.ref,
        predictions=predictions,
        timings=Timings(
            decode_ms=decode_ms,
            preprocess_ms=preprocess_ms,
            inference_ms=inference_ms,
            total_ms=_elapsed_ms(started),
        ),
        input_image_png_b64=encode_png_b64(pixels) if include_input else None,
        input_warnings=prepared.warnings,
    )
