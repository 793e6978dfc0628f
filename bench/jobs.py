"""Training-job benchmark (issue 5): how soon and how fresh a job's progress
reaches the user following it, and what the worker costs training throughput.

Starts, in a temporary home (SQLite job store, model registry), the real worker
(``python -m lab_trainer``, concurrency 1) and the real gateway (uvicorn), on
Redis at ``$REDIS_URL``, else database 9 of the machine's Redis (flushed first).
One tiny job warms the worker up; then, ``--jobs`` times, interleaved:

- a job (``MEASURED_SPEC``) is POSTed and followed over SSE: when ``running``
  and the first ``batch`` event arrive (this process' clock), and each event's
  lag, received minus its ``created_at`` (the worker's clock: the same machine);
- the same training (spec, data, fit function) runs in a plain Python child
  with no Celery, store or Redis; throughput is compared on fit time only.

Each job gets a fresh worker child, which imports TensorFlow and parses
MNIST-5k as soon as it is forked; the plain run of each pair comes first, so the
measured job meets that child ready ("warm worker"). "POST -> first progress"
counts queueing too, "running -> first progress" starts once the child has it.

    python bench/jobs.py [--jobs 3]        # or: make bench

Exit status 0 when every run succeeded, goals met or not; 1 if something broke.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import redis
from serving_harness import REPO_ROOT, BenchmarkAborted

from archilab import processes
from archilab.launcher import QUIET_TENSORFLOW, WORKER_READY_TEXT, uvicorn
from archilab.processes import Child, StartupFailed, free_port
from lab_common.store import KeyStore, connect_database, upgrade_database
from lab_common.store.database import sqlite_url

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/9"  # no test uses it; flushed
JOBS_PATH = "/api/v1/training-jobs"
MEASURED_SPEC = {
    "task": "image-classification",
    "dataset": "mnist-5k",
    "architecture": "digits-cnn",
    "epochs": 2,
    "batch_size": 64,
    "progress_every_batches": 5,
    "seed": 1,
}
# Its child pays the first imports from disk; it is not measured.
WARMUP_SPEC = {**MEASURED_SPEC, "architecture": "tiny-cnn", "epochs": 1}
MAX_FIRST_PROGRESS_SECONDS = 2.0
MAX_LAG_SECONDS = 1.0
MIN_THROUGHPUT_RATIO = 0.9
START_TIMEOUT_SECONDS = 90.0
JOB_TIMEOUT_SECONDS = 240.0
TERMINAL_STATUSES = {"succeeded", "failed", "cancelled"}
# What ends the run with "Benchmark aborted" and status 1.
FAILURES = (BenchmarkAborted, StartupFailed, redis.RedisError, httpx.HTTPError)
NEVER = threading.Event()  # nobody stops the start-up but a Ctrl-C


@dataclass(frozen=True)
class Received:
    kind: str
    data: dict[str, Any]
    created_at: float  # epoch seconds, when the worker (or gateway) stored it
    received_at: float  # epoch seconds, when its data line reached us


@dataclass(frozen=True)
class JobRun:
    posted_at: float
    stream_opened_at: float
    events: list[Received]
    job: dict[str, Any]  # as GET shows it once ended

    def received(self, kind: str, status: str | None = None) -> float:
        for event in self.events:
            if event.kind == kind and status in (None, event.data.get("status")):
                return event.received_at
        raise BenchmarkAborted(f"job {self.job['id']} sent no {status or kind} event")

    def stages(self) -> list[float]:
        """Seconds from POST to ``running``, on to the data loaded, to a batch."""
        running = self.received("status", "running")
        loaded = self.received("log")  # the runner's first log follows the loading
        first_batch = self.received("batch")
        return [running - self.posted_at, loaded - running, first_batch - loaded]

    @property
    def lags(self) -> list[float]:
        """Of the events written while we listened (replayed ones are older)."""
        return [
            e.received_at - e.created_at
            for e in self.events
            if e.created_at >= self.stream_opened_at
        ]

    @property
    def images_per_second(self) -> float:
        return float(self.job["test_metrics"]["examples_per_second"])


# --- the runs ----------------------------------------------------------------


def start_lab(home: Path, redis_url: str, children: list[Child]) -> str:
    """Worker and gateway on one store; returns the gateway's base URL."""
    places = {
        "REDIS_URL": redis_url,
        "DATABASE_URL": sqlite_url(home / "archilab.db"),
        "MODELS_DIR": str(home / "models"),
        "DATASETS_DIR": str(home / "datasets"),
    }
    worker_env = {f"TRAINER_{name}": value for name, value in places.items()}
    gateway_env = {f"GATEWAY_{name}": value for name, value in places.items()}
    # No cnn or nlp service listens there: jobs do not need them.
    for service in ("CNN", "NLP"):
        gateway_env[f"GATEWAY_{service}_URL"] = f"http://127.0.0.1:{free_port()}"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    worker_argv = [sys.executable, "-m", "lab_trainer", "--hostname", "bench@%h"]
    gateway_argv = uvicorn("lab_gateway.main:create_app", port)
    for name, argv, env in [
        ("trainer", worker_argv, {**worker_env, "TRAINER_CONCURRENCY": "1"}),
        ("gateway", gateway_argv, gateway_env),
    ]:
        env = {**QUIET_TENSORFLOW, **env}
        children.append(processes.spawn(name, argv, env=env, logs_dir=home))
    worker, gateway = children
    for child, is_ready in [
        (worker, processes.log_mentions(worker, WORKER_READY_TEXT)),
        (gateway, processes.http_ok(base_url + "/healthz")),
    ]:
        processes.wait_until(
            child, is_ready, timeout_seconds=START_TIMEOUT_SECONDS, stop=NEVER
        )
    return base_url


