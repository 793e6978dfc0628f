"""Getting the image bytes out of a request: multipart, JSON base64 or raw image."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from starlette.datastructures import UploadFile
from starlette.requests import Request

from lab_cnn.errors import InvalidBase64
from lab_common.bodies import media_type, parse_json, read_body, read_form
from lab_common.problems import UnsupportedMediaType, ValidationFailed
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


async def _from_multipart(request: Request, max_bytes: int) -> ImageUpload:
    form = await read_form(request, max_bytes, max_files=1, max_fields=8, what="image")
    try:
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise ValidationFailed("image-field")
        return ImageUpload(data=await file.read(), filename=file.filename)
    finally:
        await form.close()


async def read_image_upload(request: Request, max_bytes: int) -> ImageUpload:
    """The uploaded image's bytes, whichever of the accepted bodies carried it.

    A body too large is refused (413) before its content type is judged (415).
    """
    kind = media_type(request)
    if kind == "multipart/form-data":
        return await _from_multipart(request, max_bytes)
    body = await read_body(request, max_bytes)
    if kind == "application/json" or kind.endswith("+json"):
        parsed = parse_json(body, PredictionRequest, variant="image-json")
        return ImageUpload(data=decode_base64_image(parsed.image_b64), filename=None)
    if kind.startswith("image/") or kind == "application/octet-stream":
        return ImageUpload(data=body, filename=None)
    raise UnsupportedMediaType("image-body", media_type=kind or "none")
