"""Micro-batching: concurrent callers share forward passes and get their own rows."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from lab_cnn.batching import MicroBatcher


class RecordingModel:
    """Doubles its input; the first batch waits until released."""

    def __init__(self) -> None:
        self.batch_sizes: list[int] = []
        self.release = threading.Event()

    def __call__(self, images: np.ndarray) -> np.ndarray:
        self.batch_sizes.append(len(images))
        self.release.wait(timeout=5)
        return images * 2


def wait_until(condition: Callable[[], bool], timeout_seconds: float = 10) -> None:
    deadline = time.monotonic() + timeout_seconds
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.005)


def serve_one_while_nine_wait(model: RecordingModel, batcher: MicroBatcher) -> None:
    """Ten requests: the first is being served while the other nine queue up."""
    with ThreadPoolExecutor(max_workers=10) as pool:
        futures = [pool.submit(batcher.predict, np.array([0]))]
        wait_until(lambda: len(model.batch_sizes) == 1)
        futures += [pool.submit(batcher.predict, np.array([v])) for v in range(1, 10)]
        wait_until(lambda: batcher.queued == 9)
        model.release.set()
        for future in futures:
            future.result()
    batcher.close()


def test_batcher_returns_each_caller_its_own_result() -> None:
    model = RecordingModel()
    model.release.set()
    batcher = MicroBatcher(model, max_batch_size=8)

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda v: batcher.predict(np.array([v])), range(40)))
    batcher.close()

    assert [float(r[0]) for r in results] == [2.0 * v for v in range(40)]


def test_batcher_merges_requests_that_wait_together() -> None:
    model = RecordingModel()
    batcher = MicroBatcher(model, max_batch_size=64)

    serve_one_while_nine_wait(model, batcher)

    assert model.batch_sizes[0] == 1
    assert max(model.batch_sizes[1:]) > 1
    assert sum(model.batch_sizes) == 10


def test_batcher_respects_the_maximum_batch_size() -> None:
    model = RecordingModel()
    batcher = MicroBatcher(model, max_batch_size=3)

    serve_one_while_nine_wait(model, batcher)

    assert max(model.batch_sizes) <= 3


def test_batcher_passes_model_errors_to_every_caller() -> None:
    def broken(images: np.ndarray) -> np.ndarray:
        raise ValueError("bad weights")

    batcher = MicroBatcher(broken, max_batch_size=4)

    with pytest.raises(ValueError, match="bad weights"):
        batcher.predict(np.array([1.0]))
    batcher.close()
