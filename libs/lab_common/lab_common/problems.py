"""RFC 9457 problem details: one error model and one place that registers handlers.

Every non-2xx answer of every ArchiLab service is ``application/problem+json``.
Domain code raises a :class:`LabError` subclass naming which of its sentences
applies and the values it names, e.g. ``raise ModelNotFound("no-version",
name="digits", version="7")``; routers never build error responses themselves.
The body's ``title`` and ``detail`` are that sentence in the request's language
(``lab_common.messages``: ``problem.model-not-found`` and
``problem.model-not-found.no-version``); ``code`` (the type's last segment, or
the status slug for ``about:blank``) and ``params`` let a client tell its own.

Problem types used across the services (``type`` -> meaning):

- ``/problems/validation``: the request does not match the documented schema.
- ``/problems/unreadable-image``: the upload is not a decodable image.
- ``/problems/empty-image``: the image holds no ink (blank canvas).
- ``/problems/image-too-large``: the image's dimensions exceed the limit.
- ``/problems/payload-too-large``: the request body (or a dataset upload) exceeds
  its byte limit.
- ``/problems/invalid-json``: the body is not valid JSON.
- ``/problems/invalid-base64``: ``image_b64`` is not valid base64.
- ``/problems/unsupported-media-type``: the body's content type is not accepted.
- ``/problems/model-unavailable``: no model is loaded to serve the request.
- ``/problems/model-not-found``: the named model or version does not exist.
- ``/problems/layer-not-found``: the model has no layer of that name.
- ``/problems/layer-not-spatial``: the layer has no feature maps (e.g. Dense).
- ``/problems/layer-not-convolutional``: the layer has no kernels to show.
- ``/problems/filter-index-out-of-range``: no filter or channel with that index.
- ``/problems/dataset-unavailable``: a model names a dataset this server lacks (409).
- ``/problems/report-not-found``: no analysis report job with that id.
- ``/problems/report-not-ready``: the report is still being written (or failed).
- ``/problems/report-queue-full``: too many reports waiting; retry later.
- ``/problems/pdf-printer-missing``: WeasyPrint cannot load Pango on this host.
- ``/problems/dataset-not-found``: no dataset (of that task) with that id.
- ``/problems/dataset-missing``: a dataset's course files are absent (503, how to add).
- ``/problems/dataset-checksum-mismatch``: a downloaded file failed its SHA-256.
- ``/problems/vectors-missing``: the package of a word-vector source is absent.
- ``/problems/upload-not-supported``: a dataset upload is neither zip nor CSV.
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
- ``/problems/no-recurrent-layer``: the model has no LSTM, GRU or SimpleRNN cell.
- ``/problems/upstream-unavailable``: the gateway could not reach a service.
- ``/problems/upstream-timeout``: a service did not answer in time.
- ``/problems/service-unhealthy``: a health check failed.
- ``/problems/unauthorized``: no API key, a malformed one, or an unknown/revoked one.
- ``/problems/forbidden``: the key may not do this (admin only, another team's).
- ``/problems/team-exists``: a team asked for already has a live key (409).
- ``/problems/job-not-found``: no training job with that id (or not yours to see).
- ``/problems/queue-unavailable``: Redis, the training queue, is unreachable.
- ``/problems/challenge-not-found``: no challenge with that id (or not yet open).
- ``/problems/challenge-state-conflict``: open/freeze/reveal out of order (409).
- ``/problems/challenge-closed``: a frozen or revealed challenge takes nothing.
- ``/problems/template-unavailable``: an unknown template, or its data is absent.
- ``/problems/submission-refused``: the submitted job cannot be scored here.
- ``/problems/challenge-quota-exceeded``: submissions or running jobs over quota.
- ``/problems/challenge-split-mismatch``: a challenge's splits left its manifest.
- ``/problems/challenge-data-unavailable``: a service cannot read a challenge's splits.
- ``/problems/hidden-example-upload``: an upload holds a challenge's hidden image.
- ``/problems/confused-examples-unavailable``: no confused images for that cell (422).
- ``about:blank``: a plain HTTP status (unknown route, wrong method, server error).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
from lab_common.messages import (
    SENTENCES,
    Language,
    LanguageMiddleware,
    ParamValue,
    current_language,
    negotiate_language,
    render,
)

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(BaseModel):
    """The body of an error response (RFC 9457), with ArchiLab's extra members."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    code: str | None = None
    title: str
    status: int
    detail: str | None = None
    params: dict[str, ParamValue] | None = None
    instance: str | None = None
    request_id: str | None = None


