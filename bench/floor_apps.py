"""The two-hop floor of the serving benchmarks: a bare FastAPI proxy in front of a
bare FastAPI leaf, doing what the gateway and a service do minus the actual work
(vision: parse a multipart upload; sentiment: parse a JSON body).

    python bench/floor_apps.py leaf --port 9001
    python bench/floor_apps.py proxy --port 9000 --leaf-url http://127.0.0.1:9001

Both run on one uvicorn worker with the default event loop and no access log, as
``archilab up`` runs the real services, so the difference is ArchiLab's own cost.
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import uvicorn
from fastapi import FastAPI, Request, UploadFile
from starlette.responses import Response

# Same size and shape as a real top-3 answer, so both stacks move the same bytes.
PREDICTION: dict[str, Any] = {
    "model": {"name": "digits", "version": "1"},
    "predictions": [
        {"label": "7", "class_index": 7, "probability": 0.9912},
        {"label": "9", "class_index": 9, "probability": 0.0051},
        {"label": "2", "class_index": 2, "probability": 0.0019},
    ],
    "timings": {
        "decode_ms": 0.1,
        "preprocess_ms": 0.2,
        "inference_ms": 1.0,
        "total_ms": 1.3,
    },
    "input_image_png_b64": None,
}
SENTIMENT: dict[str, Any] = {
    "predictions": [
        {
            "label": "positive",
            "probability": 0.9312,
            "positive_probability": 0.9312,
            "language": "fr",
            "language_detected": True,
            "model": {"name": "sentiment-fr", "version": "1"},
        }
    ]
}
# The gateway's defaults: one pooled client per upstream, 100 connections.
MAX_CONNECTIONS = 100
CONNECT_TIMEOUT_SECONDS = 1.0
TIMEOUT_SECONDS = 30.0


def create_leaf_app() -> FastAPI:
    """``POST /v1/predictions``: parse the multipart upload, answer a fixed body."""
    app = FastAPI(title="floor-leaf")

    @app.get("/healthz")
    async def read_health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/predictions")
    async def create_prediction(file: UploadFile) -> dict[str, Any]:
        await file.read()
        return PREDICTION

    @app.post("/v1/sentiment/predictions")
    async def create_sentiment(request: Request) -> dict[str, Any]:
        await request.json()
        return SENTIMENT

    return app


def create_proxy_app(leaf_url: str) -> FastAPI:
    """``POST /api/v1/<vision|sentiment>/predictions``: relay body and content type
    to the leaf."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
        limits = httpx.Limits(
            max_connections=MAX_CONNECTIONS, max_keepalive_connections=MAX_CONNECTIONS
        )
        timeout = httpx.Timeout(TIMEOUT_SECONDS, connect=CONNECT_TIMEOUT_SECONDS)
        async with httpx.AsyncClient(
            base_url=leaf_url, limits=limits, timeout=timeout
        ) as client:
            yield {"client": client}

    app = FastAPI(title="floor-proxy", lifespan=lifespan)

    @app.get("/healthz")
    async def read_health() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/api/v1/vision/predictions")
    async def create_prediction(request: Request) -> Response:
        return await relay(request, "/v1/predictions")

    @app.post("/api/v1/sentiment/predictions")
    async def create_sentiment(request: Request) -> Response:
        return await relay(request, "/v1/sentiment/predictions")

    async def relay(request: Request, path: str) -> Response:
        client: httpx.AsyncClient = request.state.client
        upstream = await client.post(
            path,
            content=await request.body(),
            headers={"content-type": request.headers.get("content-type", "")},
        )
        return Response(
            content=upstream.content,
            status_code=upstream.status_code,
            media_type=upstream.headers.get("content-type"),
        )

    return app


def main() -> int:
    parser = argparse.ArgumentParser(description="Run one app of the two-hop floor.")
    parser.add_argument("role", choices=["leaf", "proxy"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--leaf-url", help="the leaf's base URL (proxy only)")
    args = parser.parse_args()
    if args.role == "proxy" and not args.leaf_url:
        parser.error("proxy needs --leaf-url")
    app = create_leaf_app() if args.role == "leaf" else create_proxy_app(args.leaf_url)
    uvicorn.run(
        app, host="127.0.0.1", port=args.port, access_log=False, log_level="warning"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
