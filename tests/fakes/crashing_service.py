"""A service with a handler that crashes, wired like every ArchiLab service.

``uvicorn tests.fakes.crashing_service:create_app --factory``: ``GET /crash``
raises an unexpected error (a bug), ``GET /ok`` answers 200.
"""

from __future__ import annotations

from fastapi import FastAPI

from lab_common.logging import RequestIdMiddleware
from lab_common.problems import install_problem_handlers


def create_app() -> FastAPI:
    app = FastAPI()
    app.add_middleware(RequestIdMiddleware)
    install_problem_handlers(app)

    @app.get("/ok")
    async def ok() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/crash")
    async def crash() -> None:
        raise RuntimeError("a bug in a handler, on purpose")

    return app
