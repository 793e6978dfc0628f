"""The model registry as the API shows it: models, versions, promotions.

Plain functions over ``ModelRegistry`` (files on disk): call them from plain
``def`` handlers, which FastAPI runs in its thread pool.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from lab_common.problems import ModelNotFound
from lab_common.promotions import PromotionNotice, publish_promotion
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry, Promotion
from lab_common.store import ApiKey
from lab_gateway.auth import Forbidden
from lab_gateway.settings import Settings

logger = logging.getLogger(__name__)

VERSION_PATTERN = r"^[1-9][0-9]{0,8}$"


class RegisteredModel(BaseModel):
    name: str
    task: Literal["image-classification", "text-classification"]
    versions: int = Field(description="How many versions are stored.")
    production_version: str | None
    latest_version: str


class RegisteredModelList(BaseModel):
    models: list[RegisteredModel]


class ModelVersion(BaseModel):
    version: str
    task: Literal["image-classification", "text-classification"]
    class_names: list[str]
    metrics: dict[str, float]
    dataset: DatasetRef
    training_config: dict[str, Any]
    duration_seconds: float
    owner: str | None = Field(description="Who trained it: 'admin' or 'team:<name>'.")
    job_id: str | None = Field(description="The training job that made it, if any.")
    created_at: datetime
    is_production: bool


class ModelVersionList(BaseModel):
    name: str
    production_version: str | None
    versions: list[ModelVersion] = Field(description="Oldest first.")
    history: list[Promotion] = Field(
        description="Every promotion of an alias (the alias history), oldest first."
    )


class PromotionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str = Field(pattern=VERSION_PATTERN, examples=["3"])
    reason: str | None = Field(default=None, max_length=500)


def _versions_or_404(registry: ModelRegistry, name: str) -> list[str]:
    versions = registry.list_versions(name)
    if not versions:
        raise ModelNotFound("unknown", name=name)
    return versions


def may_see_version(key: ApiKey | None, metadata: ModelMetadata) -> bool:
    """A version trained in a challenge: only its team (and admins), with a key."""
    if metadata.challenge_id is None:
        return True
    return key is not None and (key.role == "admin" or key.owner == metadata.owner)


def _visible_versions(
    registry: ModelRegistry, name: str, key: ApiKey | None
) -> list[str]:
    return [
        version
        for version in registry.list_versions(name)
        if may_see_version(key, registry.get_metadata(name, version))
    ]


def list_registered_models(
    registry: ModelRegistry, key: ApiKey | None = None
) -> RegisteredModelList:
    models = []
    for name in registry.list_models():
        versions = _visible_versions(registry, name, key)
        if not versions:
            continue  # a first version is still being written, or not theirs
        latest = registry.get_metadata(name, versions[-1])
        models.append(
            RegisteredModel(
                name=name,
                task=latest.task,
                versions=len(versions),
                production_version=registry.production_version(name),
                latest_version=versions[-1],
            )
        )
    return RegisteredModelList(models=models)


def list_model_versions(
    registry: ModelRegistry, name: str, key: ApiKey | None = None
) -> ModelVersionList:
    _versions_or_404(registry, name)
    versions = _visible_versions(registry, name, key)
    if not versions:
        raise ModelNotFound("unknown", name=name)
    production = registry.production_version(name)
    described = []
    for version in versions:
        metadata = registry.get_metadata(name, version)
        described.append(
            ModelVersion(
                **metadata.model_dump(
                    include=set(ModelVersion.model_fields) - {"is_production"}
                ),
                is_production=version == production,
            )
        )
    return ModelVersionList(
        name=name,
        production_version=production,
        versions=described,
        history=registry.alias_history(name),
    )


def check_may_promote(name: str, key: ApiKey, served_models: frozenset[str]) -> None:
    """Only an admin moves the alias of a model the whole class is served."""
    if name in served_models and key.role != "admin":
        raise Forbidden("served-model", name=name)


def promote_version(
    registry: ModelRegistry,
    name: str,
    request: PromotionRequest,
    key: ApiKey,
    settings: Settings,
) -> Promotion:
    """Point ``production`` at the version; teams only at versions they trained."""
    _versions_or_404(registry, name)
    check_may_promote(name, key, settings.served_models)
    metadata = registry.get_metadata(name, request.version)
    if key.role != "admin" and metadata.owner != key.owner:
        raise Forbidden("not-version-owner", version=request.version, name=name)
    promotion = registry.promote(
        name, request.version, actor=key.owner, reason=request.reason
    )
    logger.info(
        "model.promoted",
        extra={
            "model": name,
            "version": promotion.version,
            "previous_version": promotion.previous_version,
            "actor": key.owner,
        },
    )
    # The services also poll the registry: a lost notice only delays a reload.
    publish_promotion(
        settings.redis_url, PromotionNotice.from_promotion(name, promotion)
    )
    return promotion
