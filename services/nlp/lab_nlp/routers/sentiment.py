"""/v1/sentiment: predictions, explanations, the Mistral comparison, models."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from lab_common.bodies import (
    json_request_body,
    media_type,
    public_link,
    read_form,
    read_json,
    validate_payload,
)
from lab_common.problems import Problem, ValidationFailed
from lab_common.text.schemas import (
    ComparisonResponse,
    ExplanationResponse,
    LstmVerdict,
    PredictionRequest,
    PredictionResponse,
    SingleTextRequest,
    TokenContribution,
)
from lab_common.vision.schemas import ModelListResponse, summarize_models
from lab_nlp.dependencies import (
    EvaluationsDep,
    MistralDep,
    ModelsDep,
    RegistryDep,
    SettingsDep,
)
from lab_nlp.evaluations import (
    EvaluationJob,
    EvaluationJobs,
    EvaluationRequest,
    UploadOptions,
)
from lab_nlp.explanations import explain
from lab_nlp.inference import predict, to_prediction
from lab_nlp.languages import detect_language

router = APIRouter(prefix="/sentiment", tags=["sentiment"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
_ERRORS = dict.fromkeys((400, 413, 422, 503), _PROBLEM)

# An evaluation upload has three option fields; a few more get named as unknown.
MAX_EVALUATION_FORM_FIELDS = 8


@router.post(
    "/predictions",
    response_model=PredictionResponse,
    summary="Positive or negative, for one text or up to 256",
    responses=_ERRORS,
    openapi_extra=json_request_body(PredictionRequest),
)
async def create_predictions(
    request: Request, settings: SettingsDep, models: ModelsDep
) -> Response:
    limit = settings.max_sentiment_body_bytes
    body = await read_json(request, PredictionRequest, limit)
    predictions = await run_in_threadpool(
        predict, models, body.all_texts, body.language
    )
    # Serialised once here: FastAPI would validate the finished model again.
    answer = PredictionResponse(predictions=predictions)
    return Response(answer.model_dump_json(), media_type="application/json")


@router.post(
    "/explanations",
    response_model=ExplanationResponse,
    summary="Each word's contribution and the opinion after each word",
    responses=_ERRORS,
    openapi_extra=json_request_body(SingleTextRequest),
)
async def create_explanation(
    request: Request, settings: SettingsDep, models: ModelsDep
) -> ExplanationResponse:
    limit = settings.max_sentiment_body_bytes
    body = await read_json(request, SingleTextRequest, limit)
    language = body.language or detect_language(body.text)
    model = models.get(language)
    result = await run_in_threadpool(
        explain, model, body.text, settings.max_explained_words
    )
    tokens = [
        TokenContribution(
            token=word.text,
            start=word.start,
            end=word.end,
            occlusion=occlusion,
            gradient_x_input=gradient,
            in_vocabulary=known,
        )
        for word, occlusion, gradient, known in zip(
            result.words,
            result.occlusion,
            result.gradient_x_input,
            result.in_vocabulary,
            strict=True,
        )
    ]
    prediction = to_prediction(
        model, result.positive_probability, language, body.language is None
    )
    return ExplanationResponse(
        prediction=prediction, tokens=tokens, trajectory=result.trajectory
    )


@router.post(
    "/comparisons",
    response_model=ComparisonResponse,
    summary="The LSTM and a Mistral model on the same text, with latencies",
    responses=dict.fromkeys((400, 413, 422, 502, 503, 504), _PROBLEM),
    openapi_extra=json_request_body(SingleTextRequest),
)
async def create_comparison(
    request: Request, settings: SettingsDep, models: ModelsDep, judge: MistralDep
) -> ComparisonResponse:
    limit = settings.max_sentiment_body_bytes
    body = await read_json(request, SingleTextRequest, limit)
    started = time.perf_counter()
    [lstm] = await run_in_threadpool(predict, models, [body.text], body.language)
    lstm_ms = (time.perf_counter() - started) * 1000
    mistral = await judge.judge(body.text, lstm.language)
    return ComparisonResponse(
        language=lstm.language,
        lstm=LstmVerdict(**lstm.model_dump(), latency_ms=lstm_ms),
        mistral=mistral,
        agree=mistral.label == lstm.label,
    )


@router.post(
    "/comparisons/evaluations",
    status_code=202,
    response_model=EvaluationJob,
    summary="Start LSTM vs Mistral on a labelled sample (a background job)",
    description='JSON `{"dataset": "allocine", "split": "test", "sample_size": 50}`, '
    "or multipart: a `text,label` CSV in `file` (labels 0/1 or negative/positive, "
    "<= 5,000 rows) with optional `sample_size`, `seed`, `language` fields.",
    responses=dict.fromkeys((400, 404, 413, 422, 503), _PROBLEM),
    openapi_extra=json_request_body(EvaluationRequest),
)
async def create_evaluation(
    request: Request, response: Response, settings: SettingsDep, jobs: EvaluationsDep
) -> EvaluationJob:
    limit = settings.max_sentiment_body_bytes
    if media_type(request) == "multipart/form-data":
        job = await _submit_upload(request, jobs, limit)
    else:
        job = jobs.submit_dataset(await read_json(request, EvaluationRequest, limit))
    location = public_link(request, "read_evaluation", job_id=job.id)
    response.headers["Location"] = location
    return job


async def _submit_upload(
    request: Request, jobs: EvaluationJobs, max_bytes: int
) -> EvaluationJob:
    """A CSV in form field ``file``, the other form fields as ``UploadOptions``."""
    form = await read_form(
        request, max_bytes, max_files=1, max_fields=MAX_EVALUATION_FORM_FIELDS
    )
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ValidationFailed("csv-field")
        fields = {key: value for key, value in form.items() if key != "file"}
        options = validate_payload(fields, UploadOptions)
        content = await upload.read()
    finally:
        await form.close()
    return jobs.submit_upload(upload.filename or "upload.csv", content, options)


@router.get(
    "/comparisons/evaluations/{job_id}",
    response_model=EvaluationJob,
    summary="An evaluation: status, progress, and its result when done",
    responses={404: _PROBLEM},
)
def read_evaluation(job_id: str, jobs: EvaluationsDep) -> EvaluationJob:
    return jobs.get(job_id)


@router.get("/models", response_model=ModelListResponse, summary="Sentiment models")
def list_models(
    settings: SettingsDep, models: ModelsDep, registry: RegistryDep
) -> ModelListResponse:
    served = {(m.ref.name, m.ref.version) for m in models.loaded.values()}
    names = list(settings.model_names.values())
    return ModelListResponse(models=summarize_models(registry, served, names=names))
