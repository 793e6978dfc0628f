"""Relaying requests to a backing service over one pooled ``httpx.AsyncClient``."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx
from starlette.requests import Request
from starlette.responses import Response

from lab_common.bodies import FORWARDED_PREFIX_HEADER
from lab_common.logging import REQUEST_ID_HEADER, current_request_id
from lab_common.problems import (
    UpstreamTimeout,
    UpstreamUnavailable,
    ValidationFailed,
)

logger = logging.getLogger(__name__)

# Request headers worth passing on; hop-by-hop and host headers are not.
_FORWARDED_HEADERS = ("content-type", "accept", "accept-language")
# Response headers that are part of the API (image grids, back-off hints).
_RELAYED_HEADERS = (
    "x-grid-columns",
    "x-tile-size",
    "retry-after",
    "location",
    "content-disposition",
)


@dataclass(frozen=True)
class Upstream:
    """A named backing service and the client that talks to it."""

    name: str
    client: httpx.AsyncClient
    # The gateway path that maps to the service's /v1, for the links it returns.
    public_prefix: str

    async def aclose(self) -> None:
        await self.client.aclose()


def create_upstream(
    name: str,
    base_url: str,
    *,
    public_prefix: str,
    connect_timeout_seconds: float,
    timeout_seconds: float,
    max_connections: int,
) -> Upstream:
    client = httpx.AsyncClient(
        base_url=base_url,
        timeout=httpx.Timeout(timeout_seconds, connect=connect_timeout_seconds),
        limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections
        ),
    )
    return Upstream(name=name, client=client, public_prefix=public_prefix)


def _forwarded_headers(upstream: Upstream, request: Request) -> dict[str, str]:
    headers = {
        name: request.headers[name]
        for name in _FORWARDED_HEADERS
        if name in request.headers
    }
    headers[REQUEST_ID_HEADER] = current_request_id() or ""
    headers[FORWARDED_PREFIX_HEADER] = upstream.public_prefix
    return headers


# Methods that change nothing on the service: always safe to send again.
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# How a pooled connection the service had already closed shows up: nothing came
# back. Sending again takes another connection (the dead one is discarded).
_DROPPED_CONNECTION = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)


async def send(
    upstream: Upstream,
    method: str,
    path: str,
    *,
    request: Request,
    content: bytes | None = None,
    repeatable: bool | None = None,
) -> httpx.Response:
    """Call ``path`` on ``upstream``; network failures become problems.

    A request dropped before any answer is sent once more when it is safe to
    repeat: a safe method, or a call the caller marks ``repeatable`` (a pure
    computation, or one the service deduplicates).
    """
    if repeatable is None:
        repeatable = method in _SAFE_METHODS
    try:
        try:
            return await _request(upstream, method, path, request, content)
        except _DROPPED_CONNECTION as exc:
            if not repeatable:
                raise
            logger.info(
                "upstream.retried",
                extra={"upstream": upstream.name, "error": repr(exc)},
            )
            return await _request(upstream, method, path, request, content)
    except httpx.InvalidURL as exc:
        # Routes validate their segments; this guards any that does not.
        raise ValidationFailed("unrelayable-path") from exc
    except httpx.ConnectTimeout as exc:
        raise _unavailable(upstream, "slow-connection") from exc
    except httpx.TimeoutException as exc:
        logger.warning("upstream.timeout", extra={"upstream": upstream.name})
        raise UpstreamTimeout("no-answer", service=upstream.name) from exc
    except httpx.TransportError as exc:
        raise _unavailable(upstream, "unreachable") from exc


async def _request(
    upstream: Upstream,
    method: str,
    path: str,
    request: Request,
    content: bytes | None,
) -> httpx.Response:
    return await upstream.client.request(
        method,
        path,
        params=request.query_params,
        content=content,
        headers=_forwarded_headers(upstream, request),
    )


def _unavailable(upstream: Upstream, variant: str) -> UpstreamUnavailable:
    logger.warning("upstream.unavailable", extra={"upstream": upstream.name})
    return UpstreamUnavailable(variant, service=upstream.name)


def relay(response: httpx.Response) -> Response:
    """The upstream's answer, status and body as is (problem bodies included)."""
    return Response(
        content=response.content,
        status_code=response.status_code,
        media_type=response.headers.get("content-type"),
        headers={
            name: response.headers[name]
            for name in _RELAYED_HEADERS
            if name in response.headers
        },
    )
