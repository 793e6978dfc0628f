"""The nlp service: ``uvicorn lab_nlp.main:create_app --factory``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request

from lab_common.health import CheckResult, make_health_router
from lab_common.logging import RequestIdMiddleware, configure_logging
from lab_common.problems import install_problem_handlers
from lab_common.promotions import watching_promotions
from lab_common.registry import ModelRegistry
from lab_common.reloading import ProductionReloader
from lab_common.store import ChallengeStore, connect_database
from lab_nlp.dependencies import State
from lab_nlp.evaluations import EvaluationJobs
from lab_nlp.mistral import NOT_CONFIGURED_HINT, MistralJudge, MistralSettings
from lab_nlp.model_store import SentimentModels, SentimentVersions, ServedSentiment
from lab_nlp.routers import cells, sentiment
from lab_nlp.settings import Settings, get_settings


def _mistral_settings(settings: Settings) -> MistralSettings:
    return MistralSettings(
        api_key=settings.mistral_api_key,
        model=settings.mistral_model,
        server_url=settings.mistral_server_url,
        timeout_seconds=settings.mistral_timeout_seconds,
        max_concurrent_calls=settings.mistral_max_concurrent_calls,
        max_retries=settings.mistral_max_retries,
    )


async def models_loaded(request: Request) -> CheckResult:
    models: SentimentModels = request.state.models
    info: dict[str, Any] = {
        language: model.ref.model_dump() for language, model in models.loaded.items()
    }
    if models.missing:
        detail = "; ".join(
            f"{language}: {reason}" for language, reason in models.missing.items()
        )
        return CheckResult(name="models", ok=False, detail=detail, info=info)
    return CheckResult(name="models", ok=True, info=info)


async def mistral_configured(request: Request) -> CheckResult:
    """Informational: comparisons need a key, predictions do not."""
    judge: MistralJudge = request.state.mistral
    info: dict[str, object] = {"configured": judge.configured}
    if not judge.configured:
        info["hint"] = NOT_CONFIGURED_HINT
    return CheckResult(name="mistral", ok=True, info=info)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[State]:
        registry = ModelRegistry(settings.models_dir)
        judge = MistralJudge(_mistral_settings(settings))
        models = SentimentModels(registry, settings.model_names)
        engine = (
            connect_database(settings.database_url) if settings.database_url else None
        )
        evaluations = EvaluationJobs(
            models,
            judge,
            settings.data_dir,
            settings.dataset_mirror_url,
            folder=settings.evaluations_folder,
            challenges=None if engine is None else ChallengeStore(engine),
        )
        reloader = ProductionReloader(
            registry, settings.model_names.values(), ServedSentiment(models, registry)
        )
        async with watching_promotions(
            settings.redis_url,
            reloader.on_notice,
            reloader.reload_if_promoted,
            poll_interval_seconds=settings.model_poll_seconds,
        ):
            yield {
                "settings": settings,
                "registry": registry,
                "models": models,
                "versions": SentimentVersions(registry, models),
                "mistral": judge,
                "evaluations": evaluations,
            }
        await judge.aclose()
        if engine is not None:
            engine.dispose()

    app = FastAPI(
        title="ArchiLab nlp service", version="1", lifespan=lifespan, docs_url="/docs"
    )
    app.add_middleware(RequestIdMiddleware)
    install_problem_handlers(app)
    app.include_router(make_health_router(checks=[models_loaded, mistral_configured]))
    app.include_router(sentiment.router, prefix="/v1")
    app.include_router(cells.router, prefix="/v1")
    return app