def problem_code(problem_type: str, status: int) -> str:
    """``/problems/model-not-found`` → ``model-not-found``; ``about:blank`` 404 →
    ``not-found`` (the status phrase as a slug)."""
    if problem_type != "about:blank":
        return problem_type.rstrip("/").rsplit("/", 1)[-1]
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return "error"
    return "-".join(phrase.lower().replace("'", "").split())


def _param(value: Any) -> ParamValue:
    if isinstance(value, bool):
        return str(value).lower()
    return value if isinstance(value, str | int | float) else str(value)


def params_of(values: Mapping[str, Any]) -> dict[str, ParamValue]:
    """``values`` as JSON-safe params (paths, exceptions and the like as text)."""
    return {name: _param(value) for name, value in values.items()}


@dataclass(frozen=True)
class FieldError:
    """One refused field: where (a JSON pointer) and which sentence says why."""

    pointer: str
    code: str  # the pydantic error type, or our own for hand-made checks
    params: dict[str, ParamValue] = field(default_factory=dict)

    def detail_in(self, language: Language | None = None) -> str:
        key = f"validation.{self.code}"
        if key not in SENTENCES:
            key = "validation.generic"
        return render(key, {"type": self.code, "message": "", **self.params}, language)

    def as_member(self, language: Language) -> dict[str, Any]:
        return {
            "detail": self.detail_in(language),
            "pointer": self.pointer,
            "code": self.code,
            "params": self.params,
        }


class LabError(Exception):
    """Base of domain errors; subclasses fix ``status`` and ``type``.

    ``variant`` names the detail sentence (``problem.<code>.<variant>``) and
    ``params`` the values it names; they are also the body's ``params``.
    ``errors`` lists refused fields; ``members`` adds other body members.
    """

    status: ClassVar[int] = 500
    type: ClassVar[str] = "about:blank"

    def __init__(
        self,
        variant: str,
        /,
        *,
        headers: dict[str, str] | None = None,
        errors: Sequence[FieldError] = (),
        members: Mapping[str, Any] | None = None,
        **params: Any,
    ) -> None:
        super().__init__(variant)
        self.variant = variant
        self.params = params_of(params)
        self.errors = list(errors)
        self.members = dict(members or {})
        self.headers = headers or {}

    @property
    def code(self) -> str:
        return problem_code(self.type, self.status)

    @property
    def key(self) -> str:
        return f"problem.{self.code}.{self.variant}"

    def title_in(self, language: Language | None = None) -> str:
        return render(f"problem.{self.code}", {}, language)

    def detail_in(self, language: Language | None = None) -> str:
        language = language or current_language()
        params: dict[str, Any] = dict(self.params)
        if self.errors:
            colon = "\u00a0:" if language == "fr" else ":"
            params["errors"] = "; ".join(
                f"{e.pointer}{colon} {e.detail_in(language)}" for e in self.errors
            )
        if self.key not in SENTENCES:
            # A sentence written at the raise site: shown as is, and logged.
            logger.warning("messages.missing", extra={"key": self.key})
        return render(self.key, params, language, missing=self.variant)

    @property
    def detail(self) -> str:
        """The detail in the current request's language."""
        return self.detail_in()

    def __str__(self) -> str:
        return self.detail_in("en")  # logs and tracebacks are read by operators

    def to_problem(self, language: Language, instance: str | None = None) -> Problem:
        return Problem(
            type=self.type,
            code=self.code,
            title=self.title_in(language),
            status=self.status,
            detail=self.detail_in(language),
            params=self.params,
            instance=instance,
            request_id=current_request_id(),
            **(
                {"errors": [e.as_member(language) for e in self.errors]}
                if self.errors
                else {}
            ),
            **self.members,
        )


class ValidationFailed(LabError):
    status = 422
    type = "/problems/validation"


class InvalidJson(LabError):
    status = 400
    type = "/problems/invalid-json"


class PayloadTooLarge(LabError):
    status = 413
    type = "/problems/payload-too-large"


class UnsupportedMediaType(LabError):
    status = 415
    type = "/problems/unsupported-media-type"


class ModelUnavailable(LabError):
    status = 503
    type = "/problems/model-unavailable"


class ModelNotFound(LabError):
    status = 404
    type = "/problems/model-not-found"


class UpstreamUnavailable(LabError):
    status = 502
    type = "/problems/upstream-unavailable"


class UpstreamTimeout(LabError):
    status = 504
    type = "/problems/upstream-timeout"


