"""Hot reload in the cnn service: the shared reloader with the cnn adapter swaps to a
promoted version and retires the old one (its batcher closed once its requests end).

What the reloader decides (notices, polls, one load at a time) is tested once, with
a fake service, in tests/unit/lab_common/test_reloading.py.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from lab_cnn.inference import (
    ServedClassifier,
    ServingModel,
    ServingSlot,
    start_serving,
)
from lab_cnn.main import create_app
from lab_cnn.model_store import ModelCache, load_classifier
from lab_cnn.settings import Settings
from lab_common.promotions import PromotionNotice
from lab_common.registry import MODEL_FILENAME, ModelRegistry
from lab_common.reloading import ProductionReloader
from tests.conftest import encode_image, run_in_own_loop, stroke_digit_one
from tests.unit.cnn.tiny_models import build_tiny_cnn, register_tiny_cnn

BLANK_IMAGE = np.zeros((28, 28, 1), np.float32)
SWITCH_SECONDS = 10.0


@pytest.fixture(scope="module")
def tiny_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tiny") / MODEL_FILENAME
    build_tiny_cnn().save(path)
    return path


@pytest.fixture
def registry(tmp_path: Path, tiny_model_file: Path) -> ModelRegistry:
    """``digits`` v1 in production and v2 registered, not promoted."""
    register_tiny_cnn(tmp_path, dataset_id="generated")
    registry = ModelRegistry(tmp_path)
    add_version(registry, tiny_model_file)
    return registry


def add_version(registry: ModelRegistry, model_file: Path | None) -> str:
    """Register another ``digits`` version; ``None`` stores an unreadable file."""
    metadata = registry.get_metadata("digits", "1")

    def write(folder: Path) -> None:
        if model_file is None:
            (folder / MODEL_FILENAME).write_bytes(b"not a keras archive")
        else:
            shutil.copy(model_file, folder / MODEL_FILENAME)

    return registry.register(metadata, write).version


def reloader_of(
    slot: ServingSlot, registry: ModelRegistry
) -> ProductionReloader[ServingModel]:
    served = ServedClassifier(
        slot, registry, max_batch_size=8, model_cache=ModelCache(registry)
    )
    return ProductionReloader(registry, ["digits"], served)


def make_reloader(
    registry: ModelRegistry,
) -> tuple[ProductionReloader[ServingModel], ServingSlot]:
    slot = ServingSlot(start_serving(load_classifier(registry, "digits"), 8))
    return reloader_of(slot, registry), slot


def is_closed(serving: ServingModel | None) -> bool:
    """A closed batcher never answers."""
    assert serving is not None
    try:
        serving.batcher.predict(BLANK_IMAGE, timeout_seconds=0.2)
    except TimeoutError:
        return True
    return False


def test_reloader_swaps_in_the_promoted_version_and_closes_the_old_one(
    registry: ModelRegistry,
) -> None:
    reloader, slot = make_reloader(registry)
    old = slot.current
    registry.promote("digits", "2")

    swapped = run_in_own_loop(reloader.reload_if_promoted())

    assert swapped is True
    assert slot.current is not None and slot.current.ref.version == "2"
    assert slot.current.batcher.predict(BLANK_IMAGE).shape == (10,)
    assert is_closed(old)


def test_reloader_keeps_the_old_model_until_its_requests_are_done(
    registry: ModelRegistry,
) -> None:
    reloader, slot = make_reloader(registry)
    old = slot.current
    assert old is not None
    registry.promote("digits", "2")

    async def scenario() -> tuple[bool, np.ndarray]:
        with old.in_flight.use():  # a request that picked v1 just before the swap
            reload = asyncio.create_task(reloader.reload_if_promoted())
            while slot.current is old:
                await asyncio.sleep(0.01)
            late_answer = await asyncio.to_thread(old.batcher.predict, BLANK_IMAGE)
            done_early = reload.done()
        await reload
        return done_early, late_answer

    done_early, late_answer = run_in_own_loop(scenario())

    assert done_early is False
    assert late_answer.shape == (10,)
    assert is_closed(old)


def test_reloader_keeps_serving_when_the_new_version_fails_to_load(
    registry: ModelRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    reloader, slot = make_reloader(registry)
    old = slot.current
    broken = add_version(registry, None)
    registry.promote("digits", broken)
    caplog.set_level(logging.ERROR, logger="lab_common.reloading")

    first = run_in_own_loop(reloader.reload_if_promoted())
    second = run_in_own_loop(reloader.reload_if_promoted())

    assert (first, second) == (False, False)
    assert slot.current is old and not is_closed(old)
    logged = [r.message for r in caplog.records if r.name == "lab_common.reloading"]
    assert logged == ["model.reload_failed"]


def test_reloader_serves_a_model_promoted_after_starting_without_one(
    tmp_path: Path, tiny_model_file: Path
) -> None:
    registry = ModelRegistry(tmp_path)
    slot = ServingSlot(None, load_error="Model 'digits' has no production version.")
    reloader = reloader_of(slot, registry)
    register_tiny_cnn(tmp_path, dataset_id="generated")  # registers and promotes v1

    run_in_own_loop(reloader.on_notice(PromotionNotice(name="digits", version="1")))

    assert slot.ref.version == "1" and slot.load_error is None


def served_version(client: TestClient) -> str:
    png = encode_image(stroke_digit_one())
    response = client.post("/v1/predictions", files={"file": ("d.png", png)})
    assert response.status_code == 200, response.text
    version: str = response.json()["model"]["version"]
    return version


def test_service_answers_with_the_promoted_version_without_restarting(
    registry: ModelRegistry,
) -> None:
    settings = Settings(
        models_dir=registry.root,
        cache_dir=registry.root / "cache",
        model_poll_seconds=0.05,
    )
    with TestClient(create_app(settings)) as client:
        before = served_version(client)
        registry.promote("digits", "2")
        deadline = time.monotonic() + SWITCH_SECONDS
        while served_version(client) != "2" and time.monotonic() < deadline:
            time.sleep(0.05)
        health = client.get("/healthz").json()

    assert before == "1"
    assert health["checks"]["model"]["info"] == {
        "name": "digits",
        "version": "2",
        "engine": "litert",
    }
