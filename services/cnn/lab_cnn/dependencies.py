"""Annotated dependencies handing lifespan state to handlers."""

from __future__ import annotations

from typing import Annotated, TypedDict

from fastapi import Depends, Request

from lab_cnn.inference import ServingModel
from lab_cnn.model_store import ModelCache, PatternCache
from lab_cnn.reports.jobs import ReportJobs
from lab_cnn.settings import Settings
from lab_cnn.uploads import ImageUpload, read_image_upload
from lab_common.problems import ModelUnavailable
from lab_common.registry import ModelRegistry


class State(TypedDict):
    settings: Settings
    registry: ModelRegistry
    serving: ServingModel | None
    load_error: str | None
    model_cache: ModelCache
    pattern_cache: PatternCache
    report_jobs: ReportJobs


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.state.settings
    return settings


async def get_registry(request: Request) -> ModelRegistry:
    registry: ModelRegistry = request.state.registry
    return registry


async def get_serving_model(request: Request) -> ServingModel:
    serving: ServingModel | None = request.state.serving
    if serving is None:
        raise ModelUnavailable(request.state.load_error or "No model is loaded.")
    return serving


SettingsDep = Annotated[Settings, Depends(get_settings)]
RegistryDep = Annotated[ModelRegistry, Depends(get_registry)]
ServingModelDep = Annotated[ServingModel, Depends(get_serving_model)]


async def get_image_upload(request: Request, settings: SettingsDep) -> ImageUpload:
    return await read_image_upload(request, settings.max_upload_bytes)


ImageUploadDep = Annotated[ImageUpload, Depends(get_image_upload)]
