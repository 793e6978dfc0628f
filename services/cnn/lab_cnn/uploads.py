"""Getting the image bytes out of a request: multipart, JSON base64 or raw image."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.requests import Request

from lab_cnn.errors import InvalidBase64
from lab_common.bodies import load_json, read_body
from lab_common.problems import UnsupportedMediaType, ValidationFailed, field_errors
from lab_common.vision.schemas import PredictionRequest

_DATA_URL_PREFIX = re.compile(r"^data:[\w/+.-]*(;[\w=.-]+)*;base64,", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ImageUpload:
    data: bytes
    filename: str | None


def decode_base64_image(text: str) -> bytes:
    """Bytes of a base64 string, with or without a ``data:`` URL prefix."""
    payload = _WHITESPACE.sub("", _DATA_URL_PREFIX.sub("", text.strip(), count=1))
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidBase64("alphabet") from exc


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def _from_multipart(request: Request) -> ImageUpload:
    form = await request.form(max_files=1, max_fields=8)
    file = form.get("file")
    if not isinstance(file, UploadFile):
        raise ValidationFailed("image-field")
    return ImageUpload(data=await file.read(), filename=file.filename)


def _from_json(body: bytes) -> ImageUpload:
    payload = load_json(body)
    try:
        parsed = PredictionRequest.model_validate(payload)
    except ValidationError as exc:
        raise ValidationFailed("image-json", errors=field_errors(exc.errors())) from exc
    return ImageUpload(data=decode_base64_image(parsed.image_b64), filename=None)


async def read_image_upload(request: Request, max_bytes: int) -> ImageUpload:
    """The uploaded image's bytes, whichever of the accepted bodies carried it."""
    body = await read_body(request, max_bytes)
    media_type = _media_type(request)
    if media_type == "multipart/form-data":
        return await _from_multipart(request)
    if media_type == "application/json" or media_type.endswith("+json"):
        return _from_json(body)
    if media_type.startswith("image/") or media_type == "application/octet-stream":
        return ImageUpload(data=body, filename=None)
    raise UnsupportedMediaType("image-body", media_type=media_type or "none")
