"""Logging set-up and the request id that follows a request through every service."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from contextvars import ContextVar
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from lab_common.settings import LabSettings

REQUEST_ID_HEADER = "X-Request-ID"
_MAX_REQUEST_ID_LENGTH = 128

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else came from ``extra=`` and is context.
_STANDARD_ATTRIBUTES = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "request_id",
    "service",
}


def current_request_id() -> str | None:
    """The id of the request being handled, if any."""
    return _request_id.get()


def _context_of(record: logging.LogRecord) -> dict[str, object]:
    return {
        key: value
        for key, value in record.__dict__.items()
        if key not in _STANDARD_ATTRIBUTES and not key.startswith("_")
    }


class _ContextFilter(logging.Filter):
    """Stamps each record with the service name and the current request id."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.request_id = _request_id.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for containers and log shippers."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
            "service": getattr(record, "service", "-"),
            "request_id": getattr(record, "request_id", "-"),
            **_context_of(record),
        }
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """Readable lines for a terminal, context appended as ``key=value``."""

    def __init__(self) -> None:
        super().__init__(
            "%(asctime)s %(levelname)-7s %(service)s [%(request_id)s] %(message)s"
        )

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        context = " ".join(f"{k}={v}" for k, v in _context_of(record).items())
        return f"{line} {context}" if context else line


def configure_logging(settings: LabSettings) -> None:
    """Send every logger's records to stderr in the configured format, once."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(_ContextFilter(settings.service_name))
    formatter = JsonFormatter() if settings.log_format == "json" else TextFormatter()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(settings.log_level)
    # uvicorn installs its own handlers; route its records through ours instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True
    # One line per outgoing HTTP call would drown the service's own events.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _accept_request_id(raw: bytes | None) -> str:
    """Reuse the caller's id when it is printable and short, else make one."""
    if raw:
        candidate = raw.decode("latin-1")
        if len(candidate) <= _MAX_REQUEST_ID_LENGTH and candidate.isprintable():
            return candidate
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Reads or creates ``X-Request-ID``, exposes it to logs and echoes it back.

    A pure ASGI middleware, so streaming bodies and exception handlers see the id.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        request_id = _accept_request_id(headers.get(REQUEST_ID_HEADER.lower().encode()))
        token = _request_id.set(request_id)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"].append(
                    (REQUEST_ID_HEADER.lower().encode(), request_id.encode("latin-1"))
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            _request_id.reset(token)
