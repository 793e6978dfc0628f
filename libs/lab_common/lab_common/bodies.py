"""Reading request bodies with a byte limit, so a huge upload is refused early."""

from __future__ import annotations

from starlette.requests import Request

from lab_common.problems import PayloadTooLarge, ValidationFailed


def _limit_text(max_bytes: int) -> str:
    return (
        f"{max_bytes / (1024 * 1024):.0f} MB"
        if max_bytes >= 1024 * 1024
        else (f"{max_bytes} bytes")
    )


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The whole body, or ``PayloadTooLarge`` as soon as it passes ``max_bytes``.

    ``Content-Length`` is checked first; the stream is counted as well because
    a chunked upload announces no length.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise ValidationFailed("The Content-Length header is not a number.")
        if int(declared) > max_bytes:
            raise PayloadTooLarge(
                f"The request body is {int(declared)} bytes; the limit is "
                f"{_limit_text(max_bytes)}. Send a smaller image.",
                max_bytes=max_bytes,
            )
    chunks: list[bytes] = []
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > max_bytes:
            raise PayloadTooLarge(
                f"The request body exceeds the limit of {_limit_text(max_bytes)}. "
                "Send a smaller image.",
                max_bytes=max_bytes,
            )
        chunks.append(chunk)
    body = b"".join(chunks)
    # Later readers (request.form(), request.json()) reuse the cached body.
    request._body = body
    return body
