"""/api/v1/models: every model of the registry, its versions and promotions.

Unlike ``/api/v1/vision/models`` (what the cnn service has loaded), this reads
the registry itself, for every task.
"""

from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from lab_common.problems import Problem
from lab_common.registry import Promotion
from lab_gateway.auth import KeyDep, ReaderDep
from lab_gateway.confused_examples import (
    CONFUSIONS_DESCRIPTION,
    ConfusedExamples,
    PredictedClass,
    TrueClass,
    read_confused_examples,
)
from lab_gateway.dependencies import ChallengeStoreDep, RegistryDep, SettingsDep
from lab_gateway.models import (
    ModelVersionList,
    PromotionRequest,
    RegisteredModelList,
    list_model_versions,
    list_registered_models,
    promote_version,
)
from lab_gateway.segments import ModelName, ModelVersion
from lab_gateway.vision_access import check_version_visible

router = APIRouter(prefix="/models", tags=["models"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}


@router.get(
    "",
    summary="List the registry's models",
    description="Name, task, number of versions, production and latest version.",
    response_model=RegisteredModelList,
    responses=dict.fromkeys((401,), _PROBLEM),
)
def list_models(registry: RegistryDep, reader: ReaderDep) -> RegisteredModelList:
    return list_registered_models(registry, reader)


@router.get(
    "/{name}/versions",
    summary="A model's versions and its promotion history",
    description=(
        "Each version's metrics, dataset, training configuration, duration, "
        "owner and job; which one is in production; every past promotion."
    ),
    response_model=ModelVersionList,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
def get_model_versions(
    name: str, registry: RegistryDep, reader: ReaderDep
) -> ModelVersionList:
    return list_model_versions(registry, name, reader)


@router.get(
    "/{name}/versions/{version}/confusions",
    summary="The validation images behind a confusion-matrix cell",
    description=CONFUSIONS_DESCRIPTION,
    response_model=ConfusedExamples,
    responses=dict.fromkeys((401, 404, 409, 422, 503), _PROBLEM),
)
async def get_confused_examples(
    name: ModelName,
    version: ModelVersion,
    true_class: TrueClass,
    predicted_class: PredictedClass,
    registry: RegistryDep,
    challenges: ChallengeStoreDep,
    settings: SettingsDep,
    reader: ReaderDep,
) -> ConfusedExamples:
    await run_in_threadpool(check_version_visible, registry, name, version, reader)
    metadata = await run_in_threadpool(registry.get_metadata, name, version)
    return await run_in_threadpool(
        read_confused_examples,
        metadata,
        true_class,
        predicted_class,
        settings.data_dir,
        settings.datasets_dir,
        challenges,
    )


@router.post(
    "/{name}/aliases/production",
    summary="Promote a version to production (or roll back)",
    description=(
        "Points the `production` alias at `version`; the inference services "
        "reload it within seconds. **Rollback** is the same call with an older "
        "version. An admin key may promote any version, a team key only the "
        "versions its team trained, and never those of the models the inference "
        "pages serve to the whole class. Every promotion is kept in the history."
    ),
    response_model=Promotion,
    responses=dict.fromkeys((401, 403, 404, 422), _PROBLEM),
)
def promote_model_version(
    name: str,
    body: PromotionRequest,
    key: KeyDep,
    registry: RegistryDep,
    settings: SettingsDep,
) -> Promotion:
    return promote_version(registry, name, body, key, settings)
