"""RFC 9457 problem details: one error model and one place that registers handlers.

Every non-2xx answer of every ArchiLab service is ``application/problem+json``.
Domain code raises a :class:`LabError` subclass with a ``detail`` that tells the
caller what to fix; routers never build error responses themselves.

Problem types used across the services (``type`` -> meaning):

- ``/problems/validation``: the request does not match the documented schema.
- ``/problems/unreadable-image``: the upload is not a decodable image.
- ``/problems/empty-image``: the image holds no ink (blank canvas).
- ``/problems/image-too-large``: the image's dimensions exceed the limit.
- ``/problems/payload-too-large``: the request body exceeds the byte limit.
- ``/problems/invalid-json``: the body is not valid JSON.
- ``/problems/invalid-base64``: ``image_b64`` is not valid base64.
- ``/problems/unsupported-media-type``: the body's content type is not accepted.
- ``/problems/model-unavailable``: no model is loaded to serve the request.
- ``/problems/model-not-found``: the named model or version does not exist.
- ``/problems/layer-not-found``: the model has no layer of that name.
- ``/problems/layer-not-spatial``: the layer has no feature maps (e.g. Dense).
- ``/problems/layer-not-convolutional``: the layer has no kernels to show.
- ``/problems/filter-index-out-of-range``: no filter or channel with that index.
- ``/problems/dataset-unavailable``: the model's dataset cannot be loaded here.
- ``/problems/report-not-found``: no analysis report job with that id.
- ``/problems/report-not-ready``: the report is still being written (or failed).
- ``/problems/report-queue-full``: too many reports waiting; retry later.
- ``/problems/pdf-printer-missing``: WeasyPrint cannot load Pango on this host.
- ``/problems/dataset-not-found``: no text dataset with that id in the catalogue.
- ``/problems/dataset-missing``: a text dataset's files are absent (say how to add).
- ``/problems/dataset-checksum-mismatch``: a downloaded file failed its SHA-256.
- ``/problems/upload-not-supported``: a dataset upload is neither zip nor CSV.
- ``/problems/upload-too-large``: a dataset upload exceeds the byte limit.
- ``/problems/too-many-files``: an uploaded zip holds more entries than allowed.
- ``/problems/unsafe-archive-path``: a zip entry is absolute, has ``..`` or is a link.
- ``/problems/archive-bomb``: a zip expands too much (ratio or total size).
- ``/problems/invalid-archive``: a zip is damaged or not ``<class>/<image>``.
- ``/problems/archive-image-too-large``: an uploaded image has too many pixels.
- ``/problems/undecodable-image``: a file in an uploaded zip is not an image.
- ``/problems/too-few-classes``: an uploaded dataset has fewer than two classes.
- ``/problems/too-few-examples``: a class of an upload has under two examples.
- ``/problems/empty-label``: an uploaded CSV row has an empty text or label.
- ``/problems/invalid-csv``: an uploaded CSV is not UTF-8 ``text,label`` rows.
- ``/problems/too-many-rows``: an uploaded CSV has more rows than allowed.
- ``/problems/feature-unavailable``: Mistral is not configured (no API key).
- ``/problems/upstream-auth``: Mistral refused the configured key (401/403).
- ``/problems/upstream-rate-limited``: Mistral still says 429 after retries.
- ``/problems/upstream-invalid-output``: Mistral's answer is not the JSON asked.
- ``/problems/model-mismatch``: a stored model disagrees with its metadata.
- ``/problems/upstream-unavailable``: the gateway could not reach a service.
- ``/problems/upstream-timeout``: a service did not answer in time.
- ``/problems/service-unhealthy``: a health check failed.
- ``/problems/unauthorized``: no API key, a malformed one, or an unknown/revoked one.
- ``/problems/forbidden``: the key may not do this (admin only, another team's).
- ``/problems/job-not-found``: no training job with that id (or not yours to see).
- ``/problems/queue-unavailable``: Redis, the training queue, is unreachable.
- ``about:blank``: a plain HTTP status (unknown route, wrong method, server error).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lab_common.logging import current_request_id

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(BaseModel):
    """The body of an error response (RFC 9457), with ArchiLab's extra members."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None


class LabError(Exception):
    """Base of domain errors; subclasses fix ``status``, ``type`` and ``title``."""

    status: ClassVar[int] = 500
    type: ClassVar[str] = "about:blank"
    title: ClassVar[str] = "Internal Server Error"

    def __init__(
        self,
        detail: str,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}
        self.extra = extra


class ValidationFailed(LabError):
    status = 422
    type = "/problems/validation"
    title = "Request validation failed"


class InvalidJson(LabError):
    status = 400
    type = "/problems/invalid-json"
    title = "Request body is not valid JSON"


class PayloadTooLarge(LabError):
    status = 413
    type = "/problems/payload-too-large"
    title = "Request body is too large"


class UnsupportedMediaType(LabError):
    status = 415
    type = "/problems/unsupported-media-type"
    title = "Unsupported request content type"


class ModelUnavailable(LabError):
    status = 503
    type = "/problems/model-unavailable"
    title = "No model is available"


class ModelNotFound(LabError):
    status = 404
    type = "/problems/model-not-found"
    title = "Model not found"


class UpstreamUnavailable(LabError):
    status = 502
    type = "/problems/upstream-unavailable"
    title = "A backing service could not be reached"


class UpstreamTimeout(LabError):
    status = 504
    type = "/problems/upstream-timeout"
    title = "A backing service did not answer in time"


class ServiceUnhealthy(LabError):
    status = 503
    type = "/problems/service-unhealthy"
    title = "Service is not healthy"


