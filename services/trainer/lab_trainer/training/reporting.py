"""How a running job talks to the outside: job store writes, wake-ups, heartbeats.

Every store write is followed by a wake-up on Redis (``job_events_channel``)
whose payload is the new event's id; the gateway then reads the store. Redis is
a convenience: if it is down the job goes on and the gateway's polling notices.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

import redis
from sqlalchemy.exc import SQLAlchemyError

from lab_common.job_messages import JobMessage
from lab_common.jobs import EpochMetrics, JobStatus, job_events_channel
from lab_common.store import JobStore

logger = logging.getLogger(__name__)

PUBLISH_TIMEOUT_SECONDS = 1.0
# After a failed publish, skip wake-ups this long: each try may block a second.
PUBLISH_RETRY_AFTER_SECONDS = 10.0


class WakeUpPublisher:
    """Publishes event ids on one job's channel; never raises."""

    def __init__(self, redis_url: str | None, channel: str) -> None:
        self.channel = channel
        self._client = (
            redis.Redis.from_url(
                redis_url,
                socket_connect_timeout=PUBLISH_TIMEOUT_SECONDS,
                socket_timeout=PUBLISH_TIMEOUT_SECONDS,
            )
            if redis_url
            else None
        )
        self._paused_until = 0.0

    def publish(self, event_id: int) -> None:
        if self._client is None or time.monotonic() < self._paused_until:
            return
        try:
            self._client.publish(self.channel, str(event_id))
        except (redis.RedisError, OSError) as exc:
            self._paused_until = time.monotonic() + PUBLISH_RETRY_AFTER_SECONDS
            logger.warning(
                "job.wake_up_failed",
                extra={"channel": self.channel, "error": str(exc)},
            )

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()


class JobReporter:
    """One job's writes to the store, each followed by a wake-up."""

    def __init__(self, store: JobStore, job_id: str, redis_url: str | None) -> None:
        self.store = store
        self.job_id = job_id
        self.publisher = WakeUpPublisher(redis_url, job_events_channel(job_id))
        self._last_event_id = 0

    def record(
        self,
        kind: str,
        data: Mapping[str, Any],
        *,
        progress: float,
        eta_seconds: float | None,
        epoch: EpochMetrics | None = None,
    ) -> None:
        """Store a progress event; a failed write is logged, training goes on."""
        try:
            event = self.store.record_progress(
                self.job_id,
                kind=kind,
                data=data,
                progress=progress,
                eta_seconds=eta_seconds,
                epoch=epoch,
            )
        except SQLAlchemyError as exc:  # hours of training outweigh one event
            logger.warning(
                "job.progress_not_recorded",
                extra={"job_id": self.job_id, "kind": kind, "error": str(exc)},
            )
            return
        self._announce(event.id)

    def log(self, line: JobMessage) -> None:
        """A log line (``job_log``): stored, then announced."""
        event = self.store.add_log(self.job_id, line)
        self._announce(event.id)

    def is_cancel_requested(self) -> bool:
        """The cancel flag; an unreadable store means no (read again soon)."""
        try:
            return self.store.is_cancel_requested(self.job_id)
        except SQLAlchemyError as exc:
            logger.warning(
                "job.cancel_flag_unread",
                extra={"job_id": self.job_id, "error": str(exc)},
            )
            return False

    def finish(self, status: JobStatus, **values: Any) -> bool:
        """End the job (see ``JobStore.finish``); False if it had already ended."""
        finished = self.store.finish(self.job_id, status, **values)
        self.announce_latest()
        return finished

    def announce_latest(self) -> None:
        """Wake readers for events written by the store itself (transitions)."""
        events = self.store.events_since(self.job_id, self._last_event_id)
        if events:
            self._announce(events[-1].id)

    def close(self) -> None:
        self.publisher.close()

    def _announce(self, event_id: int) -> None:
        self._last_event_id = max(self._last_event_id, event_id)
        self.publisher.publish(event_id)


@contextlib.contextmanager
def heartbeating(store: JobStore, job_id: str, seconds: float) -> Iterator[None]:
    """Beat every ``seconds`` from a thread, also through long epochs or tests."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(seconds):
            try:
                store.heartbeat(job_id)
            except Exception as exc:  # a missed beat is not worth ending the job
                logger.warning(
                    "job.heartbeat_failed", extra={"job_id": job_id, "error": str(exc)}
                )

    thread = threading.Thread(target=beat, name=f"heartbeat-{job_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=seconds + 1)
