"""Inside a model version: layers, feature maps and Grad-CAM."""

from __future__ import annotations

from typing import Annotated

import numpy as np
from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from lab_cnn.dependencies import ImageUploadDep, SettingsDep
from lab_cnn.images import decode_image, prepare_digit
from lab_cnn.model_store import ModelCache
from lab_cnn.visualization import channel_stats, describe_layers, feature_maps, grad_cam
from lab_common.problems import ValidationFailed
from lab_common.registry import ModelMetadata
from lab_common.vision.schemas import IMAGE_REQUEST_BODY

router = APIRouter(prefix="/models/{name}/versions/{version}", tags=["explorer"])


class LoadedModel:
    def __init__(self, metadata: ModelMetadata, model: object) -> None:
        self.metadata = metadata
        self.model = model


def get_loaded_model(request: Request, name: str, version: str) -> LoadedModel:
    cache: ModelCache = request.state.model_cache
    return LoadedModel(*cache.get(name, version))


LoadedModelDep = Annotated[LoadedModel, Depends(get_loaded_model)]


class LayerResponse(BaseModel):
    name: str
    type: str
    output_shape: list[int | None]
    parameters: int
    receptive_field: int | None


class LayerListResponse(BaseModel):
    layers: list[LayerResponse]


class FeatureMapResponse(BaseModel):
    layer: str
    shape: list[int]
    maps: list[list[list[float]]] = []  # channel, row, column
    mean_activation: list[float]
    zero_fraction: list[float]


class GradCamResponse(BaseModel):
    class_index: int
    label: str
    layer: str
    heatmap: list[list[float]]


def _network_input(data: bytes, settings: SettingsDep) -> np.ndarray:
    image = decode_image(data, max_side_pixels=settings.max_image_side_pixels).image
    return prepare_digit(image)[..., np.newaxis]


@router.get("/layers", response_model=LayerListResponse, summary="The layer table")
def list_layers(loaded: LoadedModelDep) -> LayerListResponse:
    layers = describe_layers(loaded.model)
    return LayerListResponse(layers=[LayerResponse(**vars(layer)) for layer in layers])


@router.post(
    "/layers/{layer}/feature-maps",
    response_model=FeatureMapResponse,
    summary="Feature maps of one layer for an image",
    openapi_extra=IMAGE_REQUEST_BODY,
)
def create_feature_maps(
    layer: str, loaded: LoadedModelDep, upload: ImageUploadDep, settings: SettingsDep
) -> FeatureMapResponse:
    maps = feature_maps(loaded.model, layer, _network_input(upload.data, settings))
    stats = channel_stats(maps)
    return FeatureMapResponse(
        layer=layer,
        shape=list(maps.shape),
        maps=np.moveaxis(maps, -1, 0).tolist(),
        mean_activation=stats.mean_activation,
        zero_fraction=stats.zero_fraction,
    )


@router.post(
    "/grad-cam",
    response_model=GradCamResponse,
    summary="Grad-CAM heatmap for the predicted or a chosen class",
    openapi_extra=IMAGE_REQUEST_BODY,
)
def create_grad_cam(
    loaded: LoadedModelDep,
    upload: ImageUploadDep,
    settings: SettingsDep,
    class_index: Annotated[int | None, Query(alias="class", ge=0)] = None,
) -> GradCamResponse:
    class_names = loaded.metadata.class_names
    if class_index is not None and class_index >= len(class_names):
        raise ValidationFailed(
            f"class must be between 0 and {len(class_names) - 1}; got {class_index}."
        )
    result = grad_cam(loaded.model, _network_input(upload.data, settings), class_index)
    return GradCamResponse(
        class_index=result.class_index,
        label=class_names[result.class_index],
        layer=result.layer_name,
        heatmap=result.heatmap.tolist(),
    )
