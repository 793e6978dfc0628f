"""Dropped keep-alive connections (issue 10): how often the gateway's relay
answers 502 when the service closed a pooled connection just before reuse.

Starts a real uvicorn service (``tests.fakes.crashing_service``) in a
child process and calls it through the gateway's own ``upstream.send``:

- ``idle``: the service closes idle connections after ``--keep-alive`` seconds
  and each call waits about that long (uniform within +/-10 %), the race a
  student meets when uvicorn's 5 s meets httpx's 5 s pool expiry;
- ``crash``: every other call hits a route that raises; with Starlette's
  re-raising handler (``--service legacy``) uvicorn then closes the connection
  under the pool; with ``install_problem_handlers`` it stays open.

Each strategy runs ``--calls`` calls: no retry, retry once (``repeatable``),
and a pool that expires idle connections at half the service's keep-alive.

    python bench/upstream_reuse.py [--calls 200] [--keep-alive 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
from pathlib import Path

import httpx
from starlette.requests import Request

from lab_common.problems import LabError
from lab_gateway.upstream import Upstream, send

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


def start_service(
    port: int, keep_alive_seconds: float, legacy: bool
) -> subprocess.Popen:
    factory = "create_legacy_app" if legacy else "create_app"
    code = (
        "import uvicorn; from tests.fakes.crashing_service import "
        + factory
        + " as f; "
        f"uvicorn.run(f(), port={port}, timeout_keep_alive={keep_alive_seconds}, "
        "log_level='error')"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=REPOSITORY_ROOT, stderr=subprocess.DEVNULL
    )


def _fake_request() -> Request:
    return Request({"type": "http", "method": "GET", "path": "/", "query_string": b"",
                    "headers": []})  # fmt: skip


async def _count_502(
    base_url: str,
    calls: int,
    *,
    repeatable: bool,
    pool_expiry_seconds: float,
    pause_seconds: tuple[float, float],
    crash_between: bool,
) -> int:
    client = httpx.AsyncClient(
        base_url=base_url, limits=httpx.Limits(keepalive_expiry=pool_expiry_seconds)
    )
    upstream = Upstream("bench", client, "/bench")
    failures = 0
    rng = random.Random(7)
    try:
        for _ in range(calls):
            if crash_between:
                try:
                    await send(upstream, "GET", "/crash", request=_fake_request())
                except LabError:
                    pass  # only the call after the crash is counted
            else:
                await asyncio.sleep(rng.uniform(*pause_seconds))
            try:
                await send(
                    upstream,
                    "GET",
                    "/ok",
                    request=_fake_request(),
                    repeatable=repeatable,
                )
            except LabError as exc:
                failures += exc.status == 502
    finally:
        await client.aclose()
    return failures


async def _wait_until_up(base_url: str) -> None:
    async with httpx.AsyncClient(base_url=base_url) as client:
        for _ in range(100):
            try:
                await client.get("/ok")
                return
            except httpx.TransportError:
                await asyncio.sleep(0.1)
    raise RuntimeError("bench service did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--keep-alive", type=float, default=0.2)
    args = parser.parse_args()
    keep_alive = args.keep_alive
    pause = (keep_alive * 0.9, keep_alive * 1.1)
    strategies = {
        "no retry, pool expiry = service's": {"repeatable": False, "pool": keep_alive},
        "retry once": {"repeatable": True, "pool": keep_alive},
        "pool expiry = half the service's": {
            "repeatable": False,
            "pool": keep_alive / 2,
        },
    }
    port = 18000 + random.Random().randrange(1000)
    for scenario, legacy in (("idle", False), ("crash", True), ("crash", False)):
        service = start_service(port, keep_alive, legacy)
        base_url = f"http://127.0.0.1:{port}"
        try:
            asyncio.run(_wait_until_up(base_url))
            label = (
                f"{scenario} ({'legacy re-raise' if legacy else 'problem handlers'})"
            )
            for name, strategy in strategies.items():
                failures = asyncio.run(
                    _count_502(
                        base_url,
                        args.calls,
                        repeatable=strategy["repeatable"],
                        pool_expiry_seconds=strategy["pool"],
                        pause_seconds=pause,
                        crash_between=scenario == "crash",
                    )
                )
                print(f"{label:32} {name:36} 502s: {failures}/{args.calls}")  # noqa: T201
        finally:
            service.terminate()
            service.wait(timeout=10)
        port += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