def problem_response(
    problem: Problem, headers: dict[str, str] | None = None
) -> JSONResponse:
    """Serialise ``problem`` with the RFC 9457 media type."""
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=problem.status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _status_title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _pointer(location: tuple[Any, ...]) -> str:
    """Turn a pydantic error location into a JSON pointer (``/query/top_k``)."""
    return "/" + "/".join(str(part) for part in location)


def _http_detail(request: Request, exc: StarletteHTTPException) -> str | None:
    """Say what to do instead of repeating the status phrase."""
    where = f"{request.method} {request.url.path}"
    if exc.status_code == 404 and exc.detail == "Not Found":
        return f"Nothing exists at {where}; the API is documented at /api/docs."
    if exc.status_code == 405:
        allowed = (exc.headers or {}).get("Allow") or (exc.headers or {}).get("allow")
        return f"{where} is not allowed; use {allowed or 'another method'}."
    return exc.detail if isinstance(exc.detail, str) else None


# What FastAPI raises when a modelled JSON body cannot be parsed at all
# (too deep for the parser, not UTF-8); a syntax error is a json_invalid 422.
_UNPARSABLE_BODY = "There was an error parsing the body"


def _is_unparsable_body(exc: StarletteHTTPException) -> bool:
    return exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY


def invalid_json(cause: BaseException | None = None) -> InvalidJson:
    """The 400 for a body that is not JSON, whoever parsed it."""
    if isinstance(cause, RecursionError):
        # The parser recurses per level: thousands of [[[... exhaust the stack.
        return InvalidJson(
            "The body's JSON is nested too deeply; no request of this API needs "
            "more than a few levels."
        )
    reason = f": {cause}" if cause is not None else ""
    return InvalidJson(f"The body is not valid UTF-8 JSON{reason}.")


def _json_syntax_error(exc: RequestValidationError) -> InvalidJson | None:
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "syntax error")
            where = error["loc"][-1]
            return InvalidJson(f"The body is not valid JSON: {reason} at {where}.")
    return None


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with a problem+json body."""

    async def on_lab_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, LabError)
        if exc.status >= 500:
            logger.error("request.failed", extra={"problem": exc.type})
        else:
            logger.warning("request.rejected", extra={"problem": exc.type})
        problem = Problem(
            type=exc.type,
            title=exc.title,
            status=exc.status,
            detail=exc.detail,
            instance=request.url.path,
            request_id=current_request_id(),
            **exc.extra,
        )
        return problem_response(problem, exc.headers)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if _is_unparsable_body(exc):
            return await on_lab_error(request, invalid_json(exc.__cause__))
        problem = Problem(
            title=_status_title(exc.status_code),
            status=exc.status_code,
            detail=_http_detail(request, exc),
            instance=request.url.path,
            request_id=current_request_id(),
        )
        return problem_response(problem, dict(exc.headers or {}))

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        syntax_error = _json_syntax_error(exc)
        if syntax_error is not None:
            return await on_lab_error(request, syntax_error)
        errors = [
            {"detail": error["msg"], "pointer": _pointer(error["loc"])}
            for error in exc.errors()
        ]
        problem = Problem(
            type=ValidationFailed.type,
            title=ValidationFailed.title,
            status=422,
            detail="; ".join(f"{e['pointer']}: {e['detail']}" for e in errors),
            instance=request.url.path,
            request_id=current_request_id(),
            errors=errors,
        )
        return problem_response(problem)

    async def on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        # Only reached for a crash in an outer middleware: the handlers' own
        # crashes are answered by UnexpectedErrorMiddleware, which does not re-raise.
        logger.error("request.crashed", exc_info=exc)
        return problem_response(_internal_error(request.url.path))

    app.add_exception_handler(LabError, on_lab_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(Exception, on_unexpected_error)
    # Innermost of the middlewares: the request id is still known when it answers.
    app.user_middleware.append(Middleware(UnexpectedErrorMiddleware))
    _document_problem_responses(app)


def _document_problem_responses(app: FastAPI) -> None:
    """Make the OpenAPI say what these handlers answer: FastAPI's default 422
    becomes a problem, and every JSON body may be a 400 ``invalid-json``."""
    build_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build_openapi()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = Problem.model_json_schema()
        problem = {
            "content": {
                PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
            }
        }
        for operation in _operations(schema):
            responses = operation.setdefault("responses", {})
            if "422" in responses:
                responses["422"] = {"description": "Validation Error", **problem}
            body = operation.get("requestBody", {}).get("content", {})
            if "application/json" in body and "400" not in responses:
                responses["400"] = {"description": "Invalid JSON", **problem}
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    methods = ("get", "put", "post", "delete", "patch", "head", "options")
    return [
        operation
        for path_item in schema.get("paths", {}).values()
        for method, operation in path_item.items()
        if method in methods
    ]


def _internal_error(path: str) -> Problem:
    return Problem(
        title="Internal Server Error",
        status=500,
        detail="An unexpected error occurred; it has been logged.",
        instance=path,
        request_id=current_request_id(),
    )


class UnexpectedErrorMiddleware:
    """Answers any exception a handler lets escape with the 500 problem.

    Starlette's own last-resort handler sends the 500 and then re-raises, so
    uvicorn logs "Exception in ASGI application" and drops the keep-alive
    connection under a client (the gateway) that may be about to reuse it.
    Here the traceback is logged once and the connection stays usable.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        response_started = False

        async def send_tracking_start(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, send_tracking_start)
        except Exception as exc:
            logger.error("request.crashed", exc_info=exc)
            if response_started:
                return  # a stream broke midway: nothing more can be said
            response = problem_response(_internal_error(scope["path"]))
            await response(scope, receive, send)
