"""``GET /healthz``: run a service's checks, answer 200 or a 503 problem."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from lab_common.problems import ServiceUnhealthy, problem_response, request_language


class CheckResult(BaseModel):
    """The outcome of one health check, with a reason when it failed."""

    name: str
    ok: bool
    detail: str | None = None
    info: dict[str, object] | None = None


HealthCheck = Callable[[Request], Awaitable[CheckResult]]


async def _run_check(request: Request, check: HealthCheck) -> CheckResult:
    try:
        return await check(request)
    except Exception as exc:  # a crashing check is a failed check, not a 500
        return CheckResult(name=check.__name__, ok=False, detail=str(exc))


async def run_checks(
    request: Request, checks: Sequence[HealthCheck]
) -> list[CheckResult]:
    """All checks at once: a slow dependency delays the answer by its own timeout."""
    return list(await asyncio.gather(*(_run_check(request, c) for c in checks)))


def make_health_router(
    checks: Sequence[HealthCheck], path: str = "/healthz"
) -> APIRouter:
    """A router with ``GET {path}`` running ``checks`` concurrently."""
    router = APIRouter(tags=["health"])

    @router.get(path, summary="Health of this service and what it depends on")
    async def healthz(request: Request) -> JSONResponse:
        results = await run_checks(request, checks)
        body = {
            "status": "ok" if all(r.ok for r in results) else "unavailable",
            "checks": {r.name: r.model_dump(exclude={"name"}) for r in results},
        }
        if all(r.ok for r in results):
            return JSONResponse(body)
        failed = ", ".join(f"{r.name}: {r.detail}" for r in results if not r.ok)
        # The checks' own details are for operators and stay as they are.
        error = ServiceUnhealthy(
            "checks", checks=failed, members={"checks": body["checks"]}
        )
        language = request_language(request)
        problem = error.to_problem(language, instance=request.url.path)
        return problem_response(problem, {"Content-Language": language})

    return router
