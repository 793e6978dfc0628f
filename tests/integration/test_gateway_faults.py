"""The gateway names upstream failures: a down service is 502, a slow one 504."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import encode_image, free_port, stroke_digit_one, wait_for_http_ok

pytestmark = pytest.mark.integration

PREDICTIONS = "/api/v1/vision/predictions"
UPSTREAM_TIMEOUT_SECONDS = 1.0


def start_gateway(cnn_url: str, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {
        **os.environ,
        "GATEWAY_CNN_URL": cnn_url,
        "GATEWAY_REDIS_URL": "redis://127.0.0.1:1/0",  # nothing there: not needed here
        "GATEWAY_UPSTREAM_TIMEOUT_SECONDS": str(UPSTREAM_TIMEOUT_SECONDS),
    }
    argv = [sys.executable, "-m", "uvicorn", "lab_gateway.main:create_app",
            "--factory", "--port", str(port)]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    wait_for_http_ok(f"{base_url}/openapi.json".replace("/openapi", "/api/openapi"),
                     process, 60)  # fmt: skip
    return process, base_url


class SilentServer:
    """Accepts connections and reads requests but never answers: a hung service."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self) -> None:
        for connection in self.connections:
            connection.close()
        self.listener.close()


@pytest.fixture
def gateway_to_nowhere(tmp_path: Path) -> Iterator[str]:
    process, base_url = start_gateway(
        f"http://127.0.0.1:{free_port()}", tmp_path / "g.log"
    )
    yield base_url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def gateway_to_silent_service(tmp_path: Path) -> Iterator[str]:
    silent = SilentServer()
    process, base_url = start_gateway(
        f"http://127.0.0.1:{silent.port}", tmp_path / "g.log"
    )
    yield base_url
    process.terminate()
    process.wait(timeout=10)
    silent.close()


def test_down_service_is_a_502_problem_within_2_seconds(
    gateway_to_nowhere: str,
) -> None:
    started = time.monotonic()

    response = httpx.post(
        gateway_to_nowhere + PREDICTIONS,
        files={"file": ("d.png", encode_image(stroke_digit_one()))},
        timeout=10,
    )

    assert time.monotonic() - started < 2.0
    assert response.status_code == 502
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/upstream-unavailable"


def test_slow_service_is_a_504_problem(gateway_to_silent_service: str) -> None:
    response = httpx.post(
        gateway_to_silent_service + PREDICTIONS,
        files={"file": ("d.png", encode_image(stroke_digit_one()))},
        timeout=10,
    )

    assert response.status_code == 504
    assert response.json()["type"] == "/problems/upstream-timeout"


def test_health_is_a_503_problem_naming_the_failing_parts(
    gateway_to_nowhere: str,
) -> None:
    response = httpx.get(gateway_to_nowhere + "/api/v1/health", timeout=10)

    assert response.status_code == 503
    body = response.json()
    assert body["type"] == "/problems/service-unhealthy"
    assert body["checks"]["cnn"]["ok"] is False
    assert body["checks"]["redis"]["ok"] is False
