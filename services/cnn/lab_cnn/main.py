"""The cnn service: ``uvicorn lab_cnn.main:create_app --factory``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from lab_cnn.dependencies import State
from lab_cnn.inference import ServedClassifier, ServingSlot, start_serving
from lab_cnn.model_datasets import load_shown_dataset
from lab_cnn.model_store import ModelCache, PatternCache, load_classifier
from lab_cnn.reports.document import Progress, Report, write_report
from lab_cnn.reports.jobs import ReportJobs, WriteReport
from lab_cnn.reports.layout import reports_folder
from lab_cnn.routers import models, predictions, reports, samples, visualizations
from lab_cnn.settings import Settings, get_settings
from lab_cnn.visualization import PATTERN_METHOD
from lab_common.health import CheckResult, make_health_router
from lab_common.logging import RequestIdMiddleware, configure_logging
from lab_common.problems import LabError, install_problem_handlers
from lab_common.promotions import watching_promotions
from lab_common.registry import ModelRegistry
from lab_common.reloading import ProductionReloader
from lab_common.store import ChallengeStore, connect_database
from lab_common.vision.schemas import ReportJob


def _load_serving_slot(settings: Settings, registry: ModelRegistry) -> ServingSlot:
    try:
        classifier = load_classifier(
            registry, settings.model_name, settings.inference_engine
        )
    except LabError as exc:  # start anyway: /healthz reports why, a promotion heals
        return ServingSlot(None, load_error=exc)
    return ServingSlot(start_serving(classifier, settings.max_batch_size))


def _report_writer(
    models: ModelCache,
    patterns: PatternCache,
    settings: Settings,
    challenges: ChallengeStore | None,
) -> WriteReport:
    data_dir, datasets_dir = settings.data_dir, settings.datasets_dir

    def write(job: ReportJob, progress: Progress) -> Report:
        metadata, model = models.get(job.model, job.version)
        # Never a challenge's hidden images: see load_shown_dataset.
        dataset = load_shown_dataset(metadata, data_dir, datasets_dir, challenges)
        return write_report(model, metadata, dataset, job.language, patterns, progress)

    return write


async def model_loaded(request: Request) -> CheckResult:
    slot: ServingSlot = request.state.serving
    serving = slot.current
    if serving is None:
        return CheckResult(name="model", ok=False, detail=str(slot.load_error))
    info = {**serving.ref.model_dump(), "engine": serving.classifier.engine}
    return CheckResult(name="model", ok=True, info=info)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[State]:
        registry = ModelRegistry(settings.models_dir)
        challenges = (
            ChallengeStore(connect_database(settings.database_url))
            if settings.database_url
            else None
        )
        slot = _load_serving_slot(settings, registry)
        model_cache = ModelCache(registry)
        if slot.current is not None:
            classifier = slot.current.classifier
            model_cache.add(classifier.metadata, classifier.model)
        pattern_cache = PatternCache(settings.cache_dir / "patterns" / PATTERN_METHOD)
        report_jobs = ReportJobs(
            reports_folder(settings.cache_dir / "reports"),
            _report_writer(model_cache, pattern_cache, settings, challenges),
        )
        served = ServedClassifier(
            slot,
            registry,
            max_batch_size=settings.max_batch_size,
            engine=settings.inference_engine,
            model_cache=model_cache,
        )
        reloader = ProductionReloader(registry, [settings.model_name], served)
        async with watching_promotions(
            settings.redis_url,
            reloader.on_notice,
            reloader.reload_if_promoted,
            poll_interval_seconds=settings.model_poll_seconds,
        ):
            yield {
                "settings": settings,
                "registry": registry,
                "serving": slot,
                "model_cache": model_cache,
                "pattern_cache": pattern_cache,
                "report_jobs": report_jobs,
                "challenges": challenges,
            }
        report_jobs.close()
        if challenges is not None:
            challenges.engine.dispose()
        if slot.current is not None:
            slot.current.close()

    app = FastAPI(
        title="ArchiLab cnn service",
        version="1",
        lifespan=lifespan,
        docs_url="/docs",
    )
    app.add_middleware(RequestIdMiddleware)
    install_problem_handlers(app)
    app.include_router(make_health_router(checks=[model_loaded]))
    app.include_router(predictions.router, prefix="/v1")
    app.include_router(models.router, prefix="/v1")
    app.include_router(visualizations.router, prefix="/v1")
    app.include_router(samples.router, prefix="/v1")
    app.include_router(reports.router, prefix="/v1")
    return app
