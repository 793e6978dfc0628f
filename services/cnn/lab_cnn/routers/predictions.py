"""POST /v1/predictions: classify one image."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from lab_cnn.dependencies import ImageUploadDep, ServingModelDep, SettingsDep
from lab_cnn.inference import classify_image
from lab_common.vision.schemas import IMAGE_REQUEST_BODY, PredictionResponse

router = APIRouter(tags=["predictions"])


@router.post(
    "/predictions",
    response_model=PredictionResponse,
    summary="Classify an image (multipart 'file', JSON 'image_b64' or raw image)",
    openapi_extra=IMAGE_REQUEST_BODY,
)
def create_prediction(
    upload: ImageUploadDep,
    serving: ServingModelDep,
    settings: SettingsDep,
    top_k: Annotated[int, Query(ge=1, le=100, description="How many classes.")] = 3,
    include_input: Annotated[
        bool, Query(description="Also return the 28x28 image the network saw.")
    ] = False,
) -> PredictionResponse:
    return classify_image(
        upload.data,
        serving,
        top_k=top_k,
        include_input=include_input,
        max_side_pixels=settings.max_image_side_pixels,
    )