def read_events(stream: httpx.Response, deadline: float) -> Iterator[Received]:
    """SSE events as they arrive; each ``data:`` line is one ``JobEvent``."""
    for line in stream.iter_lines():
        received_at = time.time()
        if time.monotonic() > deadline:
            raise BenchmarkAborted(f"a job ran over {JOB_TIMEOUT_SECONDS:.0f} s")
        if line.startswith("data:"):
            event = json.loads(line.removeprefix("data:"))
            created_at = datetime.fromisoformat(event["created_at"]).timestamp()
            yield Received(event["kind"], event["data"], created_at, received_at)


def run_job(client: httpx.Client, spec: dict[str, Any]) -> JobRun:
    """POST ``spec``, follow its events to its end, read the finished job."""
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    posted_at = time.time()
    response = client.post(JOBS_PATH, json=spec)
    if response.status_code != 202:
        raise BenchmarkAborted(f"POST: {response.status_code} {response.text}")
    job_id = response.json()["id"]
    events = []
    with client.stream("GET", f"{JOBS_PATH}/{job_id}/events") as stream:
        stream_opened_at = time.time()
        for event in read_events(stream, deadline):
            events.append(event)
            if event.kind == "status" and event.data["status"] in TERMINAL_STATUSES:
                break
    job = client.get(f"{JOBS_PATH}/{job_id}").json()
    if job["status"] != "succeeded":
        raise BenchmarkAborted(f"job {job_id} {job['status']}: {job.get('error')}")
    return JobRun(posted_at, stream_opened_at, events, job)


def run_plain(spec: dict[str, Any], datasets_dir: Path) -> float:
    """Images/s of the same training in a plain child (``fit_plainly``)."""
    argv = [sys.executable, __file__, "--plain-fit", json.dumps(spec)]
    result = subprocess.run(
        [*argv, "--datasets-dir", str(datasets_dir)],
        env={**os.environ, **QUIET_TENSORFLOW},
        capture_output=True,
        text=True,
        timeout=JOB_TIMEOUT_SECONDS,
        cwd=REPO_ROOT,
    )
    if result.returncode != 0:
        raise BenchmarkAborted(f"plain fit failed:\n{result.stderr[-3000:]}")
    return float(json.loads(result.stdout.splitlines()[-1])["examples_per_second"])


def fit_plainly(spec_json: str, datasets_dir: Path) -> int:
    """The fit a job's runner does, minus Celery, job store and Redis."""
    from lab_common.jobs import TrainingJobSpec
    from lab_trainer.training.data import load_training_data
    from lab_trainer.training.images import fit_image_classifier
    from lab_trainer.training.progress import ProgressCallback

    spec = TrainingJobSpec.model_validate_json(spec_json)
    dataset = load_training_data(spec, None, datasets_dir)
    # What the callback asks of a JobReporter, answered by doing nothing.
    silent = SimpleNamespace(
        record=lambda *_, **__: None, is_cancel_requested=lambda: False
    )

    def make_progress(steps_per_epoch: int) -> ProgressCallback:
        return ProgressCallback(
            silent,  # duck-typed JobReporter
            epochs=spec.epochs,
            steps_per_epoch=steps_per_epoch,
            every_batches=spec.progress_every_batches,
            cancel_check_seconds=0.5,  # the worker's default
        )

    outcome = fit_image_classifier(spec, dataset, make_progress)
    print(json.dumps({"examples_per_second": outcome.examples_per_second}))
    return 0


# --- the report --------------------------------------------------------------


def job_row(name: str, run: JobRun, plain: float | None) -> str:
    stages = " | ".join(f"{seconds:.2f}" for seconds in run.stages())
    lags_ms = [lag * 1000 for lag in run.lags]
    return (
        f"| {name} | {stages} | {sum(run.stages()):.2f} | {len(lags_ms)} "
        f"| {statistics.median(lags_ms):.0f} | {max(lags_ms):.0f} "
        f"| {run.images_per_second:.0f} | {'' if plain is None else f'{plain:.0f}'} |"
    )


