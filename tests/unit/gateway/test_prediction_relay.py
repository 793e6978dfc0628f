"""The gateway's prediction relays, in process: vision to a real cnn app on a
tiny model, sentiment to a stub that records what reaches it.

Both hops read one limit setting per endpoint family, so a body the service
would refuse never leaves the gateway.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from lab_cnn.main import create_app as create_cnn_app
from lab_cnn.settings import Settings as CnnSettings
from lab_common.problems import install_problem_handlers
from lab_gateway.routers import sentiment, vision
from lab_gateway.settings import Settings
from lab_gateway.upstream import Upstream
from lab_nlp.settings import Settings as NlpSettings
from tests.conftest import encode_image, stroke_digit_one
from tests.unit.cnn.tiny_models import register_tiny_cnn

VISION = "/api/v1/vision/predictions"
SENTIMENT = "/api/v1/sentiment/predictions"
IMAGE_LIMIT_BYTES = 20_000
SENTIMENT_LIMIT_BYTES = 1_000


@dataclass
class Recorder:
    """An ASGI app in front of a service: counts what reaches it."""

    app: ASGIApp
    state: dict[str, Any] = field(default_factory=dict)
    paths: list[str] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        # What a server does with lifespan state: a copy on every request.
        await self.app({**scope, "state": dict(self.state)}, receive, send)


async def echo_nlp(request: Request) -> JSONResponse:
    body = await request.body()
    return JSONResponse(
        {"bytes": len(body), "prefix": request.headers.get("x-forwarded-prefix")}
    )


def upstream(name: str, app: Recorder, prefix: str) -> Upstream:
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url=f"http://{name}")
    return Upstream(name=name, client=client, public_prefix=prefix)


def build_gateway(settings: Settings, cnn: Recorder, nlp: Recorder) -> FastAPI:
    cnn_app: FastAPI = cnn.app  # type: ignore[assignment]

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        async with cnn_app.router.lifespan_context(cnn_app) as cnn_state:
            cnn.state = dict(cnn_state or {})
            yield {
                "settings": settings,
                "cnn": upstream("cnn", cnn, "/api/v1/vision"),
                "nlp": upstream("nlp", nlp, "/api/v1"),
            }

    app = FastAPI(lifespan=lifespan)
    install_problem_handlers(app)
    app.include_router(vision.router, prefix="/api/v1")
    app.include_router(sentiment.router, prefix="/api/v1")
    return app


@dataclass
class Hops:
    client: TestClient
    cnn: Recorder
    nlp: Recorder


@pytest.fixture(scope="module")
def hops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hops]:
    root = tmp_path_factory.mktemp("models")
    register_tiny_cnn(root, dataset_id="generated")
    cnn_settings = CnnSettings(
        models_dir=root,
        cache_dir=root / "cache",
        max_image_upload_bytes=IMAGE_LIMIT_BYTES,
        inference_engine="tensorflow",
    )
    cnn = Recorder(create_cnn_app(cnn_settings))
    stub = FastAPI()
    stub.add_api_route("/v1/sentiment/predictions", echo_nlp, methods=["POST"])
    nlp = Recorder(stub)
    settings = Settings(
        max_image_upload_bytes=IMAGE_LIMIT_BYTES,
        max_sentiment_body_bytes=SENTIMENT_LIMIT_BYTES,
    )
    with TestClient(build_gateway(settings, cnn, nlp)) as client:
        yield Hops(client=client, cnn=cnn, nlp=nlp)


@pytest.fixture(autouse=True)
def forget_calls(hops: Hops) -> None:
    hops.cnn.paths.clear()
    hops.nlp.paths.clear()


def png() -> bytes:
    return encode_image(stroke_digit_one())


def test_a_multipart_image_is_classified_through_the_gateway(hops: Hops) -> None:
    response = hops.client.post(VISION, files={"file": ("one.png", png())})

    assert response.status_code == 200, response.text
    assert len(response.json()["predictions"]) == 3
    assert hops.cnn.paths == ["/v1/predictions"]


def test_json_base64_through_the_gateway_gets_the_cnn_answer(hops: Hops) -> None:
    body = {"image_b64": base64.b64encode(png()).decode()}

    relayed = hops.client.post(VISION, json=body, params={"top_k": 2})

    assert relayed.status_code == 200, relayed.text
    assert len(relayed.json()["predictions"]) == 2


def test_an_image_over_the_limit_stops_at_the_gateway(hops: Hops) -> None:
    response = hops.client.post(
        VISION,
        content=b"\0" * (IMAGE_LIMIT_BYTES + 1),
        headers={"Content-Type": "image/png"},
    )

    assert response.status_code == 413
    assert response.json()["type"] == "/problems/payload-too-large"
    assert hops.cnn.paths == []


@pytest.mark.parametrize(
    ("language", "start"), [("fr", "Le type de contenu"), ("en", "Content type")]
)
def test_the_cnn_415_is_relayed_as_is_in_the_asked_language(
    hops: Hops, language: str, start: str
) -> None:
    response = hops.client.post(
        VISION,
        content=b"a digit",
        headers={"Content-Type": "text/plain", "Accept-Language": language},
    )

    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith(start)
    assert hops.cnn.paths == ["/v1/predictions"]


def test_the_cnn_422_for_bad_json_fields_is_relayed(hops: Hops) -> None:
    response = hops.client.post(VISION, json={"image": "x"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/image_b64"


def test_a_sentiment_body_within_the_limit_is_relayed_whole(hops: Hops) -> None:
    response = hops.client.post(SENTIMENT, json={"text": "un film"})

    assert response.status_code == 200
    assert response.json() == {
        "bytes": len(b'{"text":"un film"}'),
        "prefix": "/api/v1",
    }


def test_a_sentiment_body_over_the_limit_stops_at_the_gateway(hops: Hops) -> None:
    text = "x" * SENTIMENT_LIMIT_BYTES

    response = hops.client.post(
        SENTIMENT, json={"text": text}, headers={"Accept-Language": "en"}
    )

    assert response.status_code == 413
    assert response.json()["detail"].endswith("Send a smaller request.")
    assert hops.nlp.paths == []


@pytest.mark.parametrize(
    "variable", ["ARCHILAB_MAX_SENTIMENT_BODY_BYTES", "NLP_MAX_BODY_BYTES"]
)
def test_one_variable_sets_the_sentiment_limit_of_both_hops(
    monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    monkeypatch.setenv(variable, "12345")

    assert Settings().max_sentiment_body_bytes == 12345
    assert NlpSettings().max_sentiment_body_bytes == 12345


@pytest.mark.parametrize(
    "variable",
    [
        "ARCHILAB_MAX_IMAGE_UPLOAD_BYTES",
        "CNN_MAX_UPLOAD_BYTES",
        "GATEWAY_MAX_UPLOAD_BYTES",
    ],
)
def test_one_variable_sets_the_image_limit_of_both_hops(
    monkeypatch: pytest.MonkeyPatch, variable: str, tmp_path: Path
) -> None:
    monkeypatch.setenv(variable, "54321")

    assert Settings().max_image_upload_bytes == 54321
    assert CnnSettings(models_dir=tmp_path).max_image_upload_bytes == 54321


def test_the_limits_default_to_what_they_were() -> None:
    assert Settings().max_image_upload_bytes == 10 * 1024 * 1024
    assert Settings().max_sentiment_body_bytes == 6 * 1024 * 1024
