"""/api/v1/vision/*: the public vision API, relayed to the cnn service."""

from __future__ import annotations

from fastapi import APIRouter, Request
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
from lab_gateway.dependencies import CnnDep, SettingsDep
from lab_gateway.upstream import relay, send

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
    body = await read_body(request, settings.max_upload_bytes)
    response = await send(cnn, "POST", "/v1/predictions", request=request, content=body)
    return relay(response)


@router.get(
    "/models",
    summary="List the vision model versions",
    response_model=ModelListResponse,
    responses=dict.fromkeys((502, 504), _PROBLEM),
)
async def list_models(request: Request, cnn: CnnDep) -> Response:
    return relay(await send(cnn, "GET", "/v1/models", request=request))


@router.api_route(
    "/models/{name}/versions/{version}/{resource:path}",
    methods=["GET", "POST"],
    summary="Inside a model version: layers, feature maps, Grad-CAM",
    description=(
        "`GET .../layers`; `POST .../layers/{layer}/feature-maps` and "
        "`POST .../grad-cam?class=` with an image as in predictions."
    ),
    responses=dict.fromkeys((404, 413, 422, 502, 504), _PROBLEM),
)
async def relay_model_explorer(
    name: str,
    version: str,
    resource: str,
    request: Request,
    cnn: CnnDep,
    settings: SettingsDep,
) -> Response:
    body = await read_body(request, settings.max_upload_bytes)
    path = f"/v1/models/{name}/versions/{version}/{resource}"
    response = await send(cnn, request.method, path, request=request, content=body)
    return relay(response)


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
async def create_report(request: Request, cnn: CnnDep) -> Response:
    body = await read_body(request, REPORT_REQUEST_MAX_BYTES)
    return relay(await send(cnn, "POST", "/v1/reports", request=request, content=body))


@router.get(
    "/reports",
    summary="Analysis report jobs, newest first",
    response_model=ReportListResponse,
    responses=dict.fromkeys((502, 504), _PROBLEM),
)
async def list_reports(request: Request, cnn: CnnDep) -> Response:
    return relay(await send(cnn, "GET", "/v1/reports", request=request))


@router.get(
    "/reports/{resource:path}",
    summary="One report job (`{id}`), or its file (`{id}/report.html`, `.pdf`)",
    responses=dict.fromkeys((404, 409, 502, 504), _PROBLEM),
)
async def read_report(resource: str, request: Request, cnn: CnnDep) -> Response:
    path = f"/v1/reports/{resource}"
    return relay(await send(cnn, "GET", path, request=request))
