"""/api/v1/vision/*: the public vision API, relayed to the cnn service.

A model version made in a challenge is opened only with its team's key (or an
admin's): ``lab_gateway.vision_access`` checks before relaying and filters
the lists relayed back.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from lab_common.bodies import json_request_body, read_body
from lab_common.problems import Problem
from lab_common.vision.schemas import (
    IMAGE_REQUEST_BODY,
    ModelListResponse,
    PredictionResponse,
    ReportListResponse,
    ReportRequest,
    ReportResponse,
)
from lab_gateway.auth import ReaderDep
from lab_gateway.dependencies import CnnDep, RegistryDep, SettingsDep
from lab_gateway.segments import JobId, LayerName, ModelName, ModelVersion
from lab_gateway.upstream import relay, send
from lab_gateway.vision_access import (
    VisibleVersion,
    check_version_visible,
    filter_model_list,
    filter_report_list,
    requested_version,
)

router = APIRouter(prefix="/vision", tags=["vision"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}


@router.post(
    "/predictions",
    summary="Classify an image",
    description=(
        'Send the image as multipart field `file`, as JSON `{"image_b64": ...}` '
        "or as the raw body with an `image/*` content type. Query: `top_k` "
        "(default 3) and `include_input` (return the 28x28 network input)."
    ),
    response_model=PredictionResponse,
    responses=dict.fromkeys((400, 413, 415, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=IMAGE_REQUEST_BODY,
)
async def create_prediction(
    request: Request, cnn: CnnDep, settings: SettingsDep
) -> Response:
    body = await read_body(request, settings.max_image_upload_bytes)
    response = await send(
        cnn, "POST", "/v1/predictions", request=request, content=body, repeatable=True
    )
    return relay(response)


@router.get(
    "/models",
    summary="List the vision model versions",
    response_model=ModelListResponse,
    responses=dict.fromkeys((502, 504), _PROBLEM),
)
async def list_models(
    request: Request, cnn: CnnDep, registry: RegistryDep, reader: ReaderDep
) -> Response:
    response = relay(await send(cnn, "GET", "/v1/models", request=request))
    return filter_model_list(response, registry, reader)


def _model_path(name: str, version: str, rest: str) -> str:
    return f"/v1/models/{name}/versions/{version}/{rest}"


async def _relay_image_post(
    request: Request, cnn: CnnDep, settings: SettingsDep, path: str
) -> Response:
    body = await read_body(request, settings.max_image_upload_bytes)
    # Explorer results are computed, nothing is stored: safe to send again.
    response = await send(
        cnn, "POST", path, request=request, content=body, repeatable=True
    )
    return relay(response)


_EXPLORER_ERRORS = dict.fromkeys((404, 422, 502, 503, 504), _PROBLEM)
_IMAGE_ERRORS = dict.fromkeys((400, 404, 409, 413, 415, 422, 502, 503, 504), _PROBLEM)
_PNG = {"content": {"image/png": {}}, "description": "JSON, or PNG if asked"}
ChannelQuery = Annotated[int | None, Query(ge=0, description="One map only (PNG).")]
ClassQuery = Annotated[
    int | None, Query(alias="class", ge=0, description="Default: the predicted class.")
]


@router.get(
    "/models/{name}/versions/{version}/layers",
    dependencies=[VisibleVersion],
    summary="The layers of a model version",
    responses=_EXPLORER_ERRORS,
)
async def list_layers(
    name: ModelName, version: ModelVersion, request: Request, cnn: CnnDep
) -> Response:
    path = _model_path(name, version, "layers")
    return relay(await send(cnn, "GET", path, request=request))


@router.get(
    "/models/{name}/versions/{version}/samples",
    dependencies=[VisibleVersion],
    summary="Test images of the model's dataset, the first of each class",
    responses=dict.fromkeys((404, 409, 422, 502, 503, 504), _PROBLEM),
)
async def list_samples(
    name: ModelName,
    version: ModelVersion,
    request: Request,
    cnn: CnnDep,
    per_class: Annotated[int, Query(ge=1, le=10)] = 1,
) -> Response:
    path = _model_path(name, version, "samples")
    return relay(await send(cnn, "GET", path, request=request))


@router.post(
    "/models/{name}/versions/{version}/layers/{layer}/feature-maps",
    dependencies=[VisibleVersion],
    summary="Feature maps of one layer for an image (JSON, or a PNG grid)",
    responses={200: _PNG} | _IMAGE_ERRORS,
    openapi_extra=IMAGE_REQUEST_BODY,
)
async def create_feature_maps(
    name: ModelName,
    version: ModelVersion,
    layer: LayerName,
    request: Request,
    cnn: CnnDep,
    settings: SettingsDep,
    channel: ChannelQuery = None,
) -> Response:
    path = _model_path(name, version, f"layers/{layer}/feature-maps")
    return await _relay_image_post(request, cnn, settings, path)


@router.post(
    "/models/{name}/versions/{version}/grad-cam",
    dependencies=[VisibleVersion],
    summary="Grad-CAM heatmap for the predicted or a chosen class (JSON or PNG)",
    responses={200: _PNG} | _IMAGE_ERRORS,
    openapi_extra=IMAGE_REQUEST_BODY,
)
async def create_grad_cam(
    name: ModelName,
    version: ModelVersion,
    request: Request,
    cnn: CnnDep,
    settings: SettingsDep,
    class_index: ClassQuery = None,
) -> Response:
    path = _model_path(name, version, "grad-cam")
    return await _relay_image_post(request, cnn, settings, path)


@router.post(
    "/models/{name}/versions/{version}/saliency",
    dependencies=[VisibleVersion],
    summary="Gradient saliency map for the predicted or a chosen class (JSON or PNG)",
    responses={200: _PNG} | _IMAGE_ERRORS,
    openapi_extra=IMAGE_REQUEST_BODY,
)
async def create_saliency(
    name: ModelName,
    version: ModelVersion,
    request: Request,
    cnn: CnnDep,
    settings: SettingsDep,
    class_index: ClassQuery = None,
) -> Response:
    path = _model_path(name, version, "saliency")
    return await _relay_image_post(request, cnn, settings, path)


@router.get(
    "/models/{name}/versions/{version}/layers/{layer}/filters",
    dependencies=[VisibleVersion],
    summary="Convolution kernels (JSON, or a PNG grid; ?index= for one kernel)",
    responses={200: _PNG} | _EXPLORER_ERRORS,
)
async def list_filters(
    name: ModelName,
    version: ModelVersion,
    layer: LayerName,
    request: Request,
    cnn: CnnDep,
    index: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    path = _model_path(name, version, f"layers/{layer}/filters")
    return relay(await send(cnn, "GET", path, request=request))


@router.get(
    "/models/{name}/versions/{version}/layers/{layer}/filters/{index}/pattern",
    dependencies=[VisibleVersion],
    summary="The input pattern that excites one filter most (PNG, cached)",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}} | _EXPLORER_ERRORS,
)
async def read_filter_pattern(
    name: ModelName,
    version: ModelVersion,
    layer: LayerName,
    index: Annotated[int, Path(ge=0)],
    request: Request,
    cnn: CnnDep,
) -> Response:
    path = _model_path(name, version, f"layers/{layer}/filters/{index}/pattern")
    return relay(await send(cnn, "GET", path, request=request))


# A report request is a few short fields.
REPORT_REQUEST_MAX_BYTES = 16 * 1024


@router.post(
    "/reports",
    status_code=202,
    summary="Start writing the analysis report of a model version",
    description=(
        "A background job measures the model on its test split and writes a "
        "self-contained HTML page and a PDF (French by default). Answers 202 with "
        "the job, or 200 with the job already queued, running or done for the same "
        "model, version and language; poll `links.self`, then download "
        "`links.html` or `links.pdf`."
    ),
    response_model=ReportResponse,
    responses={200: {"model": ReportResponse}}
    | dict.fromkeys((404, 409, 413, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=json_request_body(ReportRequest),
)
async def create_report(
    request: Request,
    cnn: CnnDep,
    registry: RegistryDep,
    settings: SettingsDep,
    reader: ReaderDep,
) -> Response:
    body = await read_body(request, REPORT_REQUEST_MAX_BYTES)
    model, version = requested_version(body)
    name = model or settings.served_vision_model
    await run_in_threadpool(check_version_visible, registry, name, version, reader)
    # The cnn answers a repeated request with the job it already has.
    response = await send(
        cnn, "POST", "/v1/reports", request=request, content=body, repeatable=True
    )
    return relay(response)


@router.get(
    "/reports",
    summary="Analysis report jobs, newest first",
    response_model=ReportListResponse,
    responses=dict.fromkeys((502, 504), _PROBLEM),
)
async def list_reports(
    request: Request, cnn: CnnDep, registry: RegistryDep, reader: ReaderDep
) -> Response:
    response = relay(await send(cnn, "GET", "/v1/reports", request=request))
    return filter_report_list(response, registry, reader)


async def _check_report_visible(
    job_id: str, request: Request, cnn: CnnDep, registry: RegistryDep, reader: ReaderDep
) -> None:
    """The report's model version must be one the caller may open."""
    job = await send(cnn, "GET", f"/v1/reports/{job_id}", request=request)
    if job.status_code != 200:
        return  # the relayed call answers the same 404
    fields = job.json()
    await run_in_threadpool(
        check_version_visible, registry, fields["model"], fields["version"], reader
    )


@router.get(
    "/reports/{job_id}",
    summary="One report job: status, progress and links",
    response_model=ReportResponse,
    responses=dict.fromkeys((404, 422, 502, 504), _PROBLEM),
)
async def read_report(
    job_id: JobId,
    request: Request,
    cnn: CnnDep,
    registry: RegistryDep,
    reader: ReaderDep,
) -> Response:
    await _check_report_visible(job_id, request, cnn, registry, reader)
    return relay(await send(cnn, "GET", f"/v1/reports/{job_id}", request=request))


@router.get(
    "/reports/{job_id}/report.{kind}",
    summary="The report as one self-contained HTML page, or as PDF",
    response_class=Response,
    responses={200: {"content": {"text/html": {}, "application/pdf": {}}}}
    | dict.fromkeys((404, 409, 422, 502, 504), _PROBLEM),
)
async def download_report(
    job_id: JobId,
    kind: Literal["html", "pdf"],
    request: Request,
    cnn: CnnDep,
    registry: RegistryDep,
    reader: ReaderDep,
) -> Response:
    await _check_report_visible(job_id, request, cnn, registry, reader)
    path = f"/v1/reports/{job_id}/report.{kind}"
    return relay(await send(cnn, "GET", path, request=request))
