"""Annotated dependencies handing lifespan state to handlers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, TypedDict

from fastapi import Depends, Request

from lab_cnn.inference import ServingModel, ServingSlot
from lab_cnn.model_store import ModelCache, PatternCache
from lab_cnn.reports.jobs import ReportJobs
from lab_cnn.settings import Settings
from lab_cnn.uploads import ImageUpload, read_image_upload
from lab_common.registry import ModelRegistry
from lab_common.state import from_state
from lab_common.store import ChallengeStore


class State(TypedDict):
    settings: Settings
    registry: ModelRegistry
    serving: ServingSlot
    model_cache: ModelCache
    pattern_cache: PatternCache
    report_jobs: ReportJobs
    # None without CNN_DATABASE_URL: no challenge is known to this service.
    challenges: ChallengeStore | None


async def get_serving_model(request: Request) -> AsyncIterator[ServingModel]:
    """The model of the moment, counted as in use until the handler is done.

    A hot reload retires the previous model only once nothing uses it, so a
    request that picked it just before the swap still gets its answer.
    """
    slot: ServingSlot = request.state.serving
    serving = slot.require()
    with serving.in_flight.use():
        yield serving


SettingsDep = Annotated[Settings, Depends(from_state("settings"))]
RegistryDep = Annotated[ModelRegistry, Depends(from_state("registry"))]
ChallengesDep = Annotated[ChallengeStore | None, Depends(from_state("challenges"))]
ServingModelDep = Annotated[ServingModel, Depends(get_serving_model)]


async def get_image_upload(request: Request, settings: SettingsDep) -> ImageUpload:
    return await read_image_upload(request, settings.max_image_upload_bytes)


ImageUploadDep = Annotated[ImageUpload, Depends(get_image_upload)]
