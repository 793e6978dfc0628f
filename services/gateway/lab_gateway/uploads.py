"""Uploads of one file in a multipart form (a dataset, a .keras model), read
within a byte limit and told in the words of what is being sent."""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import FormData

from lab_common.bodies import media_type, read_form
from lab_common.problems import PayloadTooLarge, UnsupportedMediaType

# Room for the multipart boundaries and part headers around the file.
MULTIPART_OVERHEAD_BYTES = 64 * 1024
MAX_FORM_FIELDS = 4


async def read_upload_form(
    request: Request, max_file_bytes: int, *, not_multipart: str, too_large: str
) -> FormData:
    """The multipart form, its file spooled to disk, within the byte limit.

    ``not_multipart`` and ``too_large`` name the sentences (variants of 415
    and of 413 when the body streams past the limit) that say what to send.
    """
    if media_type(request) != "multipart/form-data":
        raise UnsupportedMediaType(not_multipart)
    max_body_bytes = max_file_bytes + MULTIPART_OVERHEAD_BYTES
    try:
        return await read_form(
            request, max_body_bytes, max_files=1, max_fields=MAX_FORM_FIELDS
        )
    except PayloadTooLarge as exc:
        # Told against the limit the operator set for the file.
        if "size" in exc.params:
            raise PayloadTooLarge(
                "upload-declared", size=exc.params["size"], limit=max_file_bytes
            ) from exc
        raise PayloadTooLarge(too_large, limit=max_file_bytes) from exc


def form_text(form: FormData, field: str) -> str | None:
    """A text field of ``form``, stripped; None when absent or blank."""
    value = form.get(field)
    return (value.strip() or None) if isinstance(value, str) else None
