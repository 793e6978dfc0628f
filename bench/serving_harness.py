"""The shared part of the serving benchmarks: ArchiLab against the two-hop floor.

A benchmark script supplies one request (path, body, content type) and a check of
the answer; this module starts the floor (a bare FastAPI proxy in front of a bare
FastAPI leaf, ``bench/floor_apps.py``) and the lab (``archilab up``), puts the
same load on both at concurrency 1 and 32 (p50, p99, requests/s) and prints the
ratios against the goals:

- concurrency 1: ArchiLab's p50 at most 2x the floor's;
- concurrency 32: ArchiLab's throughput at least 0.5x the floor's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from archilab.processes import free_port

REPO_ROOT = Path(__file__).resolve().parents[1]
FLOOR_APPS = Path(__file__).with_name("floor_apps.py")
# The venv's console scripts (archilab) sit next to its interpreter.
BIN_DIR = Path(sys.executable).parent
HEALTH_PATH = "/api/v1/health"
LOW_CONCURRENCY = 1
HIGH_CONCURRENCY = 32
MAX_P50_RATIO = 2.0  # ArchiLab / floor, concurrency 1
MIN_THROUGHPUT_RATIO = 0.5  # ArchiLab / floor, concurrency 32
FLOOR_START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 60.0
REQUEST_TIMEOUT_SECONDS = 30.0
POLL_INTERVAL_SECONDS = 0.5


@dataclass(frozen=True)
class RequestBody:
    """One request body, encoded once and sent as is every time."""

    body: bytes
    content_type: str


@dataclass(frozen=True)
class Measurement:
    target: str
    concurrency: int
    latencies_ms: list[float]  # successful requests, sorted
    errors: int
    first_error: str | None
    elapsed_seconds: float

    def percentile_ms(self, percent: float) -> float:
        """Nearest-rank percentile of the successful requests' latencies."""
        if not self.latencies_ms:
            return float("nan")
        rank = max(1, round(percent / 100 * len(self.latencies_ms)))
        return self.latencies_ms[min(rank, len(self.latencies_ms)) - 1]

    @property
    def requests_per_second(self) -> float:
        if self.elapsed_seconds <= 0:
            return 0.0
        return len(self.latencies_ms) / self.elapsed_seconds


class BenchmarkAborted(RuntimeError):
    pass


# --- the load ----------------------------------------------------------------


async def run_load(
    target: str,
    url: str,
    request: RequestBody,
    concurrency: int,
    warmup_seconds: float,
    duration_seconds: float,
) -> Measurement:
    """``concurrency`` workers post back to back; only post-warm-up requests count."""
    limits = httpx.Limits(
        max_connections=concurrency, max_keepalive_connections=concurrency
    )
    headers = {"content-type": request.content_type}
    measure_from = time.perf_counter() + warmup_seconds
    stop_at = measure_from + duration_seconds
    latencies: list[float] = []
    failures: list[str] = []
    last_done = measure_from

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal last_done
        while (sent := time.perf_counter()) < stop_at:
            try:
                response = await client.post(url, content=request.body, headers=headers)
                failure = None if response.status_code == 200 else response.text
            except httpx.HTTPError as exc:
                failure = f"{type(exc).__name__}: {exc}"
            done = time.perf_counter()
            if sent < measure_from:
                continue
            last_done = max(last_done, done)
            if failure is None:
                latencies.append((done - sent) * 1000)
            else:
                failures.append(failure)

    async with httpx.AsyncClient(
        limits=limits, timeout=REQUEST_TIMEOUT_SECONDS
    ) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return Measurement(
        target=target,
        concurrency=concurrency,
        latencies_ms=sorted(latencies),
        errors=len(failures),
        first_error=failures[0][:300] if failures else None,
        elapsed_seconds=last_done - measure_from,
    )


# --- the servers -------------------------------------------------------------


def wait_until_healthy(
    url: str, process: subprocess.Popen[bytes], log_path: Path, timeout_seconds: float
) -> None:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkAborted(
                f"{process.args!r} exited with {process.returncode}:\n"
                + log_path.read_text(errors="replace")[-3000:]
            )
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(POLL_INTERVAL_SECONDS)
    raise BenchmarkAborted(
        f"{url} not healthy after {timeout_seconds:.0f} s:\n"
        + log_path.read_text(errors="replace")[-3000:]
    )


