"""One request intake: every body a service reads by hand comes through here.

A body is read within a byte limit (one 413, ``PayloadTooLarge``, whether the
limit is passed by the declared ``Content-Length`` or by the bytes counted),
either whole (``read_body``) or as a multipart form whose files are spooled to
disk as they arrive (``read_form``). JSON is parsed into a pydantic schema
with the same 400/422 problems everywhere (``parse_json``). The links a
response carries are written here too (``public_link``), so they point where
the caller can reach them, through the gateway or not.

Nothing here writes Starlette's private request cache: a body is read once,
by the one function that needs it.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.datastructures import FormData
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

from lab_common.problems import (
    PayloadTooLarge,
    ValidationFailed,
    field_errors,
    invalid_json,
)

Schema = TypeVar("Schema", bound=BaseModel)

# The gateway says under which of its paths a service's ``/v1`` is published.
FORWARDED_PREFIX_HEADER = "x-forwarded-prefix"
SERVICE_MOUNT = "/v1"
_SAFE_PREFIX = re.compile(r"^(/[A-Za-z0-9_-]+)+$")


def media_type(request: Request) -> str:
    """The body's media type, lower case, without parameters (``""`` if none)."""
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _refuse_declared_size(request: Request, max_bytes: int, what: str) -> None:
    """Refuse before reading: a client that announces too much is told at once."""
    declared = request.headers.get("content-length")
    if declared is None:
        return
    if not declared.isdigit():
        raise ValidationFailed("content-length")
    if int(declared) > max_bytes:
        raise PayloadTooLarge(
            "declared", size=int(declared), max_bytes=max_bytes, what=what
        )


async def _limited_stream(
    request: Request, max_bytes: int, what: str
) -> AsyncIterator[bytes]:
    """The body's chunks, cut off once they pass ``max_bytes``: a chunked
    upload announces no length, so the bytes themselves are counted."""
    _refuse_declared_size(request, max_bytes, what)
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > max_bytes:
            raise PayloadTooLarge("streamed", max_bytes=max_bytes, what=what)
        yield chunk


async def read_body(request: Request, max_bytes: int, *, what: str = "image") -> bytes:
    """The whole body, or ``PayloadTooLarge`` as soon as it passes ``max_bytes``.

    ``what`` names the thing to send smaller in the 413's sentence (a term).
    """
    return b"".join(
        [chunk async for chunk in _limited_stream(request, max_bytes, what)]
    )


async def read_form(
    request: Request,
    max_bytes: int,
    *,
    max_files: int,
    max_fields: int,
    what: str = "request",
) -> FormData:
    """The multipart form, its files spooled to disk while the body streams in.

    The caller closes the form (``await form.close()``). A body that is not
    valid multipart is a 422 saying what is wrong with it.
    """
    parser = MultiPartParser(
        request.headers,
        _limited_stream(request, max_bytes, what),
        max_files=max_files,
        max_fields=max_fields,
    )
    try:
        return await parser.parse()
    except MultiPartException as exc:
        raise ValidationFailed("multipart", error=exc.message) from exc


def json_request_body(schema: type[BaseModel]) -> dict[str, object]:
    """OpenAPI for a JSON body a handler reads itself (``read_json``), so the
    docs still show its schema."""
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": schema.model_json_schema()}},
        }
    }


def load_json(body: bytes) -> Any:
    """``body`` decoded as JSON, or ``InvalidJson`` (400) saying why not."""
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise invalid_json(exc) from exc


def validate_payload(
    payload: object, schema: type[Schema], *, variant: str = "fields"
) -> Schema:
    """``payload`` (decoded JSON, form fields) as ``schema``, or a 422 whose
    ``errors`` name each offending field as a JSON pointer; ``variant`` picks
    the detail sentence that says what was expected."""
    try:
        return schema.model_validate(payload)
    except ValidationError as exc:
        raise ValidationFailed(variant, errors=field_errors(exc.errors())) from exc


def parse_json(body: bytes, schema: type[Schema], *, variant: str = "fields") -> Schema:
    """``body`` as ``schema``: invalid JSON is a 400, a schema mismatch a 422."""
    return validate_payload(load_json(body), schema, variant=variant)


async def read_json(request: Request, schema: type[Schema], max_bytes: int) -> Schema:
    """The body, within ``max_bytes``, parsed as ``schema``."""
    return parse_json(await read_body(request, max_bytes, what="request"), schema)


def public_link(request: Request, route: str, /, **path_params: Any) -> str:
    """The path of ``route`` as this request's caller reaches it.

    Behind the gateway a service's ``/v1`` is published under the prefix the
    gateway forwards (``/api/v1/vision``); a prefix that is not a plain path
    is ignored rather than echoed into a ``Location``.
    """
    path = request.url_for(route, **path_params).path
    prefix = request.headers.get(FORWARDED_PREFIX_HEADER)
    if (
        prefix
        and _SAFE_PREFIX.fullmatch(prefix)
        and path.startswith(f"{SERVICE_MOUNT}/")
    ):
        return prefix + path.removeprefix(SERVICE_MOUNT)
    return path
