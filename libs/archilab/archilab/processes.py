"""Child processes of the launcher: start with a log file, wait until healthy, stop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

POLL_INTERVAL_SECONDS = 0.25
LOG_TAIL_LINES = 30


class StartupFailed(RuntimeError):
    """A child could not start; the message says which and shows its log's end."""


class StartupInterrupted(RuntimeError):
    """The user asked to stop while the lab was starting."""


@dataclass
class Child:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    # Logs are appended across runs: only what follows this offset is this run's.
    log_start: int = 0

    def is_running(self) -> bool:
        return self.process.poll() is None

    def log_tail(self) -> str:
        if not self.log_path.is_file():
            return ""
        lines = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(lines[-LOG_TAIL_LINES:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def spawn(
    name: str, argv: Sequence[str], *, env: dict[str, str], logs_dir: Path
) -> Child:
    """Start ``argv`` in its own session, output appended to ``<logs>/<name>.log``."""
    log_path = logs_dir / f"{name}.log"
    log_start = log_path.stat().st_size if log_path.is_file() else 0
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **env},
            # Own session: the launcher decides when and in which order to stop it.
            start_new_session=True,
        )
    return Child(name=name, process=process, log_path=log_path, log_start=log_start)


def _fail(child: Child, why: str) -> StartupFailed:
    return StartupFailed(
        f"{child.name} {why}. Last lines of {child.log_path}:\n{child.log_tail()}"
    )


def wait_until(
    child: Child,
    is_ready: Callable[[], bool],
    *,
    timeout_seconds: float,
    stop: threading.Event,
) -> None:
    """Poll ``is_ready`` until it holds; fail if the child dies or time runs out."""
    deadline = time.monotonic() + timeout_seconds
    while not is_ready():
        if stop.is_set():
            raise StartupInterrupted(child.name)
        if not child.is_running():
            raise _fail(child, f"exited with code {child.process.returncode}")
        if time.monotonic() > deadline:
            raise _fail(child, f"was not ready after {timeout_seconds:.0f} s")
        stop.wait(POLL_INTERVAL_SECONDS)


def http_ok(url: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            return httpx.get(url, timeout=2.0).status_code == 200
        except httpx.HTTPError:
            return False

    return check


def http_answers(url: str) -> Callable[[], bool]:
    """Any HTTP answer: the service is up, even if its health says "degraded"."""

    def check() -> bool:
        try:
            httpx.get(url, timeout=2.0)
        except httpx.HTTPError:
            return False
        return True

    return check


def log_mentions(child: Child, text: str) -> Callable[[], bool]:
    """``text`` appeared in what ``child`` logged since it started."""

    def check() -> bool:
        with child.log_path.open("rb") as log:
            log.seek(child.log_start)
            return text.encode() in log.read()

    return check


class OutputRelay:
    """Hands each complete line a child appends to its log to ``on_line``."""

    def __init__(self, child: Child, on_line: Callable[[str], None]) -> None:
        self.child = child
        self.on_line = on_line
        self.offset = child.log_start

    def relay(self) -> None:
        if not self.child.log_path.is_file():
            return
        with self.child.log_path.open("rb") as log:
            log.seek(self.offset)
            data = log.read()
        complete = data[: data.rfind(b"\n") + 1]
        self.offset += len(complete)
        for line in complete.decode(errors="replace").splitlines():
            self.on_line(line)


def wait_for_exit(
    child: Child,
    *,
    timeout_seconds: float,
    stop: threading.Event,
    on_output: Callable[[str], None] | None = None,
) -> int:
    """The exit code of a one-shot child (the first-start jobs); ``on_output``
    gets each line it writes, as it comes."""
    relay = OutputRelay(child, on_output or (lambda line: None))
    deadline = time.monotonic() + timeout_seconds
    while child.is_running():
        relay.relay()
        if stop.is_set():
            raise StartupInterrupted(child.name)
        if time.monotonic() > deadline:
            raise _fail(child, f"did not finish within {timeout_seconds:.0f} s")
        stop.wait(POLL_INTERVAL_SECONDS)
    relay.relay()
    return child.process.returncode


def stop_all(children: Sequence[Child], grace_seconds: float = 10.0) -> None:
    """SIGTERM in reverse start order, then SIGKILL whatever is still alive."""
    for child in reversed(children):
        if child.is_running():
            child.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace_seconds
    for child in reversed(children):
        remaining = max(deadline - time.monotonic(), 0.1)
        try:
            child.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            # The whole session: a worker's pool children go with it.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.process.pid, signal.SIGKILL)
            child.process.wait()
