"""Hot reload: serve each language's newly promoted version without a restart.

On a promotion notice (or when the periodic poll finds the registry's production
version differs from the served one) the new version is loaded next to the old
one in a worker thread and swapped in. The old model needs no closing: requests
that picked it keep their reference until they are done, then it is collected.
"""

from __future__ import annotations

import asyncio
import logging

from lab_common.problems import LabError
from lab_common.promotions import PromotionNotice
from lab_common.registry import PRODUCTION, ModelRegistry
from lab_nlp.model_store import SentimentModels, load_model

logger = logging.getLogger(__name__)


class SentimentReloader:
    """Keeps every language of ``models`` at its production version."""

    def __init__(self, models: SentimentModels, registry: ModelRegistry) -> None:
        self._models = models
        self._registry = registry
        self._lock = asyncio.Lock()
        self._failed_versions: dict[str, str] = {}  # language -> version

    def served_version(self, language: str) -> str | None:
        model = self._models.loaded.get(language)
        return model.ref.version if model is not None else None

    async def on_notice(self, notice: PromotionNotice) -> None:
        """Reload the language whose model the notice promotes to production."""
        if notice.alias != PRODUCTION:
            return
        for language, name in self._models.names.items():
            if name == notice.name:
                self._failed_versions.pop(language, None)  # worth a new try
                await self.reload_language(language)

    async def reload_if_promoted(self) -> None:
        """Check every language against the registry (the polling fallback)."""
        for language in self._models.names:
            await self.reload_language(language)

    async def reload_language(self, language: str) -> bool:
        """Serve the production version of ``language`` if not served yet.

        Whether a new version was swapped in. A version that fails to load is
        logged once and skipped by later polls; the served one stays.
        """
        name = self._models.names[language]
        async with self._lock:
            wanted = await asyncio.to_thread(self._registry.production_version, name)
            skipped = (
                self.served_version(language),
                self._failed_versions.get(language),
            )
            if wanted is None or wanted in skipped:
                return False
            return await self._load_and_swap(language, name, wanted)

    async def _load_and_swap(self, language: str, name: str, wanted: str) -> bool:
        old_version = self.served_version(language)
        try:
            # Loading and tracing a Keras model takes seconds: keep the loop free.
            model = await asyncio.to_thread(load_model, self._registry, name)
        except Exception as exc:  # any failure: keep serving the old model
            self._failed_versions[language] = wanted
            reason = str(exc) if isinstance(exc, LabError) else repr(exc)
            self._models.explain_missing(language, reason)
            logger.error(
                "model.reload_failed",
                exc_info=exc,
                extra={"model": name, "version": wanted, "served": old_version},
            )
            return False
        self._models.swap(language, model)
        logger.info(
            "model.reloaded",
            extra={
                "model": name,
                "language": language,
                "old_version": old_version,
                "new_version": model.ref.version,
            },
        )
        return True
