"""Keys across the gateway: 401 before any body check, the OpenAPI's bearer scheme."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lab_gateway.main import create_app
from tests.unit.gateway.test_training_jobs_api import (
    JOBS,
    VALID_SPEC,
    Lab,
    make_settings,
    running_lab,
)

MALFORMED_JSON = b'{"task": "image-classification", "dataset": "mnist-5k",'
KEYED_OPERATIONS = [
    ("post", JOBS),
    ("post", f"{JOBS}/some-job/cancel"),
    ("post", "/api/v1/models/digits/aliases/production"),
    ("post", "/api/v1/datasets"),
    ("delete", "/api/v1/datasets/some-upload"),
    ("get", "/api/v1/keys/current"),
]
READING_OPERATIONS = [
    ("get", JOBS),
    ("get", "/api/v1/models"),
    ("get", "/api/v1/datasets"),
    ("post", "/api/v1/vision/predictions"),
    ("post", "/api/v1/sentiment/predictions"),
]


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with running_lab(tmp_path) as running:
        yield running


def _keyed_mutations(openapi: dict[str, dict[str, dict[str, object]]]) -> list[str]:
    return [
        path
        for path, operations in openapi["paths"].items()
        for method, operation in operations.items()
        if method == "post" and "security" in operation
        and "requestBody" in operation
        and "application/json" in operation["requestBody"]["content"]  # type: ignore[index, operator]
    ]  # fmt: skip


def test_every_keyed_mutation_answers_a_malformed_body_without_key_with_401(
    lab: Lab,
) -> None:
    openapi = lab.client.get("/api/openapi.json").json()
    paths = _keyed_mutations(openapi)

    answers = {
        path: lab.client.post(
            path.replace("{job_id}", "some-job").replace("{name}", "digits"),
            content=MALFORMED_JSON,
            headers={"Content-Type": "application/json"},
        )
        for path in paths
    }

    assert set(paths) >= {JOBS, "/api/v1/models/{name}/aliases/production"}
    for path, response in answers.items():
        assert response.status_code == 401, path
        assert response.json()["type"] == "/problems/unauthorized", path
        assert response.headers["www-authenticate"].startswith("Bearer"), path


@pytest.mark.parametrize(
    "path", [JOBS, "/api/v1/models/digits/aliases/production"], ids=["job", "promote"]
)
def test_malformed_body_without_key_is_unauthorized(lab: Lab, path: str) -> None:
    response = lab.client.post(
        path, content=MALFORMED_JSON, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_malformed_body_with_an_unknown_key_is_unauthorized(lab: Lab) -> None:
    response = lab.client.post(
        JOBS,
        content=MALFORMED_JSON,
        headers={"Content-Type": "application/json", "Authorization": "Bearer alk_x"},
    )

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_malformed_body_with_a_valid_key_is_still_invalid_json(lab: Lab) -> None:
    response = lab.client.post(
        JOBS,
        content=MALFORMED_JSON,
        headers={"Content-Type": "application/json", **lab.auth("team-a")},
    )

    # Malformed JSON is a 400 invalid-json on every endpoint (it was a 422 here).
    assert response.status_code == 400
    assert response.json()["type"] == "/problems/invalid-json"
    assert lab.store.list_jobs() == []


def test_schema_invalid_body_without_key_is_unauthorized(lab: Lab) -> None:
    response = lab.client.post(JOBS, json={**VALID_SPEC, "epochs": "many"})

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_openapi_declares_the_bearer_scheme(tmp_path: Path) -> None:
    openapi = create_app(make_settings(tmp_path)).openapi()

    scheme = openapi["components"]["securitySchemes"]["bearer"]

    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")


@pytest.mark.parametrize(("method", "path"), KEYED_OPERATIONS)
def test_openapi_locks_the_operations_that_need_a_key(
    tmp_path: Path, method: str, path: str
) -> None:
    openapi = create_app(make_settings(tmp_path)).openapi()
    template = (
        path.replace("some-job", "{job_id}")
        .replace("/digits/", "/{name}/")
        .replace("some-upload", "{dataset_id}")
    )

    operation = openapi["paths"][template][method]

    assert operation["security"] == [{"bearer": []}]


@pytest.mark.parametrize(("method", "path"), READING_OPERATIONS)
def test_openapi_leaves_reading_operations_open(
    tmp_path: Path, method: str, path: str
) -> None:
    openapi = create_app(make_settings(tmp_path)).openapi()

    operation = openapi["paths"][path][method]

    assert "security" not in operation


def test_current_key_names_the_team(lab: Lab) -> None:
    response = lab.client.get("/api/v1/keys/current", headers=lab.auth("team-a"))

    assert response.status_code == 200
    body = response.json()
    assert (body["role"], body["team"], body["owner"]) == ("team", "a", "team:a")
    assert lab.keys["team-a"] not in response.text


def test_current_key_needs_a_key(lab: Lab) -> None:
    response = lab.client.get("/api/v1/keys/current")

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"
