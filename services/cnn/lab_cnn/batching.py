"""Micro-batching: concurrent requests share one forward pass.

A single worker thread owns the model. It takes the first waiting image, adds
every image that is already queued (no extra wait, so a lone request is not
slowed down), runs one batch and hands each caller its row. Under load this
turns many small forward passes into a few larger ones, which costs far less
per image on a CPU.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future

import numpy as np

logger = logging.getLogger(__name__)

_STOP = object()


class MicroBatcher:
    """Runs ``predict_batch`` on a background thread for queued single inputs."""

    def __init__(
        self, predict_batch: Callable[[np.ndarray], np.ndarray], max_batch_size: int
    ) -> None:
        self._predict_batch = predict_batch
        self._max_batch_size = max_batch_size
        self._queue: queue.SimpleQueue[object] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="micro-batcher")
        self._thread.daemon = True
        self._thread.start()

    @property
    def queued(self) -> int:
        """Images waiting for the next batch."""
        return self._queue.qsize()

    def predict(self, image: np.ndarray, timeout_seconds: float = 30.0) -> np.ndarray:
        """The model's output for one ``image``; blocks the calling thread."""
        future: Future[np.ndarray] = Future()
        self._queue.put((image, future))
        return future.result(timeout=timeout_seconds)

    def close(self) -> None:
        self._queue.put(_STOP)
        self._thread.join(timeout=5)

    def _collect(self, first: object) -> tuple[list[tuple[np.ndarray, Future]], bool]:
        batch = [first]
        stopping = False
        while len(batch) < self._max_batch_size:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                break
            if item is _STOP:
                stopping = True
                break
            batch.append(item)
        return batch, stopping  # type: ignore[return-value]

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is _STOP:
                return
            batch, stopping = self._collect(first)
            images = np.stack([image for image, _ in batch])
            try:
                outputs = self._predict_batch(images)
            except Exception as exc:  # every waiting caller gets the error
                logger.error("batch.failed", exc_info=exc)
                for _, future in batch:
                    future.set_exception(exc)
            else:
                for row, (_, future) in zip(outputs, batch, strict=True):
                    future.set_result(row)
            if stopping:
                return
