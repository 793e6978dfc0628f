"""POST /v1/sentiment/predictions request handling on tiny untrained models.

One text or several, the language hint, and every way a request is refused
before a model runs (size, JSON, schema), with the problem's type and its
language. The models' answers are not judged here (test_sentiment_api does).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from lab_common.registry import SERVED_SENTIMENT_MODEL_EN, SERVED_SENTIMENT_MODEL_FR
from lab_nlp.main import create_app
from lab_nlp.settings import Settings
from tests.unit.nlp.sentiment_models import (
    build_tiny_sentiment_model,
    register_sentiment_model,
)

PREDICTIONS = "/v1/sentiment/predictions"
EVALUATIONS = "/v1/sentiment/comparisons/evaluations"
LIMIT_BYTES = 2_000
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models")
    for name in (SERVED_SENTIMENT_MODEL_EN, SERVED_SENTIMENT_MODEL_FR):
        register_sentiment_model(root, build_tiny_sentiment_model(name), name, "x", 4)
    return root


@pytest.fixture(scope="module")
def client(models_dir: Path) -> Iterator[TestClient]:
    settings = Settings(
        models_dir=models_dir,
        evaluations_dir=models_dir.parent / "evaluations",
        max_sentiment_body_bytes=LIMIT_BYTES,
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def assert_problem(response: httpx.Response, status: int, problem_type: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict = response.json()
    assert body["type"] == problem_type
    return body


def test_one_text_gets_one_prediction_in_the_hinted_language(
    client: TestClient,
) -> None:
    response = client.post(PREDICTIONS, json={"text": "un film", "language": "fr"})

    assert response.status_code == 200, response.text
    [prediction] = response.json()["predictions"]
    assert prediction["language"] == "fr" and prediction["language_detected"] is False
    assert prediction["label"] in ("positive", "negative")
    assert prediction["model"]["name"] == SERVED_SENTIMENT_MODEL_FR


def test_several_texts_keep_their_order_and_languages(client: TestClient) -> None:
    texts = ["a wonderful moving film", "un navet ennuyeux et sans intérêt"]

    response = client.post(PREDICTIONS, json={"texts": texts})

    languages = [p["language"] for p in response.json()["predictions"]]
    assert languages == ["en", "fr"]


def test_a_declared_length_over_the_limit_is_413(client: TestClient) -> None:
    text = "word " * LIMIT_BYTES

    response = client.post(PREDICTIONS, json={"text": text}, headers=ENGLISH)

    body = assert_problem(response, 413, "/problems/payload-too-large")
    assert body["detail"].endswith("Send a smaller request.")


def test_a_chunked_body_is_cut_off_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"word " * 20

    response = client.post(
        PREDICTIONS,
        content=chunks(),
        headers={"Content-Type": "application/json", **ENGLISH},
    )

    body = assert_problem(response, 413, "/problems/payload-too-large")
    assert "exceeds the limit" in body["detail"]


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Le corps n'est pas du JSON valide (ligne 1, colonne 10)."),
        ("en", "The body is not valid JSON (line 1, column 10)."),
    ],
)
def test_malformed_json_is_a_400_in_the_asked_language(
    client: TestClient, language: str, sentence: str
) -> None:
    response = client.post(
        PREDICTIONS,
        content=b'{"text": ',
        headers={"Content-Type": "application/json", "Accept-Language": language},
    )

    body = assert_problem(response, 400, "/problems/invalid-json")
    assert response.headers["content-language"] == language
    assert body["detail"] == sentence


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_unknown_field_is_a_422_naming_it_in_the_asked_language(
    client: TestClient, language: str
) -> None:
    response = client.post(
        PREDICTIONS, json={"txt": "hello"}, headers={"Accept-Language": language}
    )

    body = assert_problem(response, 422, "/problems/validation")
    assert response.headers["content-language"] == language
    assert "/txt" in [error["pointer"] for error in body["errors"]]


def test_the_problem_detail_is_french_by_default(client: TestClient) -> None:
    french = client.post(PREDICTIONS, json={"texts": []}).json()
    english = client.post(PREDICTIONS, json={"texts": []}, headers=ENGLISH).json()

    assert french["detail"] != english["detail"]
    assert french["title"] != english["title"]


def test_a_form_body_is_not_json(client: TestClient) -> None:
    response = client.post(PREDICTIONS, data={"text": "hello"})

    assert_problem(response, 400, "/problems/invalid-json")


def test_an_evaluation_form_without_its_csv_is_a_422(client: TestClient) -> None:
    response = client.post(EVALUATIONS, files={"csv": ("a.csv", b"text,label\n")})

    assert_problem(response, 422, "/problems/validation")


def test_an_evaluation_form_over_the_limit_is_413(client: TestClient) -> None:
    big = b"text,label\n" + b"some words,1\n" * 200

    response = client.post(EVALUATIONS, files={"file": ("a.csv", big)})

    assert_problem(response, 413, "/problems/payload-too-large")
