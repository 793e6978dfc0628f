"""The public vision API over real HTTP: gateway -> cnn, started by ``archilab up``."""

from __future__ import annotations

import base64
import io
import json

import httpx
import numpy as np
import pytest
from PIL import Image

from tests.conftest import DigitSample, LabStack, encode_image, stroke_digit_one

pytestmark = pytest.mark.integration

PREDICTIONS = "/api/v1/vision/predictions"
PROBLEM = "application/problem+json"
DIGITS_TO_CHECK = 100


@pytest.fixture(scope="module")
def api(lab_stack: LabStack) -> httpx.Client:
    with httpx.Client(base_url=lab_stack.base_url, timeout=30) as client:
        yield client


def post_png(api: httpx.Client, data: bytes, **params: object) -> httpx.Response:
    return api.post(PREDICTIONS, params=params, files={"file": ("d.png", data)})


def assert_problem(response: httpx.Response, status: int, problem_type: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == problem_type
    assert response.json()["detail"]


def test_held_out_mnist_digits_come_back_with_their_label(
    api: httpx.Client, mnist_test_digits: list[DigitSample]
) -> None:
    samples = mnist_test_digits[:DIGITS_TO_CHECK]

    predicted = [
        post_png(api, encode_image(s.pixels)).json()["predictions"][0]["label"]
        for s in samples
    ]

    correct = sum(p == str(s.label) for p, s in zip(predicted, samples, strict=True))
    assert correct >= 0.97 * len(samples)


def test_prediction_names_the_model_and_reports_timings(api: httpx.Client) -> None:
    body = post_png(api, encode_image(stroke_digit_one())).json()

    assert body["model"]["name"] == "digits"
    assert body["model"]["version"] == "1"
    assert body["predictions"][0]["label"] == "1"
    assert len(body["predictions"]) == 3
    assert body["timings"]["total_ms"] > 0


def test_top_k_returns_that_many_classes_most_probable_first(
    api: httpx.Client,
) -> None:
    predictions = post_png(api, encode_image(stroke_digit_one()), top_k=10).json()[
        "predictions"
    ]

    probabilities = [p["probability"] for p in predictions]
    assert len(predictions) == 10
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) == pytest.approx(1.0, abs=1e-3)


def test_include_input_returns_the_28x28_network_input(api: httpx.Client) -> None:
    body = post_png(api, encode_image(stroke_digit_one()), include_input="true").json()

    image = Image.open(io.BytesIO(base64.b64decode(body["input_image_png_b64"])))
    assert image.size == (28, 28)


def test_json_base64_and_data_url_bodies_are_accepted(api: httpx.Client) -> None:
    encoded = base64.b64encode(encode_image(stroke_digit_one())).decode()

    plain = api.post(PREDICTIONS, json={"image_b64": encoded})
    data_url = api.post(
        PREDICTIONS, json={"image_b64": f"data:image/png;base64,{encoded}"}
    )

    assert plain.json()["predictions"] == data_url.json()["predictions"]
    assert plain.json()["predictions"][0]["label"] == "1"


def test_raw_image_body_is_accepted(api: httpx.Client) -> None:
    response = api.post(
        PREDICTIONS,
        content=encode_image(stroke_digit_one(), "JPEG"),
        headers={"content-type": "image/jpeg"},
    )

    assert response.json()["predictions"][0]["label"] == "1"


def test_models_lists_the_production_version(api: httpx.Client) -> None:
    models = api.get("/api/v1/vision/models").json()["models"]

    serving = [m for m in models if m["is_serving"]]
    assert len(serving) == 1
    assert serving[0]["aliases"] == ["production"]
    assert serving[0]["metadata"]["metrics"]["test_accuracy"] >= 0.985
    assert serving[0]["metadata"]["dataset"]["splits"] == {"train": 4000, "test": 1000}
    # The registry also holds the sentiment models; the vision list must not.
    assert {m["metadata"]["task"] for m in models} == {"image-classification"}


def test_health_reports_every_service_and_redis(api: httpx.Client) -> None:
    response = api.get("/api/v1/health")

    assert response.status_code == 200
    assert response.json()["checks"]["redis"]["ok"] is True
    assert response.json()["checks"]["cnn"]["ok"] is True


