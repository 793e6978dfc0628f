"""A job's events as Server-Sent Events: replay from the store, then follow live.

The store holds every event; Redis pub/sub (``job_events_channel``) only wakes
the stream up early. The stream also reads the store every second, so a lost
message or a Redis outage delays an event by a second, never loses it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator

import anyio
import redis
from redis.asyncio import Redis
from redis.asyncio.client import PubSub

from lab_common.jobs import JobEvent, JobStatus, TrainingJob, job_events_channel
from lab_common.messages import Language, current_language
from lab_common.store import JobStore

logger = logging.getLogger(__name__)

EVENT_STREAM_MEDIA_TYPE = "text/event-stream"
EVENT_STREAM_HEADERS = {
    "Cache-Control": "no-cache",
    # nginx and the like would otherwise hold events back in their buffers.
    "X-Accel-Buffering": "no",
}
KEEPALIVE_SECONDS = 15.0
POLL_SECONDS = 1.0
RESUBSCRIBE_SECONDS = 10.0
# Event ids are SQLite integers, signed 64-bit: a larger resume point would
# overflow in the query, so the router refuses it up front.
MAX_EVENT_ID = 2**63 - 1
# How long a browser's EventSource waits before reconnecting.
RETRY_MILLISECONDS = 3000


def format_event(event: JobEvent) -> str:
    """One SSE message; the JSON is one line, so one ``data:`` field suffices."""
    return f"id: {event.id}\nevent: {event.kind}\ndata: {event.model_dump_json()}\n\n"


def is_terminal(event: JobEvent) -> bool:
    if event.kind != "status":
        return False
    try:
        return JobStatus(event.data.get("status")).is_terminal
    except ValueError:
        return False


class WakeUps:
    """Messages on one channel (a job's, a leaderboard's), degrading to plain
    sleeps without Redis."""

    def __init__(self, client: Redis, channel: str) -> None:
        self.client = client
        self.channel = channel
        self.pubsub: PubSub | None = None
        self.failed_at: float | None = None

    async def subscribe(self) -> None:
        pubsub = self.client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(self.channel)
        except (redis.RedisError, OSError) as exc:
            await self._drop(pubsub, exc)
            return
        self.pubsub = pubsub

    async def wait(self, seconds: float) -> None:
        """Return at the next message or after ``seconds``."""
        if self.pubsub is None and self._may_resubscribe():
            await self.subscribe()
        if self.pubsub is None:
            await asyncio.sleep(seconds)
            return
        started = time.monotonic()
        try:
            await self.pubsub.get_message(
                ignore_subscribe_messages=True, timeout=seconds
            )
        except (redis.RedisError, OSError) as exc:
            await self._drop(self.pubsub, exc)
            await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))

    async def aclose(self) -> None:
        if self.pubsub is not None:
            # Shielded: a disconnected client cancels the stream, and an
            # unclosed subscription would keep its Redis connection busy.
            with anyio.CancelScope(shield=True):
                await _close_quietly(self.pubsub)
            self.pubsub = None

    def _may_resubscribe(self) -> bool:
        return (
            self.failed_at is None
            or time.monotonic() - self.failed_at >= RESUBSCRIBE_SECONDS
        )

    async def _drop(self, pubsub: PubSub, exc: Exception) -> None:
        logger.warning(
            "events.redis_unavailable",
            extra={"channel": self.channel, "error": str(exc)},
        )
        self.pubsub = None
        self.failed_at = time.monotonic()
        await _close_quietly(pubsub)


async def _close_quietly(pubsub: PubSub) -> None:
    try:
        await pubsub.aclose()
    except (redis.RedisError, OSError):
        pass


async def stream_job_events(
    store: JobStore,
    client: Redis,
    job: TrainingJob,
    after_id: int,
    *,
    keepalive_seconds: float = KEEPALIVE_SECONDS,
    poll_seconds: float = POLL_SECONDS,
    language: Language | None = None,
) -> AsyncIterator[str]:
    """SSE text for ``job``'s events after ``after_id``, until its terminal status,
    their messages told in ``language`` (default: the request's).

    ``job`` must have been read before this starts: if it had already ended
    and nothing is left to replay, the stream ends at once.
    """
    language = language or current_language()
    wake_ups = WakeUps(client, job_events_channel(job.id))
    already_ended = job.status.is_terminal
    last_id = after_id
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        # Subscribed before the first read: no wake-up in between is missed.
        await wake_ups.subscribe()
        last_sent = time.monotonic()
        while True:
            events = await asyncio.to_thread(
                store.events_since, job.id, last_id, language=language
            )
            for event in events:
                yield format_event(event)
                last_id = event.id
                if is_terminal(event):
                    return
            if events:
                last_sent = time.monotonic()
                continue  # a full page may have more behind it
            if already_ended:
                return
            if time.monotonic() - last_sent >= keepalive_seconds:
                yield ": keep-alive\n\n"  # keeps proxies from closing an idle stream
                last_sent = time.monotonic()
            remaining = keepalive_seconds - (time.monotonic() - last_sent)
            await wake_ups.wait(max(0.0, min(poll_seconds, remaining)))
    finally:
        await wake_ups.aclose()
