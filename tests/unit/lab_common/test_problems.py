"""Every error of a service is an RFC 9457 problem body."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI, Query, Request
from fastapi.testclient import TestClient

from lab_common.bodies import read_body
from lab_common.logging import REQUEST_ID_HEADER, RequestIdMiddleware
from lab_common.problems import (
    PROBLEM_MEDIA_TYPE,
    ModelUnavailable,
    install_problem_handlers,
)

MAX_BODY_BYTES = 1000


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = FastAPI()
    app.add_middleware(RequestIdMiddleware)
    install_problem_handlers(app)

    @app.get("/unavailable")
    def unavailable() -> None:
        raise ModelUnavailable("no-production", name="digits")

    @app.get("/crash")
    def crash() -> None:
        raise RuntimeError("secret internal state")

    @app.get("/items")
    def items(limit: int = Query(ge=1, le=5)) -> dict[str, int]:
        return {"limit": limit}

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await read_body(request, MAX_BODY_BYTES))}

    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_lab_error_becomes_its_problem_type(client: TestClient) -> None:
    response = client.get("/unavailable", headers={"Accept-Language": "en"})

    assert response.status_code == 503
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    body = response.json()
    assert body["type"] == "/problems/model-unavailable"
    assert (body["code"], body["params"]) == ("model-unavailable", {"name": "digits"})
    assert body["title"] == "No model is available"
    assert body["detail"].startswith("Model 'digits' has no production version yet")
    assert body["instance"] == "/unavailable"


def test_lab_error_is_told_in_french_without_a_language(client: TestClient) -> None:
    response = client.get("/unavailable")

    body = response.json()
    assert response.status_code == 503
    assert body["type"] == "/problems/model-unavailable"
    assert body["title"] == "Aucun modèle disponible"
    assert body["detail"].startswith("Le modèle «\u00a0digits\u00a0» n'a pas encore")
    assert response.headers["content-language"] == "fr"


def test_a_crash_is_a_500_told_in_the_asked_language(client: TestClient) -> None:
    french = client.get("/crash", headers={"Accept-Language": "fr"})
    english = client.get("/crash", headers={"Accept-Language": "en"})

    assert french.status_code == english.status_code == 500
    assert french.json()["code"] == english.json()["code"] == "internal-server-error"
    assert french.json()["title"] == "Erreur interne du serveur"
    assert (
        english.json()["detail"] == "An unexpected error occurred; it has been logged."
    )
    assert "secret" not in french.text


def test_unknown_route_is_a_404_problem_pointing_at_the_docs(
    client: TestClient,
) -> None:
    response = client.get("/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["type"] == "about:blank"
    assert "/api/docs" in response.json()["detail"]


def test_wrong_method_is_a_405_problem_naming_the_allowed_one(
    client: TestClient,
) -> None:
    response = client.delete("/items")

    assert response.status_code == 405
    assert "GET" in response.json()["detail"]


def test_validation_error_lists_pointers(client: TestClient) -> None:
    response = client.get("/items", params={"limit": 9})

    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/validation"
    assert body["errors"][0]["pointer"] == "/query/limit"


def test_unexpected_error_is_a_generic_500_without_internals(
    client: TestClient,
) -> None:
    response = client.get("/crash")

    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert "secret" not in response.text


def test_request_id_is_echoed_and_put_in_problems(client: TestClient) -> None:
    response = client.get("/unavailable", headers={REQUEST_ID_HEADER: "abc-123"})

    assert response.headers[REQUEST_ID_HEADER] == "abc-123"
    assert response.json()["request_id"] == "abc-123"


def test_request_id_is_generated_when_absent(client: TestClient) -> None:
    response = client.get("/unavailable")

    assert len(response.headers[REQUEST_ID_HEADER]) == 32


def test_read_body_refuses_a_declared_oversized_body(client: TestClient) -> None:
    response = client.post("/echo", content=b"x" * (MAX_BODY_BYTES + 1))

    assert response.status_code == 413
    assert response.json()["type"] == "/problems/payload-too-large"


def test_read_body_counts_a_chunked_body_without_length(client: TestClient) -> None:
    chunks = (b"x" * 400 for _ in range(3))  # a generator: sent chunked

    response = client.post("/echo", content=chunks)

    assert response.status_code == 413


def test_read_body_accepts_a_body_within_the_limit(client: TestClient) -> None:
    response = client.post("/echo", content=b"x" * MAX_BODY_BYTES)

    assert response.json() == {"bytes": MAX_BODY_BYTES}


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "La valeur doit être inférieure ou égale à 5."),
        ("en", "The value must be less than or equal to 5."),
    ],
)
def test_validation_errors_are_told_per_type_with_their_context(
    client: TestClient, language: str, sentence: str
) -> None:
    response = client.get(
        "/items", params={"limit": 9}, headers={"Accept-Language": language}
    )

    error = response.json()["errors"][0]
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"
    assert (error["code"], error["params"]["le"]) == ("less_than_equal", 5)
    assert error["detail"] == sentence
    assert sentence in response.json()["detail"]


def test_an_unparsable_number_is_told_in_french(client: TestClient) -> None:
    response = client.get("/items", params={"limit": "cinq"})

    error = response.json()["errors"][0]
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"
    assert (error["code"], error["detail"]) == (
        "int_parsing",
        "Un nombre entier est attendu.",
    )
