"""GET /v1/models: the registry's versions of image-classification models."""

from __future__ import annotations

from fastapi import APIRouter, Request

from lab_cnn.dependencies import RegistryDep
from lab_common.vision.schemas import ModelListResponse, summarize_models

router = APIRouter(tags=["models"])


@router.get("/models", response_model=ModelListResponse, summary="List model versions")
def list_models(request: Request, registry: RegistryDep) -> ModelListResponse:
    serving = request.state.serving
    served = {(serving.ref.name, serving.ref.version)} if serving else set()
    # The registry is shared with the nlp service: leave its text models out.
    return ModelListResponse(
        models=summarize_models(registry, served, task="image-classification")
    )
