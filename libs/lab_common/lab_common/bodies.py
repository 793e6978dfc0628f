"""Reading request bodies with a byte limit, so a huge upload is refused early."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from lab_common.problems import (
    PayloadTooLarge,
    ValidationFailed,
    field_errors,
    invalid_json,
)

Schema = TypeVar("Schema", bound=BaseModel)


async def read_body(request: Request, max_bytes: int, *, what: str = "image") -> bytes:
    """The whole body, or ``PayloadTooLarge`` as soon as it passes ``max_bytes``.

    ``Content-Length`` is checked first; the stream is counted as well because
    a chunked upload announces no length.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ValidationFailed("content-length")
        if int(declared) > max_bytes:
            raise PayloadTooLarge(
                "declared", size=int(declared), max_bytes=max_bytes, what=what
            )
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > max_bytes:
            raise PayloadTooLarge("streamed", max_bytes=max_bytes, what=what)
        chunks.append(chunk)
    body = b"".join(chunks)
    # Later readers (request.form(), request.json()) reuse the cached body.
    request._body = body
    return body


def json_request_body(schema: type[BaseModel]) -> dict[str, object]:
    """OpenAPI for a JSON body a handler reads itself (``parse_json``), so the
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


def parse_json(body: bytes, schema: type[Schema]) -> Schema:
    """``body`` as ``schema``: invalid JSON is a 400, a schema mismatch a 422.

    The 422's ``errors`` name each offending field as a JSON pointer.
    """
    payload = load_json(body)
    try:
        return schema.model_validate(payload)
    except ValidationError as exc:
        raise ValidationFailed("fields", errors=field_errors(exc.errors())) from exc
