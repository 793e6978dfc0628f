"""POST /v1/predictions request handling on the cnn, around a tiny untrained model.

Every way an image may come in (multipart, JSON base64, raw body) and every way
a request is refused before the model runs (size, content type, JSON), with
the problem's type and its language. The model's answers are not judged here.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from lab_cnn.main import create_app
from lab_cnn.settings import Settings
from tests.conftest import encode_image, stroke_digit_one
from tests.unit.cnn.tiny_models import register_tiny_cnn

PREDICTIONS = "/v1/predictions"
LIMIT_BYTES = 20_000
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("models")
    register_tiny_cnn(root, dataset_id="generated")
    settings = Settings(
        models_dir=root,
        cache_dir=root / "cache",
        max_image_upload_bytes=LIMIT_BYTES,
        inference_engine="tensorflow",  # no LiteRT conversion: seconds, not more
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def png() -> bytes:
    return encode_image(stroke_digit_one())


def assert_problem(response: httpx.Response, status: int, problem_type: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict = response.json()
    assert body["type"] == problem_type
    return body


def test_a_multipart_file_is_classified(client: TestClient, png: bytes) -> None:
    response = client.post(PREDICTIONS, files={"file": ("one.png", png, "image/png")})

    assert response.status_code == 200, response.text
    assert len(response.json()["predictions"]) == 3


def test_json_base64_gets_the_same_answer_as_multipart(
    client: TestClient, png: bytes
) -> None:
    by_form = client.post(PREDICTIONS, files={"file": ("one.png", png)}).json()

    by_json = client.post(
        PREDICTIONS, json={"image_b64": base64.b64encode(png).decode()}
    ).json()

    assert by_json["predictions"] == by_form["predictions"]


def test_a_data_url_and_a_raw_body_get_the_same_answer(
    client: TestClient, png: bytes
) -> None:
    data_url = "data:image/png;base64," + base64.b64encode(png).decode()

    by_url = client.post(PREDICTIONS, json={"image_b64": data_url}).json()
    raw = client.post(PREDICTIONS, content=png, headers={"Content-Type": "image/png"})

    assert raw.json()["predictions"] == by_url["predictions"]


def test_top_k_and_include_input_shape_the_answer(
    client: TestClient, png: bytes
) -> None:
    response = client.post(
        PREDICTIONS,
        params={"top_k": 5, "include_input": "true"},
        content=png,
        headers={"Content-Type": "application/octet-stream"},
    )

    body = response.json()
    assert len(body["predictions"]) == 5
    assert body["input_image_png_b64"]


def test_a_declared_length_over_the_limit_is_413(client: TestClient) -> None:
    response = client.post(
        PREDICTIONS,
        content=b"\0" * (LIMIT_BYTES + 1),
        headers={"Content-Type": "image/png", **ENGLISH},
    )

    body = assert_problem(response, 413, "/problems/payload-too-large")
    assert body["params"]["size"] == LIMIT_BYTES + 1
    assert body["detail"].startswith("The request body is")


def test_a_chunked_body_is_cut_off_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(30):  # 30 KB with no Content-Length
            yield b"\0" * 1000

    response = client.post(
        PREDICTIONS, content=chunks(), headers={"Content-Type": "image/png", **ENGLISH}
    )

    body = assert_problem(response, 413, "/problems/payload-too-large")
    assert "exceeds the limit" in body["detail"]


def test_a_multipart_body_over_the_limit_is_413(client: TestClient) -> None:
    big = b"\0" * (LIMIT_BYTES + 1)

    response = client.post(PREDICTIONS, files={"file": ("big.png", big)})

    assert_problem(response, 413, "/problems/payload-too-large")


def test_plain_text_is_415_saying_what_is_accepted(client: TestClient) -> None:
    response = client.post(
        PREDICTIONS, content=b"a digit", headers={"Content-Type": "text/plain"}
    )

    body = assert_problem(response, 415, "/problems/unsupported-media-type")
    assert "image_b64" in body["detail"]
    assert body["params"]["media_type"] == "text/plain"


def test_a_body_too_large_is_refused_before_its_content_type(
    client: TestClient,
) -> None:
    response = client.post(
        PREDICTIONS,
        content=b"x" * (LIMIT_BYTES + 1),
        headers={"Content-Type": "text/plain"},
    )

    assert_problem(response, 413, "/problems/payload-too-large")


def test_malformed_json_is_a_400_invalid_json(client: TestClient) -> None:
    response = client.post(
        PREDICTIONS,
        content=b'{"image_b64": ',
        headers={"Content-Type": "application/json"},
    )

    assert_problem(response, 400, "/problems/invalid-json")


@pytest.mark.parametrize(
    ("language", "sentence"),
    [("fr", "Envoyez un objet JSON"), ("en", "Send a JSON object")],
)
def test_json_without_image_b64_is_a_422_in_the_asked_language(
    client: TestClient, language: str, sentence: str
) -> None:
    response = client.post(
        PREDICTIONS, json={"image": "x"}, headers={"Accept-Language": language}
    )

    body = assert_problem(response, 422, "/problems/validation")
    assert response.headers["content-language"] == language
    assert body["detail"].startswith(sentence)
    assert [error["pointer"] for error in body["errors"]] == ["/image_b64"]


def test_french_is_the_default_language_of_a_problem(client: TestClient) -> None:
    response = client.post(PREDICTIONS, json={})

    body = assert_problem(response, 422, "/problems/validation")
    assert body["detail"].startswith("Envoyez un objet JSON")


def test_base64_outside_the_alphabet_is_a_400(client: TestClient) -> None:
    response = client.post(PREDICTIONS, json={"image_b64": "not*base64!"})

    assert_problem(response, 400, "/problems/invalid-base64")


def test_a_form_without_a_file_field_is_a_422(client: TestClient, png: bytes) -> None:
    response = client.post(PREDICTIONS, files={"image": ("one.png", png)})

    assert_problem(response, 422, "/problems/validation")


def test_a_form_without_its_boundary_is_a_422(client: TestClient) -> None:
    response = client.post(
        PREDICTIONS,
        content=b"--x\r\n",
        headers={"Content-Type": "multipart/form-data", **ENGLISH},
    )

    body = assert_problem(response, 422, "/problems/validation")
    assert body["detail"].startswith("The multipart body is invalid")


def test_a_file_that_is_not_an_image_is_a_422(client: TestClient) -> None:
    response = client.post(
        PREDICTIONS, content=b"GIF89a?", headers={"Content-Type": "image/png"}
    )

    assert_problem(response, 422, "/problems/unreadable-image")