def goal_row(goal: str, measured: str, target: str, ok: bool) -> str:
    return f"| {goal} | {measured} | {target} | {'PASS' if ok else 'FAIL'} |"


def report(warmup: JobRun, runs: list[JobRun], plain_rates: list[float]) -> None:
    spec, load = MEASURED_SPEC, ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(
        f"\nTraining jobs: {len(runs)} x {spec['architecture']} on {spec['dataset']}, "
        f"{spec['epochs']} epochs, batch {spec['batch_size']}, an event every "
        f"{spec['progress_every_batches']} batches; Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, load {load}\n"
    )
    print(
        "| job | POST→running s | running→data loaded s | data loaded→1st batch s "
        "| POST→1st batch s | live events | lag p50 ms | lag max ms "
        "| worker img/s | plain img/s |"
    )
    print("|---|" + "---:|" * 9)
    print(job_row("warm-up (tiny-cnn, 1 epoch)", warmup, None))
    for number, (run, plain) in enumerate(zip(runs, plain_rates, strict=True), 1):
        print(job_row(str(number), run, plain))

    after_post = statistics.median(sum(run.stages()) for run in runs)
    after_running = statistics.median(sum(run.stages()[1:]) for run in runs)
    lags = [lag for run in runs for lag in run.lags]
    lag_p95 = statistics.quantiles(lags, n=20, method="inclusive")[-1]
    worker_rate = statistics.median(run.images_per_second for run in runs)
    ratio = worker_rate / statistics.median(plain_rates)
    first = f"<= {MAX_FIRST_PROGRESS_SECONDS:g} s"
    print("\n| goal (medians over the jobs) | measured | target | result |")
    print("|---|---:|---:|---|")
    for row in [
        goal_row(
            "first progress after POST, warm worker (its idle child has "
            "TensorFlow loaded)",
            f"{after_post:.2f} s",
            first,
            after_post <= MAX_FIRST_PROGRESS_SECONDS,
        ),
        goal_row(
            "first progress after the job started running",
            f"{after_running:.2f} s",
            first,
            after_running <= MAX_FIRST_PROGRESS_SECONDS,
        ),
        goal_row(
            f"event lag, p95 of {len(lags)} live events (max {max(lags):.3f} s)",
            f"{lag_p95:.3f} s",
            f"<= {MAX_LAG_SECONDS:g} s",
            lag_p95 <= MAX_LAG_SECONDS,
        ),
        goal_row(
            "training throughput, worker / plain process (median images/s)",
            f"{ratio:.2f}x",
            f">= {MIN_THROUGHPUT_RATIO:g}x",
            ratio >= MIN_THROUGHPUT_RATIO,
        ),
    ]:
        print(row)


# --- the command -------------------------------------------------------------


def measure(home: Path, redis_url: str, jobs: int, children: list[Child]) -> None:
    if redis_url == DEFAULT_REDIS_URL:
        redis.Redis.from_url(redis_url).flushdb()
    database_url = sqlite_url(home / "archilab.db")
    upgrade_database(database_url)
    engine = connect_database(database_url)
    key, _ = KeyStore(engine).create_key("admin", label="bench")
    engine.dispose()
    print(f"Starting the worker and the gateway in {home} on {redis_url}...")
    base_url = start_lab(home, redis_url, children)
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=60.0) as client:
        print("Warming the worker up with one tiny job...", flush=True)
        warmup = run_job(client, WARMUP_SPEC)
        runs, plain_rates = [], []
        for number in range(1, jobs + 1):
            # The plain run first: meanwhile the pool's fresh child (one per job)
            # imports TensorFlow, so each measured job meets a warm worker.
            print(f"Job {number}/{jobs}: in a plain process...", flush=True)
            plain_rates.append(run_plain(MEASURED_SPEC, home / "datasets"))
            print(f"Job {number}/{jobs}: through the worker...", flush=True)
            runs.append(run_job(client, MEASURED_SPEC))
    report(warmup, runs, plain_rates)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=3, help="measured jobs (3)")
    parser.add_argument("--plain-fit", help=argparse.SUPPRESS)
    parser.add_argument("--datasets-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.plain_fit:
        return fit_plainly(args.plain_fit, args.datasets_dir)
    # SIGTERM as Ctrl-C: the children are stopped either way.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    children: list[Child] = []
    with tempfile.TemporaryDirectory(prefix="archilab-bench-jobs-") as home:
        try:
            measure(Path(home), redis_url, max(args.jobs, 1), children)
        except FAILURES as exc:
            print(f"Benchmark aborted: {exc}")
            return 1
        except KeyboardInterrupt:
            print("Interrupted.")
            return 130
        finally:
            processes.stop_all(children)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
