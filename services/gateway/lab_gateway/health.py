"""Health checks of the gateway's dependencies: Redis and the backing services."""

from __future__ import annotations

import httpx
from fastapi import Request

from lab_common.health import CheckResult
from lab_common.jobs import WORKER_PRESENCE_PREFIX
from lab_gateway.settings import Settings
from lab_gateway.upstream import Upstream


async def redis_reachable(request: Request) -> CheckResult:
    settings: Settings = request.state.settings
    try:
        await request.state.redis.ping()
    except Exception as exc:  # any failure means "not reachable", with its reason
        return CheckResult(
            name="redis", ok=False, detail=f"{type(exc).__name__}: {exc}"
        )
    return CheckResult(name="redis", ok=True, info={"url": _without_password(settings)})


def _without_password(settings: Settings) -> str:
    url = httpx.URL(settings.redis_url)
    return str(url.copy_with(password=None)) if url.password else str(url)


async def _service_healthy(request: Request, upstream: Upstream) -> CheckResult:
    settings: Settings = request.state.settings
    try:
        response = await upstream.client.get(
            "/healthz", timeout=settings.health_timeout_seconds
        )
    except httpx.HTTPError as exc:
        return CheckResult(
            name=upstream.name, ok=False, detail=f"unreachable ({type(exc).__name__})"
        )
    body = response.json() if response.content else {}
    if response.status_code != 200:
        detail = body.get("detail") if isinstance(body, dict) else None
        return CheckResult(name=upstream.name, ok=False, detail=detail or "unhealthy")
    return CheckResult(name=upstream.name, ok=True, info=body.get("checks"))


async def cnn_healthy(request: Request) -> CheckResult:
    return await _service_healthy(request, request.state.cnn)


async def nlp_healthy(request: Request) -> CheckResult:
    return await _service_healthy(request, request.state.nlp)


async def trainer_workers(request: Request) -> CheckResult:
    """At least one training worker is alive (its presence key in Redis)."""
    try:
        keys = [
            key
            async for key in request.state.redis.scan_iter(
                match=f"{WORKER_PRESENCE_PREFIX}*"
            )
        ]
    except Exception as exc:  # Redis down: reported by the redis check too
        return CheckResult(
            name="trainer", ok=False, detail=f"{type(exc).__name__}: {exc}"
        )
    if not keys:
        return CheckResult(
            name="trainer",
            ok=False,
            detail="No training worker is running: jobs wait in the queue until "
            "one starts (`python -m lab_trainer`; `archilab up` and compose "
            "start one).",
        )
    names = sorted(
        key.decode().removeprefix(WORKER_PRESENCE_PREFIX)
        if isinstance(key, bytes)
        else str(key).removeprefix(WORKER_PRESENCE_PREFIX)
        for key in keys
    )
    return CheckResult(name="trainer", ok=True, info={"workers": names})