class ServiceUnhealthy(LabError):
    status = 503
    type = "/problems/service-unhealthy"


class HttpError(LabError):
    """A plain HTTP status (``about:blank``): unknown route, wrong method, crash."""

    def __init__(self, status: int, variant: str, **params: Any) -> None:
        super().__init__(variant, **params)
        self.status = status  # type: ignore[misc]

    def title_in(self, language: Language | None = None) -> str:
        if f"problem.{self.code}" in SENTENCES:
            return super().title_in(language)
        return render("problem.http-error", {"status": self.status}, language)

    def detail_in(self, language: Language | None = None) -> str:
        if self.key in SENTENCES:
            return super().detail_in(language)
        return render("problem.http-error.status", {"status": self.status}, language)


def field_errors(errors: Sequence[Mapping[str, Any]]) -> list[FieldError]:
    """Pydantic's errors as ``FieldError``s: type and context, not English text."""
    return [
        FieldError(
            pointer="/" + "/".join(str(part) for part in error["loc"]),
            code=str(error["type"]),
            params={
                "message": str(error.get("msg", "")),
                **params_of(error.get("ctx") or {}),
            },
        )
        for error in errors
    ]


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


def _http_error(request: Request, exc: StarletteHTTPException) -> HttpError:
    """Say what to do instead of repeating the status phrase."""
    where = {"method": request.method, "path": request.url.path}
    if exc.status_code == 404 and exc.detail == "Not Found":
        return HttpError(404, "route", **where)
    if exc.status_code == 405:
        headers = exc.headers or {}
        allowed = headers.get("Allow") or headers.get("allow") or "?"
        return HttpError(405, "method", allowed=allowed, **where)
    return HttpError(exc.status_code, "status")


def request_language(request: Request) -> Language:
    return negotiate_language(request.headers.get("accept-language"))


# What FastAPI raises when a modelled JSON body cannot be parsed at all
# (too deep for the parser, not UTF-8); a syntax error is a json_invalid 422.
_UNPARSABLE_BODY = "There was an error parsing the body"


def _is_unparsable_body(exc: StarletteHTTPException) -> bool:
    return exc.status_code == 400 and exc.detail == _UNPARSABLE_BODY


def invalid_json(cause: BaseException | None = None) -> InvalidJson:
    """The 400 for a body that is not JSON, whoever parsed it, saying why."""
    if isinstance(cause, RecursionError):
        # The parser recurses per level: thousands of [[[... exhaust the stack.
        return InvalidJson("too-deep")
    if isinstance(cause, json.JSONDecodeError):
        return InvalidJson("syntax", line=cause.lineno, column=cause.colno)
    if isinstance(cause, UnicodeDecodeError):
        return InvalidJson("encoding")
    return InvalidJson("unreadable")


def _json_syntax_error(exc: RequestValidationError) -> InvalidJson | None:
    """FastAPI's ``json_invalid`` 422 is a 400 ``invalid-json``, as for the
    bodies the services parse themselves."""
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            return InvalidJson("syntax-at", position=error["loc"][-1])
    return None


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with a problem+json body in the request's
    language (and set that language for the request: ``LanguageMiddleware``)."""
    app.add_middleware(LanguageMiddleware)

    def answer(request: Request, exc: LabError) -> JSONResponse:
        language = request_language(request)
        problem = exc.to_problem(language, instance=request.url.path)
        return problem_response(problem, {**exc.headers, "Content-Language": language})

    async def on_lab_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, LabError)
        if exc.status >= 500:
            logger.error("request.failed", extra={"problem": exc.type})
        else:
            logger.warning("request.rejected", extra={"problem": exc.type})
        return answer(request, exc)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if _is_unparsable_body(exc):
            return await on_lab_error(request, invalid_json(exc.__cause__))
        error = _http_error(request, exc)
        error.headers = dict(exc.headers or {})
        return answer(request, error)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        syntax_error = _json_syntax_error(exc)
        if syntax_error is not None:
            return await on_lab_error(request, syntax_error)
        return answer(
            request, ValidationFailed("fields", errors=field_errors(exc.errors()))
        )

    async def on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
        # Only reached for a crash in an outer middleware: the handlers' own
        # crashes are answered by UnexpectedErrorMiddleware, which does not re-raise.
        logger.error("request.crashed", exc_info=exc)
        return answer(request, HttpError(500, "logged"))

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
    return HttpError(500, "logged").to_problem(current_language(), instance=path)


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
