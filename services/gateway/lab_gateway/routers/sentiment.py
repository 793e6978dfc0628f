"""/api/v1/sentiment/*: the public sentiment API, relayed to the nlp service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from lab_common.bodies import json_request_body, read_body
from lab_common.problems import Problem
from lab_common.text.schemas import (
    CellStatesRequest,
    CellStatesResponse,
    ComparisonResponse,
    ExplanationResponse,
    PredictionRequest,
    PredictionResponse,
    SingleTextRequest,
)
from lab_common.vision.schemas import ModelListResponse
from lab_gateway.dependencies import NlpDep, SettingsDep
from lab_gateway.segments import JobId, ModelName, ModelVersion
from lab_gateway.upstream import relay, send

router = APIRouter(prefix="/sentiment", tags=["sentiment"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}


async def read_sentiment_body(request: Request, settings: SettingsDep) -> bytes:
    """The body to relay, refused here when the nlp would refuse it (same setting)."""
    return await read_body(request, settings.max_sentiment_body_bytes, what="request")


SentimentBodyDep = Annotated[bytes, Depends(read_sentiment_body)]


async def _relay_post(
    request: Request, nlp: NlpDep, path: str, body: bytes, *, repeatable: bool = True
) -> Response:
    """Predictions, explanations and comparisons store nothing: repeatable."""
    response = await send(
        nlp, "POST", path, request=request, content=body, repeatable=repeatable
    )
    return relay(response)


@router.post(
    "/predictions",
    summary="Positive or negative, with the detected language",
    description='`{"text": "..."}` or `{"texts": [...]}` (<= 256 texts of <= 5,000 '
    'characters); optional `"language": "fr" | "en"` instead of detection.',
    response_model=PredictionResponse,
    responses=dict.fromkeys((400, 413, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=json_request_body(PredictionRequest),
)
async def create_predictions(
    request: Request, nlp: NlpDep, body: SentimentBodyDep
) -> Response:
    return await _relay_post(request, nlp, "/v1/sentiment/predictions", body)


@router.post(
    "/explanations",
    summary="Each word's contribution (occlusion, gradient x input) and the "
    "opinion after each word",
    response_model=ExplanationResponse,
    responses=dict.fromkeys((400, 413, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=json_request_body(SingleTextRequest),
)
async def create_explanation(
    request: Request, nlp: NlpDep, body: SentimentBodyDep
) -> Response:
    return await _relay_post(request, nlp, "/v1/sentiment/explanations", body)


@router.post(
    "/comparisons",
    summary="The LSTM and a Mistral model on the same text, with latencies",
    description="503 `feature-unavailable` when no Mistral key is configured.",
    response_model=ComparisonResponse,
    responses=dict.fromkeys((400, 413, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=json_request_body(SingleTextRequest),
)
async def create_comparison(
    request: Request, nlp: NlpDep, body: SentimentBodyDep
) -> Response:
    return await _relay_post(request, nlp, "/v1/sentiment/comparisons", body)


@router.post(
    "/comparisons/evaluations",
    status_code=202,
    summary="Start LSTM vs Mistral on a labelled sample (a background job)",
    description='`{"dataset": "allocine", "split": "test", "sample_size": 50}`; '
    "poll the `Location` for accuracy of both, agreement matrix, latency "
    "percentiles, token usage and disagreements.",
    responses=dict.fromkeys((400, 404, 413, 422, 502, 503, 504), _PROBLEM),
)
async def create_evaluation(
    request: Request, nlp: NlpDep, body: SentimentBodyDep
) -> Response:
    # Each POST starts a job: a dropped one is not sent twice.
    path = "/v1/sentiment/comparisons/evaluations"
    return await _relay_post(request, nlp, path, body, repeatable=False)


@router.get(
    "/comparisons/evaluations/{job_id}",
    summary="An evaluation: status, progress, and its result when done",
    responses=dict.fromkeys((404, 422, 502, 504), _PROBLEM),
)
async def read_evaluation(job_id: JobId, request: Request, nlp: NlpDep) -> Response:
    path = f"/v1/sentiment/comparisons/evaluations/{job_id}"
    return relay(await send(nlp, "GET", path, request=request))


@router.post(
    "/models/{name}/versions/{version}/cell-states",
    summary="Inside the recurrent cell: its gates and states word by word (JSON or "
    "a PNG heat map)",
    description='`{"text": "...", "units": 8}` (1 to 32 units, <= 300 words). The '
    "version's first LSTM, GRU or SimpleRNN layer, stepped over the words: each "
    "gate and state of the units whose memory tracks the running opinion best. "
    "`Accept: image/png` for a heat map, `Accept-Language: en` for English "
    "labels. 422 `no-recurrent-layer` names the versions that have one.",
    response_model=CellStatesResponse,
    responses={200: {"content": {"image/png": {}}, "description": "JSON, or PNG"}}
    | dict.fromkeys((400, 404, 413, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=json_request_body(CellStatesRequest),
)
async def create_cell_states(
    name: ModelName,
    version: ModelVersion,
    request: Request,
    nlp: NlpDep,
    body: SentimentBodyDep,
) -> Response:
    path = f"/v1/sentiment/models/{name}/versions/{version}/cell-states"
    return await _relay_post(request, nlp, path, body)


@router.get(
    "/models",
    summary="The sentiment model versions",
    response_model=ModelListResponse,
    responses=dict.fromkeys((502, 504), _PROBLEM),
)
async def list_models(request: Request, nlp: NlpDep) -> Response:
    return relay(await send(nlp, "GET", "/v1/sentiment/models", request=request))
