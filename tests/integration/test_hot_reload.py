"""Promote while a load generator predicts: no failed request, new version in seconds.

The real cnn service runs under uvicorn on a free port, on a registry holding two
versions of a tiny digits model, subscribed to the machine's Redis. Its registry
poll is set to a minute, so a switch within seconds proves the notice arrived.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from archilab.processes import Child, free_port, http_ok, spawn, stop_all, wait_until
from lab_common.promotions import PromotionNotice, publish_promotion
from lab_common.registry import MODEL_FILENAME, ModelRegistry
from tests.conftest import encode_image, stroke_digit_one
from tests.unit.cnn.tiny_models import build_tiny_cnn, register_tiny_cnn

pytestmark = pytest.mark.integration

REDIS_URL = "redis://127.0.0.1:6379/0"
START_TIMEOUT_SECONDS = 120
SWITCH_WITHIN_SECONDS = 5.0
LOAD_THREADS = 4
SUBSCRIBED_TEXT = "promotion.subscribed"
QUIET_TENSORFLOW = {"TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1"}


@dataclass(frozen=True)
class Outcome:
    started: float
    version: str | None  # None: the request failed
    error: str | None = None


class LoadGenerator:
    """Threads posting a digit to /v1/predictions as fast as the service answers."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._png = encode_image(stroke_digit_one())
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.outcomes: list[Outcome] = []
        self._threads = [
            threading.Thread(target=self._run, daemon=True) for _ in range(LOAD_THREADS)
        ]

    def __enter__(self) -> LoadGenerator:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)

    def _predict(self, client: httpx.Client) -> Outcome:
        started = time.monotonic()
        try:
            response = client.post(
                "/v1/predictions", files={"file": ("d.png", self._png)}
            )
        except httpx.HTTPError as exc:
            return Outcome(started, None, repr(exc))
        if response.status_code != 200:
            return Outcome(started, None, f"{response.status_code} {response.text}")
        return Outcome(started, response.json()["model"]["version"])

    def _run(self) -> None:
        with httpx.Client(base_url=self._base_url, timeout=30) as client:
            while not self._stop.is_set():
                outcome = self._predict(client)
                with self._lock:
                    self.outcomes.append(outcome)

    def first_start_answered_by(self, version: str) -> float | None:
        with self._lock:
            starts = [o.started for o in self.outcomes if o.version == version]
        return min(starts, default=None)

    def wait_for_version(self, version: str, timeout_seconds: float) -> float | None:
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            started = self.first_start_answered_by(version)
            if started is not None:
                return started
            time.sleep(0.02)
        return None


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> ModelRegistry:
    """``digits`` v1 in production, v2 ready, v3 an unreadable file."""
    root = tmp_path_factory.mktemp("models")
    register_tiny_cnn(root, dataset_id="generated")
    registry = ModelRegistry(root)
    metadata = registry.get_metadata("digits", "1")
    model = build_tiny_cnn()
    registry.register(metadata, lambda d: model.save(d / MODEL_FILENAME))
    registry.register(
        metadata, lambda d: (d / MODEL_FILENAME).write_bytes(b"not a keras archive")
    )
    return registry


def wait_for_log(child: Child, text: str, timeout_seconds: float) -> None:
    deadline = time.monotonic() + timeout_seconds
    while text not in child.log_path.read_text(errors="replace"):
        if time.monotonic() > deadline:
            pytest.fail(f"{text!r} never logged:\n{child.log_tail()}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def cnn_url(
    registry: ModelRegistry, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    port = free_port()
    home = tmp_path_factory.mktemp("cnn")
    env = {
        **QUIET_TENSORFLOW,
        "CNN_MODELS_DIR": str(registry.root),
        "CNN_CACHE_DIR": str(home / "cache"),
        "CNN_REDIS_URL": REDIS_URL,
        "CNN_MODEL_POLL_SECONDS": "60",
    }
    argv = [sys.executable, "-m", "uvicorn", "lab_cnn.main:create_app", "--factory"]
    argv += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    child = spawn("cnn", argv, env=env, logs_dir=home)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(
            child,
            http_ok(f"{url}/healthz"),
            timeout_seconds=START_TIMEOUT_SECONDS,
            stop=threading.Event(),
        )
        wait_for_log(child, SUBSCRIBED_TEXT, timeout_seconds=10)
        yield url
    finally:
        stop_all([child])


def promote_and_announce(registry: ModelRegistry, version: str) -> None:
    promotion = registry.promote("digits", version, actor="test", reason="hot reload")
    publish_promotion(REDIS_URL, PromotionNotice.from_promotion("digits", promotion))


def served_version(cnn_url: str) -> str:
    health = httpx.get(f"{cnn_url}/healthz", timeout=10).json()
    version: str = health["checks"]["model"]["info"]["version"]
    return version


def test_promotion_under_load_switches_versions_without_a_failed_request(
    registry: ModelRegistry, cnn_url: str
) -> None:
    with LoadGenerator(cnn_url) as load:
        assert load.wait_for_version("1", timeout_seconds=10) is not None
        time.sleep(0.5)
        promoted_at = time.monotonic()
        promote_and_announce(registry, "2")
        switched_at = load.wait_for_version("2", SWITCH_WITHIN_SECONDS)
        time.sleep(1.0)  # keep the load on while the old model is retired

    failures = [o.error for o in load.outcomes if o.version is None]
    assert failures == []
    assert switched_at is not None, "no answer from version 2 in time"
    assert switched_at - promoted_at < SWITCH_WITHIN_SECONDS
    late = [o for o in load.outcomes if o.started > switched_at + 0.5]
    assert late and {o.version for o in late} == {"2"}
    assert served_version(cnn_url) == "2"


def test_promoting_an_unloadable_version_keeps_serving_the_current_one(
    registry: ModelRegistry, cnn_url: str
) -> None:
    with LoadGenerator(cnn_url) as load:
        promote_and_announce(registry, "3")
        time.sleep(2.0)

    assert [o.error for o in load.outcomes if o.version is None] == []
    assert {o.version for o in load.outcomes} == {"2"}
    assert served_version(cnn_url) == "2"
