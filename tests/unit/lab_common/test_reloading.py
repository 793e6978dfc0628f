"""The shared hot reload, with a fake service: which version it serves, when it
loads, what a failed load leaves, and when the old model is retired.

The cnn and nlp adapters are tested with real models in tests/unit/cnn and
tests/unit/nlp; here nothing loads Keras.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from lab_common.promotions import PromotionNotice
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from lab_common.reloading import (
    InFlight,
    ProductionReloader,
    ServedModels,
    close_when_idle,
)
from tests.conftest import run_in_own_loop

RELOADING_LOGGER = "lab_common.reloading"


@dataclass(frozen=True)
class FakeModel:
    name: str
    version: str


class FakeServed(ServedModels[FakeModel]):
    """Serves names from a dict; records loads, failures and retirements."""

    def __init__(self, served: dict[str, FakeModel] | None = None) -> None:
        self.served = dict(served or {})
        self.broken: set[str] = set()  # versions whose load raises
        self.loads: list[str] = []
        self.failures: dict[str, str] = {}
        self.retired: list[FakeModel] = []
        self.load_gate: threading.Event | None = None

    def served_version(self, name: str) -> str | None:
        model = self.served.get(name)
        return model.version if model is not None else None

    def load(self, name: str, version: str) -> FakeModel:
        if self.load_gate is not None:
            self.load_gate.wait(timeout=5)
        self.loads.append(f"{name}@{version}")
        if version in self.broken:
            raise ValueError("not a keras archive")
        return FakeModel(name, version)

    def swap(self, name: str, loaded: FakeModel) -> FakeModel | None:
        previous = self.served.get(name)
        self.served[name] = loaded
        return previous

    def explain_failure(self, name: str, error: Exception) -> None:
        self.failures[name] = str(error)

    async def retire(self, previous: FakeModel) -> None:
        self.retired.append(previous)


def add_version(registry: ModelRegistry, name: str) -> str:
    metadata = ModelMetadata(
        name=name,
        task="image-classification",
        class_names=["a", "b"],
        input_shape=[1],
        dataset=DatasetRef(id="generated", splits={}),
        duration_seconds=0.0,
    )

    def write(folder: Path) -> None:
        (folder / "model.txt").write_text(name)

    return registry.register(metadata, write).version


@pytest.fixture
def registry(tmp_path: Path) -> ModelRegistry:
    """``digits`` v1 in production, v2 registered, not promoted."""
    registry = ModelRegistry(tmp_path)
    registry.promote("digits", add_version(registry, "digits"))
    add_version(registry, "digits")
    return registry


def make_reloader(
    registry: ModelRegistry, names: tuple[str, ...] = ("digits",)
) -> tuple[ProductionReloader[FakeModel], FakeServed]:
    served = FakeServed({"digits": FakeModel("digits", "1")})
    return ProductionReloader(registry, names, served), served


def test_reloader_swaps_in_the_promoted_version_and_retires_the_old_one(
    registry: ModelRegistry,
) -> None:
    reloader, served = make_reloader(registry)
    registry.promote("digits", "2")

    swapped = run_in_own_loop(reloader.reload_if_promoted())

    assert swapped is True
    assert served.served["digits"] == FakeModel("digits", "2")
    assert served.retired == [FakeModel("digits", "1")]


def test_reloader_does_nothing_while_the_served_version_is_production(
    registry: ModelRegistry,
) -> None:
    reloader, served = make_reloader(registry)
    old = served.served["digits"]

    swapped = run_in_own_loop(reloader.reload_if_promoted())

    assert swapped is False and served.served["digits"] is old
    assert served.loads == []


def test_reloader_ignores_notices_about_other_models(registry: ModelRegistry) -> None:
    reloader, served = make_reloader(registry)
    old = served.served["digits"]
    registry.promote("digits", "2")

    run_in_own_loop(reloader.on_notice(PromotionNotice(name="letters", version="2")))

    assert served.served["digits"] is old


def test_reloader_ignores_notices_about_other_aliases(registry: ModelRegistry) -> None:
    reloader, served = make_reloader(registry)
    registry.promote("digits", "2", alias="staging")

    notice = PromotionNotice(name="digits", alias="staging", version="2")
    run_in_own_loop(reloader.on_notice(notice))

    assert served.served_version("digits") == "1" and served.loads == []


def test_reloader_serves_the_registry_version_not_the_notice_version(
    registry: ModelRegistry,
) -> None:
    reloader, served = make_reloader(registry)
    stale = PromotionNotice(name="digits", version="2", previous_version="1")

    run_in_own_loop(reloader.on_notice(stale))  # production is still v1

    assert served.served_version("digits") == "1" and served.loads == []


def test_reloader_keeps_serving_when_the_new_version_fails_to_load(
    registry: ModelRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    reloader, served = make_reloader(registry)
    served.broken.add("2")
    registry.promote("digits", "2")
    caplog.set_level(logging.ERROR, logger=RELOADING_LOGGER)

    first = run_in_own_loop(reloader.reload_if_promoted())
    second = run_in_own_loop(reloader.reload_if_promoted())

    assert (first, second) == (False, False)
    assert served.served_version("digits") == "1" and served.retired == []
    assert served.failures == {"digits": "not a keras archive"}
    logged = [r.message for r in caplog.records if r.name == RELOADING_LOGGER]
    assert logged == ["model.reload_failed"]


def test_a_notice_tries_a_failed_version_again(registry: ModelRegistry) -> None:
    reloader, served = make_reloader(registry)
    served.broken.add("2")
    registry.promote("digits", "2")
    run_in_own_loop(reloader.reload_if_promoted())
    served.broken.clear()  # e.g. the file was rewritten

    run_in_own_loop(reloader.on_notice(PromotionNotice(name="digits", version="2")))

    assert served.loads == ["digits@2", "digits@2"]
    assert served.served_version("digits") == "2"


def test_concurrent_reloads_load_a_version_once(registry: ModelRegistry) -> None:
    reloader, served = make_reloader(registry)
    served.load_gate = threading.Event()
    registry.promote("digits", "2")
    notice = PromotionNotice(name="digits", version="2")

    async def scenario() -> list[object]:
        tasks = [
            asyncio.create_task(reloader.on_notice(notice)),
            asyncio.create_task(reloader.reload_if_promoted()),
            asyncio.create_task(reloader.on_notice(notice)),
        ]
        await asyncio.sleep(0.05)  # all three are waiting on the first load
        assert served.load_gate is not None
        served.load_gate.set()
        return await asyncio.gather(*tasks)

    run_in_own_loop(scenario())

    assert served.loads == ["digits@2"]
    assert served.retired == [FakeModel("digits", "1")]


def test_reloader_serves_a_model_promoted_after_starting_without_one(
    tmp_path: Path,
) -> None:
    registry = ModelRegistry(tmp_path)
    served = FakeServed()
    reloader = ProductionReloader(registry, ["digits"], served)
    registry.promote("digits", add_version(registry, "digits"))

    run_in_own_loop(reloader.on_notice(PromotionNotice(name="digits", version="1")))

    assert served.served_version("digits") == "1"
    assert served.retired == []  # nothing was replaced


def test_reloader_checks_each_served_name(registry: ModelRegistry) -> None:
    registry.promote("letters", add_version(registry, "letters"))
    reloader, served = make_reloader(registry, names=("digits", "letters", "digits"))

    swapped = run_in_own_loop(reloader.reload_if_promoted())

    assert swapped is True
    assert served.loads == ["letters@1"]
    assert served.served_version("digits") == "1"


def test_close_when_idle_waits_for_the_requests_in_flight() -> None:
    in_flight = InFlight()
    closed = threading.Event()

    async def scenario() -> bool:
        with in_flight.use():  # a request that picked the old model
            retire = asyncio.create_task(
                close_when_idle(in_flight, closed.set, version="1")
            )
            await asyncio.sleep(0.2)
            closed_early = closed.is_set()
        await retire
        return closed_early

    closed_early = run_in_own_loop(scenario())

    assert closed_early is False and closed.is_set()


def test_close_when_idle_gives_up_on_a_stuck_request(
    caplog: pytest.LogCaptureFixture,
) -> None:
    in_flight = InFlight()
    closed = threading.Event()
    caplog.set_level(logging.WARNING, logger=RELOADING_LOGGER)

    with in_flight.use():
        run_in_own_loop(
            close_when_idle(in_flight, closed.set, version="1", timeout_seconds=0.1)
        )

    assert closed.is_set()
    logged = [r.message for r in caplog.records if r.name == RELOADING_LOGGER]
    assert logged == ["model.retire_timeout"]
