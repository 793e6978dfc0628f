"""GET /v1/models: the registry's versions of the served model."""

from __future__ import annotations

from fastapi import APIRouter, Request

from lab_cnn.dependencies import RegistryDep, SettingsDep
from lab_common.vision.schemas import ModelListResponse, ModelSummary

router = APIRouter(tags=["models"])


@router.get("/models", response_model=ModelListResponse, summary="List model versions")
def list_models(
    request: Request, registry: RegistryDep, settings: SettingsDep
) -> ModelListResponse:
    serving = request.state.serving
    serving_ref = (serving.ref.name, serving.ref.version) if serving else None
    summaries = []
    for name in registry.list_models():
        aliases = registry.aliases(name)
        for version in registry.list_versions(name):
            summaries.append(
                ModelSummary(
                    metadata=registry.get_metadata(name, version),
                    aliases=sorted(a for a, v in aliases.items() if v == version),
                    is_serving=serving_ref == (name, version),
                )
            )
    return ModelListResponse(models=summaries)