@contextmanager
def running(
    argv: Sequence[str],
    health_url: str,
    log_path: Path,
    timeout_seconds: float,
    env: dict[str, str] | None = None,
) -> Iterator[None]:
    """Start ``argv``, wait for ``health_url``, and stop it (SIGINT) on exit."""
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPO_ROOT,
        )
    try:
        wait_until_healthy(health_url, process, log_path, timeout_seconds)
        yield
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def start_floor(stack: ExitStack, log_dir: Path) -> str:
    """The leaf, then the proxy in front of it; returns the proxy's base URL."""
    leaf_port, proxy_port = free_port(), free_port()
    leaf_url = f"http://127.0.0.1:{leaf_port}"
    proxy_url = f"http://127.0.0.1:{proxy_port}"
    apps = {
        "leaf": (leaf_url, ["leaf", "--port", str(leaf_port)]),
        "proxy": (
            proxy_url,
            ["proxy", "--port", str(proxy_port), "--leaf-url", leaf_url],
        ),
    }
    for name, (url, args) in apps.items():
        argv = [sys.executable, str(FLOOR_APPS), *args]
        log_path = log_dir / f"floor-{name}.log"
        stack.enter_context(
            running(argv, url + "/healthz", log_path, FLOOR_START_TIMEOUT_SECONDS)
        )
    return proxy_url


def start_archilab(
    stack: ExitStack, log_dir: Path, home: Path, timeout_seconds: float
) -> str:
    """``archilab up`` on a free port with ``home`` (trained models are reused)."""
    archilab = BIN_DIR / "archilab"
    if not archilab.exists():
        raise BenchmarkAborted(f"{archilab} missing: run `make install` first")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ARCHILAB_PORT": str(port), "ARCHILAB_HOME": str(home)}
    print(f"Starting ArchiLab in {home} (first start trains the model)...", flush=True)
    argv = [str(archilab), "up"]
    log_path = log_dir / "archilab.log"
    stack.enter_context(
        running(argv, base_url + HEALTH_PATH, log_path, timeout_seconds, env=env)
    )
    return base_url


# --- the report --------------------------------------------------------------