def test_request_id_reaches_the_cnn_log(api: httpx.Client, lab_stack: LabStack) -> None:
    request_id = "trace-me-42"

    response = api.post(
        PREDICTIONS,
        content=b"no image",
        headers={"X-Request-ID": request_id, "content-type": "image/png"},
    )

    assert response.headers["x-request-id"] == request_id
    assert response.json()["request_id"] == request_id
    cnn_log = (lab_stack.home / "logs" / "cnn.log").read_text()
    assert request_id in cnn_log


def test_openapi_docs_are_served(api: httpx.Client) -> None:
    assert api.get("/api/docs").status_code == 200
    paths = api.get("/api/openapi.json").json()["paths"]
    assert PREDICTIONS in paths


# --- bad input: each a 4xx problem naming what to fix -------------------------


def test_text_upload_is_an_unreadable_image(api: httpx.Client) -> None:
    response = api.post(PREDICTIONS, files={"file": ("notes.txt", b"hello")})

    assert_problem(response, 422, "/problems/unreadable-image")


def test_truncated_png_is_an_unreadable_image(api: httpx.Client) -> None:
    data = encode_image(stroke_digit_one())

    assert_problem(
        post_png(api, data[: len(data) // 2]), 422, "/problems/unreadable-image"
    )


def test_blank_canvas_is_an_empty_image(api: httpx.Client) -> None:
    blank = encode_image(np.zeros((280, 280, 4), dtype=np.uint8))

    assert_problem(post_png(api, blank), 422, "/problems/empty-image")


def test_upload_over_10_mb_is_payload_too_large(api: httpx.Client) -> None:
    oversized = b"\x89PNG" + b"\0" * (10 * 1024 * 1024)

    assert_problem(post_png(api, oversized), 413, "/problems/payload-too-large")


def test_image_over_4096_pixels_is_too_large(api: httpx.Client) -> None:
    wide = encode_image(np.zeros((8, 5000), dtype=np.uint8))

    assert_problem(post_png(api, wide), 422, "/problems/image-too-large")


def test_decompression_bomb_is_refused(api: httpx.Client) -> None:
    buffer = io.BytesIO()
    Image.new("1", (40_000, 40_000)).save(buffer, format="PNG")

    assert_problem(post_png(api, buffer.getvalue()), 422, "/problems/image-too-large")


@pytest.mark.parametrize("top_k", [0, 11, -3])
def test_top_k_out_of_range_is_a_validation_problem(
    api: httpx.Client, top_k: int
) -> None:
    response = post_png(api, encode_image(stroke_digit_one()), top_k=top_k)

    assert_problem(response, 422, "/problems/validation")


def test_malformed_json_is_invalid_json(api: httpx.Client) -> None:
    response = api.post(
        PREDICTIONS,
        content=b'{"image_b64": ',
        headers={"content-type": "application/json"},
    )

    assert_problem(response, 400, "/problems/invalid-json")


def test_json_without_image_b64_is_a_validation_problem(api: httpx.Client) -> None:
    response = api.post(PREDICTIONS, content=json.dumps({"image": "x"}),
                        headers={"content-type": "application/json"})  # fmt: skip

    assert_problem(response, 422, "/problems/validation")


def test_malformed_base64_is_invalid_base64(api: httpx.Client) -> None:
    response = api.post(PREDICTIONS, json={"image_b64": "not*base64!"})

    assert_problem(response, 400, "/problems/invalid-base64")


def test_unsupported_content_type_is_refused(api: httpx.Client) -> None:
    response = api.post(
        PREDICTIONS, content=b"7", headers={"content-type": "text/plain"}
    )

    assert_problem(response, 415, "/problems/unsupported-media-type")


def test_unknown_route_is_a_404_problem(api: httpx.Client) -> None:
    assert_problem(api.get("/api/v1/vision/nothing"), 404, "about:blank")


def test_wrong_method_is_a_405_problem(api: httpx.Client) -> None:
    assert_problem(api.get(PREDICTIONS), 405, "about:blank")


def test_service_stays_healthy_after_bad_input(api: httpx.Client) -> None:
    for body in (b"", b"\x89PNG\r\n\x1a\n", b"GIF89a" + b"\xff" * 50):
        post_png(api, body)

    assert api.get("/api/v1/health").status_code == 200
    assert post_png(api, encode_image(stroke_digit_one())).status_code == 200
