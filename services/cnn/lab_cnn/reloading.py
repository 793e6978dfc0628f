"""Hot reload: serve a newly promoted version without a restart or a failed request.

On a promotion notice (or when the periodic poll finds the registry's production
version differs from the served one) the new version is loaded next to the old
one in a worker thread, started, swapped in, and the old one is closed once the
requests that picked it before the swap are done.
"""

from __future__ import annotations

import asyncio
import logging

from lab_cnn.inference import ServingModel, ServingSlot, start_serving
from lab_cnn.model_store import ModelCache, load_classifier
from lab_cnn.settings import InferenceEngine
from lab_common.promotions import PromotionNotice
from lab_common.registry import PRODUCTION, ModelRegistry

logger = logging.getLogger(__name__)

# Requests hold a model for milliseconds; this only bounds a stuck one.
RETIRE_TIMEOUT_SECONDS = 30.0
_DRAIN_CHECK_SECONDS = 0.05


async def retire(serving: ServingModel, timeout_seconds: float) -> None:
    """Close ``serving`` once no request uses it (or after ``timeout_seconds``)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_seconds
    while serving.in_flight.count and loop.time() < deadline:
        await asyncio.sleep(_DRAIN_CHECK_SECONDS)
    if serving.in_flight.count:
        logger.warning(
            "model.retire_timeout",
            extra={
                "version": serving.ref.version,
                "in_flight": serving.in_flight.count,
            },
        )
    await asyncio.to_thread(serving.close)  # joins the batcher thread


class ModelReloader:
    """Keeps ``slot`` at the production version of model ``name``."""

    def __init__(
        self,
        slot: ServingSlot,
        registry: ModelRegistry,
        name: str,
        *,
        max_batch_size: int,
        model_cache: ModelCache,
        engine: InferenceEngine = "litert",
        retire_timeout_seconds: float = RETIRE_TIMEOUT_SECONDS,
    ) -> None:
        self._slot = slot
        self._registry = registry
        self._name = name
        self._max_batch_size = max_batch_size
        self._engine = engine
        self._model_cache = model_cache
        self._retire_timeout_seconds = retire_timeout_seconds
        self._lock = asyncio.Lock()
        self._failed_version: str | None = None

    @property
    def served_version(self) -> str | None:
        serving = self._slot.current
        return serving.ref.version if serving is not None else None

    async def on_notice(self, notice: PromotionNotice) -> None:
        """Reload when the notice is about this model's production alias."""
        if notice.name != self._name or notice.alias != PRODUCTION:
            return
        self._failed_version = None  # an explicit promotion deserves a new try
        await self.reload_if_promoted()

    async def reload_if_promoted(self) -> bool:
        """Serve the registry's production version if it is not served yet.

        Whether a new version was swapped in. A version that fails to load is
        logged once and skipped by later polls; the served one stays.
        """
        async with self._lock:
            wanted = await asyncio.to_thread(
                self._registry.production_version, self._name
            )
            if wanted is None or wanted in (self.served_version, self._failed_version):
                return False
            return await self._load_and_swap(wanted)

    async def _load_and_swap(self, wanted: str) -> bool:
        old_version = self.served_version
        try:
            # Loading and tracing a Keras model takes seconds: keep the loop free.
            classifier = await asyncio.to_thread(
                load_classifier, self._registry, self._name, self._engine
            )
        except Exception as exc:  # any failure: keep serving the old model
            self._failed_version = wanted
            logger.error(
                "model.reload_failed",
                exc_info=exc,
                extra={"model": self._name, "version": wanted, "served": old_version},
            )
            return False
        self._model_cache.add(classifier.metadata, classifier.model)
        previous = self._slot.swap(start_serving(classifier, self._max_batch_size))
        logger.info(
            "model.reloaded",
            extra={
                "model": self._name,
                "old_version": old_version,
                "new_version": classifier.metadata.version,
            },
        )
        if previous is not None:
            await retire(previous, self._retire_timeout_seconds)
        return True
