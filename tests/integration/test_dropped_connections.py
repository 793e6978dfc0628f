"""No exception escapes a service's handlers, and the gateway does not turn a
connection the service dropped before answering into a 502."""

from __future__ import annotations

import http.client
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPOSITORY_ROOT, free_port, wait_for_http_ok
from tests.fakes.one_answer_server import OneAnswerServer
from tests.integration.test_gateway_faults import start_gateway

pytestmark = pytest.mark.integration

CALLS = 30


@pytest.fixture
def crashing_service(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """The fake service under uvicorn, as the launcher runs every service."""
    port = free_port()
    log_path = tmp_path / "service.log"
    argv = [sys.executable, "-m", "uvicorn", "tests.fakes.crashing_service:create_app",
            "--factory", "--port", str(port)]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            argv, cwd=REPOSITORY_ROOT, stdout=log, stderr=subprocess.STDOUT
        )
    wait_for_http_ok(f"http://127.0.0.1:{port}/ok", process, 60)
    yield port, log_path
    process.terminate()
    process.wait(timeout=10)


def test_a_crashing_handler_answers_500_and_keeps_the_connection(
    crashing_service: tuple[int, Path],
) -> None:
    port, log_path = crashing_service
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.connect()
    first_socket = connection.sock
    answers = []

    for path in ["/crash", "/ok"] * (CALLS // 2):
        connection.request("GET", path)
        response = connection.getresponse()
        answers.append((path, response.status, response.getheader("content-type")))
        response.read()

    assert connection.sock is first_socket  # one keep-alive connection throughout
    assert answers == [
        ("/crash", 500, "application/problem+json"),
        ("/ok", 200, "application/json"),
    ] * (CALLS // 2)
    log = log_path.read_text(errors="replace")
    assert "Exception in ASGI application" not in log
    assert log.count("RuntimeError: a bug in a handler") == CALLS // 2


def test_a_crash_is_the_500_problem_with_the_request_id(
    crashing_service: tuple[int, Path],
) -> None:
    port, _ = crashing_service

    response = httpx.get(
        f"http://127.0.0.1:{port}/crash", headers={"X-Request-ID": "essai-42"}
    )

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "about:blank"
    assert body["request_id"] == response.headers["x-request-id"]
    assert "bug" not in body["detail"]  # the traceback stays in the log


@pytest.fixture
def gateway_to_dropping_service(
    tmp_path: Path,
) -> Iterator[tuple[str, OneAnswerServer]]:
    service = OneAnswerServer()
    process, base_url = start_gateway(
        f"http://127.0.0.1:{service.port}", tmp_path / "g.log"
    )
    yield base_url, service
    process.terminate()
    process.wait(timeout=10)
    service.close()


def test_a_connection_dropped_before_answering_is_retried_not_a_502(
    gateway_to_dropping_service: tuple[str, OneAnswerServer],
) -> None:
    base_url, service = gateway_to_dropping_service

    with httpx.Client(base_url=base_url, timeout=10) as client:
        statuses = [
            client.get("/api/v1/vision/models").status_code for _ in range(CALLS)
        ]

    assert statuses == [200] * CALLS
    # Each call after the first met a dropped connection, then a fresh one.
    assert service.connections >= CALLS
