"""The worker says it is alive: a Redis key refreshed while it runs.

The gateway's health lists these keys, so a teacher sees at once when no
worker is running (jobs would otherwise wait in the queue without a word).
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import UTC, datetime

import redis

from lab_common.jobs import WORKER_PRESENCE_PREFIX, WORKER_PRESENCE_TTL_SECONDS

logger = logging.getLogger(__name__)

REFRESH_SECONDS = WORKER_PRESENCE_TTL_SECONDS / 3
REDIS_TIMEOUT_SECONDS = 2.0


class WorkerPresence:
    """Refreshes ``archilab:workers:<hostname>`` from a daemon thread."""

    def __init__(self, redis_url: str, hostname: str, concurrency: int) -> None:
        self.key = f"{WORKER_PRESENCE_PREFIX}{hostname}"
        self.value = json.dumps(
            {
                "hostname": hostname,
                "concurrency": concurrency,
                "started_at": datetime.now(UTC).isoformat(),
            }
        )
        self.client = redis.Redis.from_url(
            redis_url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self.stopped = threading.Event()
        self.thread = threading.Thread(
            target=self._refresh_until_stopped, name="worker-presence", daemon=True
        )

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        try:
            self.client.delete(self.key)
        except redis.RedisError:
            pass  # the key expires by itself
        self.client.close()

    def _refresh_until_stopped(self) -> None:
        while not self.stopped.is_set():
            try:
                self.client.set(self.key, self.value, ex=WORKER_PRESENCE_TTL_SECONDS)
            except redis.RedisError as exc:
                # Redis down: the broker connection is lost too; try again later.
                logger.warning("worker.presence_failed", extra={"error": str(exc)})
            self.stopped.wait(REFRESH_SECONDS)
