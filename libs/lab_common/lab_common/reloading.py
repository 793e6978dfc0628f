"""Hot reload: serve a newly promoted version without a restart or a failed request.

On a promotion notice, or when the periodic poll (``lab_common.promotions``) finds
that the registry's production version of a served model differs from the served
one, ``ProductionReloader`` loads the new version next to the old one in a worker
thread, swaps it in, then retires the old one once the requests that picked it
before the swap are done. The cnn and nlp services share it; each only says, in a
``ServedModels`` adapter, how it loads a version and puts it in service.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from lab_common.promotions import PromotionNotice
from lab_common.registry import PRODUCTION, ModelRegistry

logger = logging.getLogger(__name__)

# Requests hold a model for milliseconds; this only bounds a stuck one.
RETIRE_TIMEOUT_SECONDS = 30.0
_DRAIN_CHECK_SECONDS = 0.05

Loaded = TypeVar("Loaded")


class InFlight:
    """How many requests are using a served model right now (thread-safe)."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()

    @property
    def count(self) -> int:
        return self._count

    @contextmanager
    def use(self) -> Iterator[None]:
        with self._lock:
            self._count += 1
        try:
            yield
        finally:
            with self._lock:
                self._count -= 1


async def close_when_idle(
    in_flight: InFlight,
    close: Callable[[], None],
    *,
    version: str,
    timeout_seconds: float = RETIRE_TIMEOUT_SECONDS,
) -> None:
    """Call ``close`` once no request uses the model (or after ``timeout_seconds``).

    A request that picked the old model just before the swap still gets its
    answer; only a stuck one is cut short, with a warning.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout_seconds
    while in_flight.count and loop.time() < deadline:
        await asyncio.sleep(_DRAIN_CHECK_SECONDS)
    if in_flight.count:
        logger.warning(
            "model.retire_timeout",
            extra={"version": version, "in_flight": in_flight.count},
        )
    await asyncio.to_thread(close)  # closing may join a thread: keep the loop free


class ServedModels(ABC, Generic[Loaded]):
    """What a service tells the reloader: how it loads a version and serves it.

    Models are named as in the registry; a service that serves them under
    other keys (the nlp service's languages) maps the names itself.
    """

    @abstractmethod
    def served_version(self, name: str) -> str | None:
        """The version of ``name`` served now; ``None`` if none is."""

    @abstractmethod
    def load(self, name: str, version: str) -> Loaded:
        """Load, check and warm up a version; runs in a worker thread.

        Raise on any problem: the served version then stays.
        """

    @abstractmethod
    def swap(self, name: str, loaded: Loaded) -> Loaded | None:
        """Serve ``loaded`` from now on; returns what it replaces, to retire."""

    def explain_failure(self, name: str, error: Exception) -> None:
        """Record why a version failed to load (health reads it); optional."""

    async def retire(self, previous: Loaded) -> None:
        """Free a replaced model. By default nothing: once the requests that
        hold it are done, it is garbage like any object."""


class ProductionReloader(Generic[Loaded]):
    """Keeps each of ``names`` served at its registry production version.

    One load at a time, under one lock: two would hold two copies of a model
    in memory and race for the swap.
    """

    def __init__(
        self,
        registry: ModelRegistry,
        names: Iterable[str],
        served: ServedModels[Loaded],
    ) -> None:
        self._registry = registry
        self._names = tuple(dict.fromkeys(names))
        self._served = served
        self._lock = asyncio.Lock()
        self._failed_versions: dict[str, str] = {}  # name -> version

    def served_version(self, name: str) -> str | None:
        return self._served.served_version(name)

    async def on_notice(self, notice: PromotionNotice) -> None:
        """Reload when the notice is about a served model's production alias.

        The notice's version is not trusted: the registry is read again, so a
        stale notice changes nothing.
        """
        if notice.alias != PRODUCTION or notice.name not in self._names:
            return
        self._failed_versions.pop(notice.name, None)  # a promotion: try again
        await self.reload(notice.name)

    async def reload_if_promoted(self) -> bool:
        """Check every served model against the registry (the polling fallback).

        Whether any new version was swapped in.
        """
        swapped = [await self.reload(name) for name in self._names]
        return any(swapped)

    async def reload(self, name: str) -> bool:
        """Serve the production version of ``name`` if it is not served yet.

        Whether a new version was swapped in. A version that fails to load is
        logged once and skipped by later polls; the served one stays.
        """
        async with self._lock:
            wanted = await asyncio.to_thread(self._registry.production_version, name)
            skipped = (self.served_version(name), self._failed_versions.get(name))
            if wanted is None or wanted in skipped:
                return False
            return await self._load_and_swap(name, wanted)

    async def _load_and_swap(self, name: str, wanted: str) -> bool:
        old_version = self.served_version(name)
        try:
            # Loading and tracing a Keras model takes seconds: keep the loop free.
            loaded = await asyncio.to_thread(self._served.load, name, wanted)
        except Exception as exc:  # any failure: keep serving the old model
            self._failed_versions[name] = wanted
            self._served.explain_failure(name, exc)
            logger.error(
                "model.reload_failed",
                exc_info=exc,
                extra={"model": name, "version": wanted, "served": old_version},
            )
            return False
        previous = self._served.swap(name, loaded)
        logger.info(
            "model.reloaded",
            extra={"model": name, "old_version": old_version, "new_version": wanted},
        )
        if previous is not None:
            await self._served.retire(previous)
        return True
