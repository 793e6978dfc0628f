"""Hot reload in the nlp service: with the nlp adapter, the shared reloader keeps each
language at its production version.

What the reloader decides (notices, polls, one load at a time) is tested once, with
a fake service, in tests/unit/lab_common/test_reloading.py.
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lab_common.promotions import PromotionNotice
from lab_common.registry import MODEL_FILENAME, DatasetRef, ModelMetadata, ModelRegistry
from lab_common.reloading import ProductionReloader
from lab_nlp.main import create_app
from lab_nlp.model_store import SentimentModel, SentimentModels, ServedSentiment
from lab_nlp.settings import Settings
from lab_trainer.models.texts import build_sentiment_lstm
from tests.conftest import run_in_own_loop

NAMES = {"en": "sentiment-en", "fr": "sentiment-fr"}
SWITCH_SECONDS = 10.0


@pytest.fixture(scope="module")
def tiny_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An untrained LSTM on a two-phrase vocabulary: its answers do not matter."""
    path = tmp_path_factory.mktemp("tiny") / MODEL_FILENAME
    build_sentiment_lstm(["a good film", "a bad film"], 8, name="tiny").save(path)
    return path


def add_version(
    registry: ModelRegistry,
    name: str,
    model_file: Path | None,
    class_names: tuple[str, ...] = ("negative", "positive"),
) -> str:
    """Register a version of ``name``; ``None`` stores an unreadable model file."""
    metadata = ModelMetadata(
        name=name,
        task="text-classification",
        class_names=list(class_names),
        input_shape=[],
        dataset=DatasetRef(id="generated", splits={}),
        duration_seconds=0.0,
    )

    def write(folder: Path) -> None:
        if model_file is None:
            (folder / MODEL_FILENAME).write_bytes(b"not a keras archive")
        else:
            shutil.copy(model_file, folder / MODEL_FILENAME)

    return registry.register(metadata, write).version


@pytest.fixture
def registry(tmp_path: Path, tiny_model_file: Path) -> ModelRegistry:
    """``sentiment-en`` v1 in production and v2 registered; no French model."""
    registry = ModelRegistry(tmp_path)
    registry.promote(
        "sentiment-en", add_version(registry, "sentiment-en", tiny_model_file)
    )
    add_version(registry, "sentiment-en", tiny_model_file)
    return registry


def make_reloader(
    registry: ModelRegistry,
) -> tuple[ProductionReloader[SentimentModel], SentimentModels]:
    models = SentimentModels(registry, NAMES)
    served = ServedSentiment(models, registry)
    return ProductionReloader(registry, NAMES.values(), served), models


def test_reloader_swaps_in_the_promoted_version_of_one_language(
    registry: ModelRegistry,
) -> None:
    reloader, models = make_reloader(registry)
    registry.promote("sentiment-en", "2")

    run_in_own_loop(reloader.reload_if_promoted())

    assert models.get("en").ref.version == "2"
    assert list(models.missing) == ["fr"]


def test_a_model_taken_before_the_swap_still_answers(registry: ModelRegistry) -> None:
    reloader, models = make_reloader(registry)
    taken = models.get("en")
    loaded_before = models.loaded
    registry.promote("sentiment-en", "2")

    run_in_own_loop(
        reloader.on_notice(PromotionNotice(name="sentiment-en", version="2"))
    )

    assert taken.positive_probabilities(["a good film"]).shape == (1,)
    assert loaded_before["en"] is taken  # readers' dicts are never edited


def test_reloader_keeps_serving_when_the_new_version_fails_to_load(
    registry: ModelRegistry, caplog: pytest.LogCaptureFixture
) -> None:
    reloader, models = make_reloader(registry)
    old = models.get("en")
    registry.promote("sentiment-en", add_version(registry, "sentiment-en", None))
    caplog.set_level(logging.ERROR, logger="lab_common.reloading")

    run_in_own_loop(reloader.reload_if_promoted())
    run_in_own_loop(reloader.reload_if_promoted())

    assert models.get("en") is old
    logged = [r.message for r in caplog.records if r.name == "lab_common.reloading"]
    assert logged == ["model.reload_failed"]


def test_a_three_class_text_model_is_not_served_as_sentiment(
    registry: ModelRegistry, tmp_path: Path
) -> None:
    three_classes = tmp_path / MODEL_FILENAME
    texts = ["a good film", "a bad film"]
    build_sentiment_lstm(texts, 8, name="t", num_classes=3).save(three_classes)
    reloader, models = make_reloader(registry)
    old = models.get("en")
    classes = ("negative", "neutral", "positive")
    registry.promote(
        "sentiment-en", add_version(registry, "sentiment-en", three_classes, classes)
    )
    registry.promote(
        "sentiment-fr", add_version(registry, "sentiment-fr", three_classes, classes)
    )

    run_in_own_loop(reloader.reload_if_promoted())
    restarted = SentimentModels(registry, NAMES)

    assert models.get("en") is old  # the served two-class version stays
    assert "two-class" in models.missing["fr"]  # health says why, not "no version"
    assert "en" not in restarted.loaded
    assert "3 classes (negative, neutral, positive)" in restarted.missing["en"]
    assert "two-class" in restarted.missing["fr"]


def test_reloader_loads_a_language_that_was_missing(
    registry: ModelRegistry, tiny_model_file: Path
) -> None:
    reloader, models = make_reloader(registry)
    registry.promote(
        "sentiment-fr", add_version(registry, "sentiment-fr", tiny_model_file)
    )

    run_in_own_loop(
        reloader.on_notice(PromotionNotice(name="sentiment-fr", version="1"))
    )

    assert models.get("fr").ref.version == "1"
    assert models.missing == {}


def test_a_model_served_for_two_languages_is_swapped_for_both(
    registry: ModelRegistry,
) -> None:
    names = {"en": "sentiment-en", "fr": "sentiment-en"}
    models = SentimentModels(registry, names)
    served = ServedSentiment(models, registry)
    reloader = ProductionReloader(registry, names.values(), served)
    registry.promote("sentiment-en", "2")

    run_in_own_loop(reloader.reload_if_promoted())

    assert models.get("en") is models.get("fr")
    assert models.get("fr").ref.version == "2"


def served_version(client: TestClient) -> str:
    response = client.post(
        "/v1/sentiment/predictions", json={"text": "a good film", "language": "en"}
    )
    assert response.status_code == 200, response.text
    version: str = response.json()["predictions"][0]["model"]["version"]
    return version


def test_service_answers_with_the_promoted_version_without_restarting(
    registry: ModelRegistry,
) -> None:
    settings = Settings(models_dir=registry.root, model_poll_seconds=0.05)
    with TestClient(create_app(settings)) as client:
        before = served_version(client)
        registry.promote("sentiment-en", "2")
        deadline = time.monotonic() + SWITCH_SECONDS
        while served_version(client) != "2" and time.monotonic() < deadline:
            time.sleep(0.05)
        health = client.get("/healthz").json()

    assert before == "1"
    assert health["checks"]["models"]["info"]["en"]["version"] == "2"