def format_results(measurements: list[Measurement]) -> str:
    lines = [
        "| target | concurrency | requests | errors | p50 ms | p99 ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measurements:
        lines.append(
            f"| {m.target} | {m.concurrency} | {len(m.latencies_ms)} | {m.errors} "
            f"| {m.percentile_ms(50):.2f} | {m.percentile_ms(99):.2f} "
            f"| {m.requests_per_second:.0f} |"
        )
    return "\n".join(lines)


def format_goals(
    archilab: dict[int, Measurement], floor: dict[int, Measurement]
) -> tuple[str, bool]:
    """The two goal rows and whether both are met."""
    low, high = LOW_CONCURRENCY, HIGH_CONCURRENCY
    p50_ratio = archilab[low].percentile_ms(50) / floor[low].percentile_ms(50)
    throughput_ratio = (
        archilab[high].requests_per_second / floor[high].requests_per_second
    )
    p50_ok = p50_ratio <= MAX_P50_RATIO
    throughput_ok = throughput_ratio >= MIN_THROUGHPUT_RATIO
    lines = [
        "| goal | ArchiLab / floor | target | result |",
        "|---|---:|---:|---|",
        f"| p50 at concurrency {LOW_CONCURRENCY} | {p50_ratio:.2f}x "
        f"| <= {MAX_P50_RATIO}x | {'PASS' if p50_ok else 'FAIL'} |",
        f"| throughput at concurrency {HIGH_CONCURRENCY} | {throughput_ratio:.2f}x "
        f"| >= {MIN_THROUGHPUT_RATIO}x | {'PASS' if throughput_ok else 'FAIL'} |",
    ]
    return "\n".join(lines), p50_ok and throughput_ok


def measure(
    target: str, url: str, request: RequestBody, args: argparse.Namespace
) -> dict[int, Measurement]:
    results = {}
    for concurrency in (LOW_CONCURRENCY, HIGH_CONCURRENCY):
        print(f"Measuring {target} at concurrency {concurrency}...", flush=True)
        results[concurrency] = asyncio.run(
            run_load(
                target,
                url,
                request,
                concurrency,
                args.warmup_seconds,
                args.duration_seconds,
            )
        )
    return results


# --- the command -------------------------------------------------------------


def parse_args(argv: Sequence[str] | None, description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--duration-seconds",
        type=float,
        default=5.0,
        help="measured time per target and concurrency (5)",
    )
    parser.add_argument(
        "--warmup-seconds",
        type=float,
        default=2.0,
        help="unmeasured load before each measurement (2)",
    )
    parser.add_argument(
        "--home",
        type=Path,
        default=REPO_ROOT / ".archilab",
        help="ARCHILAB_HOME of the started lab (the repo's .archilab)",
    )
    parser.add_argument(
        "--startup-timeout-seconds",
        type=float,
        default=300.0,
        help="how long the lab may take to become healthy (300)",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--stack-url", help="measure this running ArchiLab instead of starting one"
    )
    target.add_argument(
        "--floor-only",
        action="store_true",
        help="measure the floor alone (no ArchiLab)",
    )
    return parser.parse_args(argv)


def print_errors(measurements: list[Measurement]) -> None:
    for m in measurements:
        if m.first_error:
            print(f"{m.target} c={m.concurrency}: {m.errors} errors, first:")
            print(f"  {m.first_error}")


def start_targets(
    stack: ExitStack, log_dir: Path, args: argparse.Namespace
) -> dict[str, str]:
    """Target name -> base URL: the floor, and ArchiLab unless --floor-only."""
    targets = {"floor": start_floor(stack, log_dir)}
    if args.stack_url:
        targets["ArchiLab"] = args.stack_url.rstrip("/")
    elif not args.floor_only:
        targets["ArchiLab"] = start_archilab(
            stack, log_dir, args.home.resolve(), args.startup_timeout_seconds
        )
    return targets


def run_benchmark(
    title: str,
    path: str,
    request: RequestBody,
    check: Callable[[httpx.Response], str],
    argv: Sequence[str] | None = None,
    *,
    extra: Callable[[str], bool] | None = None,
) -> int:
    """Parse the command line, measure ``POST path`` on every target, report.

    ``extra``, if given, runs against ArchiLab's base URL while it is still up;
    its False fails the run.
    """
    args = parse_args(argv, f"Measure POST {path} against the two-hop floor.")
    with (
        tempfile.TemporaryDirectory(prefix="archilab-bench-") as logs,
        ExitStack() as stack,
    ):
        try:
            targets = start_targets(stack, Path(logs), args)
            for name, base_url in targets.items():
                print(f"{name} answers {check_answer(base_url + path, request, check)}")
            results = {
                name: measure(name, url + path, request, args)
                for name, url in targets.items()
            }
            status = report(title, results, args)
            if extra is not None and "ArchiLab" in targets:
                status = max(status, 0 if extra(targets["ArchiLab"]) else 1)
        except BenchmarkAborted as exc:
            print(f"Benchmark aborted: {exc}")
            return 1
    return status


def check_answer(
    url: str, request: RequestBody, check: Callable[[httpx.Response], str]
) -> str:
    """One request before measuring: fail fast and show what the target answers."""
    response = httpx.post(
        url,
        content=request.body,
        headers={"content-type": request.content_type},
        timeout=REQUEST_TIMEOUT_SECONDS,
    )
    if response.status_code != 200:
        raise BenchmarkAborted(f"{url}: {response.status_code} {response.text}")
    return check(response)


def report(
    title: str, results: dict[str, dict[int, Measurement]], args: argparse.Namespace
) -> int:
    measurements = [
        m for by_concurrency in results.values() for m in by_concurrency.values()
    ]
    print()
    print(
        f"{title}, {args.duration_seconds:g} s per row after "
        f"{args.warmup_seconds:g} s warm-up; Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs"
    )
    print()
    print(format_results(measurements))
    print_errors(measurements)
    all_succeeded = not any(m.errors for m in measurements)
    if "ArchiLab" not in results:
        return 0 if all_succeeded else 1
    goals, goals_met = format_goals(results["ArchiLab"], results["floor"])
    print()
    print(goals)
    return 0 if all_succeeded and goals_met else 1
