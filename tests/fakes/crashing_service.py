"""A service with a handler that crashes, wired like every ArchiLab service.

``uvicorn tests.fakes.crashing_service:create_app --factory``: ``GET /crash``
raises an unexpected error (a bug), ``GET /ok`` answers 200.
``create_legacy_app`` answers the crash as ArchiLab did before issue 10: with
Starlette's last-resort handler, which re-raises after its 500 (the benchmark
``bench/upstream_reuse.py`` compares both).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from lab_common.logging import RequestIdMiddleware
from lab_common.problems import install_problem_handlers


def create_app(legacy: bool = False) -> FastAPI:
    app = FastAPI()
    app.add_middleware(RequestIdMiddleware)
    if legacy:
        app.add_exception_handler(
            Exception, lambda request, exc: JSONResponse({}, status_code=500)
        )
    else:
        install_problem_handlers(app)

    @app.get("/ok")
    async def ok() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/crash")
    async def crash() -> None:
        raise RuntimeError("a bug in a handler, on purpose")

    return app


def create_legacy_app() -> FastAPI:
    return create_app(legacy=True)
