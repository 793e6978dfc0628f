"""The gateway: ``uvicorn lab_gateway.main:create_app --factory``.

Public REST API under ``/api/v1`` (docs at ``/api/docs``): prediction calls
relayed to the services over pooled HTTP clients; training jobs (job store +
Celery), the model registry and its promotions; the static web page at ``/``.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from redis.asyncio import Redis

from lab_common.health import make_health_router
from lab_common.logging import RequestIdMiddleware, configure_logging
from lab_common.problems import install_problem_handlers
from lab_common.registry import ModelRegistry
from lab_common.store import JobStore, KeyStore, connect_database
from lab_gateway.dependencies import State
from lab_gateway.frontend import frontend_mount
from lab_gateway.health import redis_reachable
from lab_gateway.routers import health, models, sentiment, training_jobs, vision
from lab_gateway.settings import Settings, get_settings
from lab_gateway.training_jobs import BackgroundWork, create_producer, reap_stale_jobs
from lab_gateway.upstream import create_upstream


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[State]:
        cnn = create_upstream(
            "cnn",
            settings.cnn_url,
            public_prefix="/api/v1/vision",
            connect_timeout_seconds=settings.connect_timeout_seconds,
            timeout_seconds=settings.upstream_timeout_seconds,
            max_connections=settings.max_connections_per_upstream,
        )
        nlp = create_upstream(
            "nlp",
            settings.nlp_url,
            public_prefix="/api/v1/sentiment",
            connect_timeout_seconds=settings.connect_timeout_seconds,
            timeout_seconds=settings.upstream_timeout_seconds,
            max_connections=settings.max_connections_per_upstream,
        )
        redis = Redis.from_url(
            settings.redis_url,
            socket_connect_timeout=settings.health_timeout_seconds,
            socket_timeout=settings.health_timeout_seconds,
        )
        engine = await asyncio.to_thread(connect_database, settings.database_url)
        jobs = JobStore(engine)
        celery = create_producer(settings)
        background = BackgroundWork()
        background.spawn(
            reap_stale_jobs(jobs, settings.job_heartbeat_timeout_seconds),
            name="job-reaper",
        )
        yield {
            "settings": settings,
            "cnn": cnn,
            "nlp": nlp,
            "redis": redis,
            "engine": engine,
            "jobs": jobs,
            "keys": KeyStore(engine),
            "celery": celery,
            "registry": ModelRegistry(settings.models_dir),
            "background": background,
        }
        await background.aclose()
        await cnn.aclose()
        await nlp.aclose()
        await redis.aclose()
        await asyncio.to_thread(celery.close)
        engine.dispose()

    app = FastAPI(
        title="ArchiLab API",
        version="1",
        description=(
            "Neural-network lab: image classification, sentiment analysis, "
            "training jobs and the model registry. Mutating calls need "
            "'Authorization: Bearer <key>' (`archilab keys create`)."
        ),
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(RequestIdMiddleware)
    install_problem_handlers(app)
    app.include_router(make_health_router(checks=[redis_reachable]))

    api = APIRouter(prefix="/api/v1")
    api.include_router(health.router)
    api.include_router(vision.router)
    api.include_router(sentiment.router)
    api.include_router(training_jobs.router)
    api.include_router(models.router)
    # datasets router (lab_gateway/routers/datasets.py): included here later.
    app.include_router(api)
    if settings.frontend_dir is not None:
        # Mounted last: every API route above takes precedence over files.
        app.router.routes.append(frontend_mount(settings.frontend_dir))
    return app
