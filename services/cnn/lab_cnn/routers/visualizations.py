"""Inside a model version: layers, feature maps and Grad-CAM."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import numpy as np
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from lab_cnn.dependencies import ImageUploadDep, SettingsDep
from lab_cnn.images import decode_image, prepare_input
from lab_cnn.model_store import ModelCache, PatternCache
from lab_cnn.rendering import (
    render_grid,
    render_overlay,
    render_pattern,
    render_single,
)
from lab_cnn.visualization import (
    GradCam,
    channel_stats,
    check_filter_index,
    conv_kernels,
    describe_layers,
    feature_maps,
    filter_pattern,
    grad_cam,
    saliency,
)
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
    conv_layer: str | None


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


class FilterResponse(BaseModel):
    layer: str
    shape: list[int]  # filters, input channels, height, width
    kernels: list[list[list[list[float]]]]


PNG = "image/png"
PNG_RESPONSE = {200: {"content": {PNG: {}}}}
ChannelQuery = Annotated[int | None, Query(ge=0, description="One map only (PNG).")]


def wants_png(request: Request) -> bool:
    return PNG in request.headers.get("accept", "")


def _png(content: bytes, headers: dict[str, str] | None = None) -> Response:
    return Response(content, media_type=PNG, headers=headers)


def _network_input(
    data: bytes, settings: SettingsDep, loaded: LoadedModel
) -> np.ndarray:
    image = decode_image(data, max_side_pixels=settings.max_image_side_pixels).image
    return prepare_input(image, tuple(loaded.metadata.input_shape))


@router.get("/layers", response_model=LayerListResponse, summary="The layer table")
def list_layers(loaded: LoadedModelDep) -> LayerListResponse:
    layers = describe_layers(loaded.model)
    return LayerListResponse(layers=[LayerResponse(**vars(layer)) for layer in layers])


@router.post(
    "/layers/{layer}/feature-maps",
    response_model=FeatureMapResponse,
    responses=PNG_RESPONSE,
    summary="Feature maps of one layer for an image (JSON, or a PNG grid)",
    openapi_extra=IMAGE_REQUEST_BODY,
)
def create_feature_maps(
    layer: str,
    request: Request,
    loaded: LoadedModelDep,
    upload: ImageUploadDep,
    settings: SettingsDep,
    channel: ChannelQuery = None,
) -> FeatureMapResponse | Response:
    maps = feature_maps(
        loaded.model, layer, _network_input(upload.data, settings, loaded)
    )
    if channel is not None:
        check_filter_index(maps.shape[-1], channel)
    if wants_png(request):
        if channel is not None:
            return _png(render_single(maps[..., channel]))
        grid = render_grid(np.moveaxis(maps, -1, 0))
        headers = {"X-Grid-Columns": str(grid.columns),
                   "X-Tile-Size": str(grid.tile_pixels)}  # fmt: skip
        return _png(grid.png, headers)
    stats = channel_stats(maps)
    return FeatureMapResponse(
        layer=layer,
        shape=list(maps.shape),
        maps=np.moveaxis(maps, -1, 0).tolist(),
        mean_activation=stats.mean_activation,
        zero_fraction=stats.zero_fraction,
    )


ClassQuery = Annotated[
    int | None, Query(alias="class", ge=0, description="Default: the predicted class.")
]


def _explain(
    method: Callable[[Any, np.ndarray, int | None], GradCam],
    request: Request,
    loaded: LoadedModel,
    data: bytes,
    settings: SettingsDep,
    class_index: int | None,
) -> GradCamResponse | Response:
    class_names = loaded.metadata.class_names
    if class_index is not None and class_index >= len(class_names):
        raise ValidationFailed(
            "class-index", maximum=len(class_names) - 1, value=class_index
        )
    image = _network_input(data, settings, loaded)
    result = method(loaded.model, image, class_index)
    if wants_png(request):
        return _png(render_overlay(image, result.heatmap))
    return GradCamResponse(
        class_index=result.class_index,
        label=class_names[result.class_index],
        layer=result.layer_name,
        heatmap=result.heatmap.tolist(),
    )


@router.post(
    "/grad-cam",
    response_model=GradCamResponse,
    responses=PNG_RESPONSE,
    summary="Grad-CAM heatmap for the predicted or a chosen class (JSON or PNG)",
    openapi_extra=IMAGE_REQUEST_BODY,
)
def create_grad_cam(
    request: Request,
    loaded: LoadedModelDep,
    upload: ImageUploadDep,
    settings: SettingsDep,
    class_index: ClassQuery = None,
) -> GradCamResponse | Response:
    return _explain(grad_cam, request, loaded, upload.data, settings, class_index)


@router.post(
    "/saliency",
    response_model=GradCamResponse,
    responses=PNG_RESPONSE,
    summary="Gradient saliency map for the predicted or a chosen class (JSON or PNG)",
    openapi_extra=IMAGE_REQUEST_BODY,
)
def create_saliency(
    request: Request,
    loaded: LoadedModelDep,
    upload: ImageUploadDep,
    settings: SettingsDep,
    class_index: ClassQuery = None,
) -> GradCamResponse | Response:
    return _explain(saliency, request, loaded, upload.data, settings, class_index)


@router.get(
    "/layers/{layer}/filters",
    response_model=FilterResponse,
    responses=PNG_RESPONSE,
    summary="Convolution kernels (JSON, or a PNG grid; ?index= for one kernel)",
)
def list_filters(
    layer: str,
    request: Request,
    loaded: LoadedModelDep,
    index: Annotated[int | None, Query(ge=0)] = None,
) -> FilterResponse | Response:
    kernels = conv_kernels(loaded.model, layer)
    if index is not None:
        check_filter_index(len(kernels), index)
    if wants_png(request):
        # A kernel over several input channels is shown as their mean.
        flat = kernels.mean(axis=1)
        if index is not None:
            return _png(render_single(flat[index], side=96))
        grid = render_grid(flat)
        return _png(grid.png, {"X-Grid-Columns": str(grid.columns)})
    return FilterResponse(
        layer=layer, shape=list(kernels.shape), kernels=kernels.tolist()
    )


@router.get(
    "/layers/{layer}/filters/{index}/pattern",
    response_class=Response,
    responses=PNG_RESPONSE,
    summary="The input pattern that excites one filter most (PNG, cached)",
)
def read_filter_pattern(
    layer: str, index: int, loaded: LoadedModelDep, request: Request
) -> Response:
    cache: PatternCache = request.state.pattern_cache
    key = (loaded.metadata.name, loaded.metadata.version, layer, index)
    return _png(
        cache.get_or_compute(
            key, lambda: render_pattern(filter_pattern(loaded.model, layer, index))
        )
    )
