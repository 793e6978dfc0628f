"""Bad input is a 4xx problem, never a 500 or a call to another route."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import LabStack, free_port
from tests.integration.test_gateway_faults import start_gateway

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"
# 100,000 levels: far past the JSON parser's recursion limit.
DEEP_JSON = b"[" * 100_000 + b"]" * 100_000
JSON = {"content-type": "application/json"}


def assert_problem(response: httpx.Response, status: int, problem_type: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == problem_type


@pytest.fixture(scope="module")
def gateway_to_nowhere(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A gateway whose cnn is down: anything relayed would come back a 502."""
    log = tmp_path_factory.mktemp("gateway") / "g.log"
    process, base_url = start_gateway(f"http://127.0.0.1:{free_port()}", log)
    yield base_url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("job_id", ["%0b", "%00", "rapport%0d%0a", "été"])
def test_a_malformed_report_id_is_refused_not_relayed(
    gateway_to_nowhere: str, job_id: str
) -> None:
    response = httpx.get(f"{gateway_to_nowhere}/api/v1/vision/reports/{job_id}")

    assert_problem(response, 422, "/problems/validation")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/vision/reports/..%2F..%2Fhealthz",
        "/api/v1/vision/reports/..%2F..%2Fv1%2Fmodels",
        "/api/v1/vision/models/digits/versions/1/..%2F..%2F..%2F..%2Fhealthz",
        "/api/v1/vision/models/digits/versions/1/layers/..%2F..%2Fsamples/filters",
        "/api/v1/sentiment/comparisons/evaluations/..%2F..%2Fmodels",
    ],
)
def test_a_path_climbing_out_of_its_route_reaches_nothing(
    gateway_to_nowhere: str, path: str
) -> None:
    response = httpx.get(gateway_to_nowhere + path)

    assert response.status_code in (404, 422), response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] in ("about:blank", "/problems/validation")


def test_a_control_character_in_a_layer_name_is_refused(
    gateway_to_nowhere: str,
) -> None:
    path = "/api/v1/vision/models/digits/versions/1/layers/conv%0b1/filters"

    response = httpx.get(gateway_to_nowhere + path)

    assert_problem(response, 422, "/problems/validation")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/vision/predictions",
        "/api/v1/sentiment/predictions",
        "/api/v1/sentiment/explanations",
        "/api/v1/sentiment/comparisons",
    ],
)
def test_json_nested_100000_deep_is_invalid_json(
    lab_stack: LabStack, path: str
) -> None:
    response = httpx.post(
        lab_stack.base_url + path, content=DEEP_JSON, headers=JSON, timeout=30
    )

    assert_problem(response, 400, "/problems/invalid-json")


def test_json_nested_100000_deep_in_a_modelled_body_is_invalid_json(
    lab_stack: LabStack,
) -> None:
    headers = {**JSON, **lab_stack.admin_headers()}

    response = httpx.post(
        f"{lab_stack.base_url}/api/v1/training-jobs",
        content=DEEP_JSON,
        headers=headers,
        timeout=30,
    )

    assert_problem(response, 400, "/problems/invalid-json")


def test_truncated_json_in_a_modelled_body_is_invalid_json(
    lab_stack: LabStack,
) -> None:
    headers = {**JSON, **lab_stack.admin_headers()}

    response = httpx.post(
        f"{lab_stack.base_url}/api/v1/training-jobs",
        content=b'{"task": "image-classification", "dataset": "mnist',
        headers=headers,
        timeout=30,
    )

    assert_problem(response, 400, "/problems/invalid-json")


@pytest.fixture(scope="module")
def some_job_id(lab_stack: LabStack) -> str:
    """A short job of the admin's (its events are what is read here)."""
    spec = {"task": "image-classification", "dataset": "mnist-5k",
            "architecture": "tiny-cnn", "epochs": 1, "batch_size": 128,
            "model_name": "it-event-ids"}  # fmt: skip
    response = httpx.post(
        f"{lab_stack.base_url}/api/v1/training-jobs",
        json=spec,
        headers=lab_stack.admin_headers(),
        timeout=30,
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


@pytest.mark.parametrize("event_id", [2**63, 2**64 + 5, 10**30])
def test_a_last_event_id_past_64_bits_is_a_validation_problem(
    lab_stack: LabStack, some_job_id: str, event_id: int
) -> None:
    url = f"{lab_stack.base_url}/api/v1/training-jobs/{some_job_id}/events"

    by_header = httpx.get(url, headers={"Last-Event-ID": str(event_id)}, timeout=30)
    by_query = httpx.get(url, params={"after": event_id}, timeout=30)

    assert_problem(by_header, 422, "/problems/validation")
    assert_problem(by_query, 422, "/problems/validation")
