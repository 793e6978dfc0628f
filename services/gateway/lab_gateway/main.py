"""The gateway: ``uvicorn lab_gateway.main:create_app --factory``.

Public REST API under ``/api/v1`` (docs at ``/api/docs``): prediction calls
relayed to the services over pooled HTTP clients; training jobs (job store +
Celery), the model registry and its promotions; the static web page at ``/``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from redis.asyncio import Redis

from lab_common.health import make_health_router
from lab_common.logging import RequestIdMiddleware, configure_logging
from lab_common.problems import install_problem_handlers
from lab_common.registry import ModelRegistry
from lab_common.store import ChallengeStore, JobStore, KeyStore, connect_database
from lab_common.store.keys import ensure_admin_key
from lab_gateway.auth import answer_missing_key_first
from lab_gateway.dependencies import State
from lab_gateway.frontend import frontend_mount
from lab_gateway.health import redis_reachable
from lab_gateway.routers import (
    architectures,
    challenges,
    datasets,
    health,
    keys,
    models,
    sentiment,
    training_jobs,
    vision,
)
from lab_gateway.settings import Settings, get_settings
from lab_gateway.training_jobs import BackgroundWork, create_producer, reap_stale_jobs
from lab_gateway.upstream import create_upstream

logger = logging.getLogger(__name__)


def make_admin_key(keys: KeyStore, path: Path) -> None:
    """Containers have no launcher: the gateway makes the first admin key."""
    if ensure_admin_key(keys, path) is not None:
        # The key itself is never logged; an admin reads the file.
        logger.warning("keys.admin_created", extra={"path": str(path)})


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
            public_prefix="/api/v1",  # its routes are /v1/sentiment/...
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
        keys = KeyStore(engine)
        if settings.admin_key_file is not None:
            await asyncio.to_thread(make_admin_key, keys, settings.admin_key_file)
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
            "challenges": ChallengeStore(engine),
            "keys": keys,
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
            "training jobs and the model registry. Operations marked with a "
            "lock need 'Authorization: Bearer <key>' (`archilab keys create`)."
        ),
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.add_middleware(RequestIdMiddleware)
    install_problem_handlers(app)
    answer_missing_key_first(app)
    app.include_router(make_health_router(checks=[redis_reachable]))

    api = APIRouter(prefix="/api/v1")
    api.include_router(health.router)
    api.include_router(vision.router)
    api.include_router(sentiment.router)
    api.include_router(training_jobs.router)
    api.include_router(architectures.router)
    api.include_router(models.router)
    api.include_router(datasets.router)
    api.include_router(keys.router)
    api.include_router(challenges.router)
    app.include_router(api)
    if settings.frontend_dir is not None:
        # Mounted last: every API route above takes precedence over files.
        app.router.routes.append(frontend_mount(settings.frontend_dir))
    return app
