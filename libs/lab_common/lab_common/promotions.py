"""Telling the inference services that a model version was promoted.

Whoever promotes a version publishes a ``PromotionNotice`` on a Redis channel;
each service runs ``watch_promotions`` in its lifespan and reloads within a
second. Redis pub/sub forgets messages sent while nobody listens, so the watcher
also asks the service to compare its versions with the registry every few
seconds: a lost notice (Redis down, service restarting) delays a reload, never
prevents it. Free of TensorFlow, so the gateway can import it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable

import redis
import redis.asyncio as aioredis
from pydantic import BaseModel, ValidationError

from lab_common.registry import PRODUCTION, Promotion

logger = logging.getLogger(__name__)

PROMOTIONS_CHANNEL = "archilab:model-promotions"
PUBLISH_TIMEOUT_SECONDS = 2.0
DEFAULT_POLL_INTERVAL_SECONDS = 5.0
# A restarting Redis is usually back within seconds; a missing one should not be
# hammered. The polling fallback keeps reloads working meanwhile.
RECONNECT_FIRST_DELAY_SECONDS = 0.5
RECONNECT_MAX_DELAY_SECONDS = 30.0
# How long one wait for a message lasts: the bound on noticing ``stop_event``.
LISTEN_TIMEOUT_SECONDS = 0.25

OnNotice = Callable[["PromotionNotice"], Awaitable[object]]
OnPoll = Callable[[], Awaitable[object]]


class PromotionNotice(BaseModel):
    """``alias`` of model ``name`` now points at ``version``."""

    name: str
    alias: str = PRODUCTION
    version: str
    previous_version: str | None = None

    @classmethod
    def from_promotion(cls, name: str, promotion: Promotion) -> PromotionNotice:
        """The notice for what ``ModelRegistry.promote(name, ...)`` returned."""
        return cls(
            name=name,
            alias=promotion.alias,
            version=promotion.version,
            previous_version=promotion.previous_version,
        )


def publish_promotion(
    redis_url: str,
    notice: PromotionNotice,
    *,
    channel: str = PROMOTIONS_CHANNEL,
    timeout_seconds: float = PUBLISH_TIMEOUT_SECONDS,
) -> None:
    """Publish ``notice``; if Redis is unreachable, log a warning and return.

    Blocks for at most about ``timeout_seconds``: call it from a thread in async
    code. The promotion itself is already on disk, and the services' polling
    picks it up without the notice.
    """
    context = {"model": notice.name, "alias": notice.alias, "version": notice.version}
    try:
        client = redis.Redis.from_url(
            redis_url,
            socket_connect_timeout=timeout_seconds,
            socket_timeout=timeout_seconds,
        )
        with client:
            receivers = client.publish(channel, notice.model_dump_json())
    except (redis.RedisError, OSError, ValueError) as exc:
        logger.warning("promotion.publish_failed", extra={**context, "error": str(exc)})
        return
    logger.info("promotion.published", extra={**context, "receivers": receivers})


async def _wait(stop_event: asyncio.Event, seconds: float) -> bool:
    """Sleep ``seconds`` unless stopped first; whether ``stop_event`` is set."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop_event.wait(), timeout=seconds)
    return stop_event.is_set()


async def _call_safely(event: str, callback: OnPoll) -> None:
    """A failing callback is logged; it must never end the watcher."""
    try:
        await callback()
    except Exception as exc:
        logger.error(event, exc_info=exc)


def _parse_notice(data: bytes | str) -> PromotionNotice | None:
    try:
        return PromotionNotice.model_validate_json(data)
    except ValidationError:
        logger.warning("promotion.unreadable_notice")
        return None


async def _listen_once(
    redis_url: str,
    channel: str,
    on_notice: OnNotice,
    on_connected: OnPoll,
    stop_event: asyncio.Event,
    subscribed: asyncio.Event,
) -> None:
    """One subscription, until ``stop_event`` or a connection error."""
    client = aioredis.Redis.from_url(
        redis_url, socket_connect_timeout=PUBLISH_TIMEOUT_SECONDS
    )
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    try:
        await pubsub.subscribe(channel)
        subscribed.set()
        logger.info("promotion.subscribed", extra={"channel": channel})
        # Notices sent while we were not subscribed are lost: look now.
        await _call_safely("promotion.poll_failed", on_connected)
        while not stop_event.is_set():
            message = await pubsub.get_message(
                ignore_subscribe_messages=True, timeout=LISTEN_TIMEOUT_SECONDS
            )
            if message is None or message.get("type") != "message":
                continue
            notice = _parse_notice(message["data"])
            if notice is not None:
                await _call_safely(
                    "promotion.handler_failed", functools.partial(on_notice, notice)
                )
    finally:
        with contextlib.suppress(Exception):
            await pubsub.aclose()
        with contextlib.suppress(Exception):
            await client.aclose()


async def _listen(
    redis_url: str,
    channel: str,
    on_notice: OnNotice,
    on_connected: OnPoll,
    stop_event: asyncio.Event,
) -> None:
    """Stay subscribed, reconnecting with exponential backoff."""
    delay = RECONNECT_FIRST_DELAY_SECONDS
    while not stop_event.is_set():
        subscribed = asyncio.Event()
        try:
            await _listen_once(
                redis_url, channel, on_notice, on_connected, stop_event, subscribed
            )
        except (redis.RedisError, OSError) as exc:
            logger.warning(
                "promotion.disconnected",
                extra={"error": str(exc), "retry_in_seconds": delay},
            )
        except Exception as exc:  # a bug here must not end hot reloading
            logger.error("promotion.listener_failed", exc_info=exc)
        if subscribed.is_set():
            delay = RECONNECT_FIRST_DELAY_SECONDS  # it worked: retry promptly
        if await _wait(stop_event, delay):
            return
        delay = min(delay * 2, RECONNECT_MAX_DELAY_SECONDS)


async def _poll(on_poll: OnPoll, interval_seconds: float, stop: asyncio.Event) -> None:
    while not await _wait(stop, interval_seconds):
        await _call_safely("promotion.poll_failed", on_poll)


async def watch_promotions(
    redis_url: str | None,
    on_notice: OnNotice,
    on_poll: OnPoll,
    stop_event: asyncio.Event,
    *,
    poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
    channel: str = PROMOTIONS_CHANNEL,
) -> None:
    """Call ``on_notice`` for each notice and ``on_poll`` every interval.

    Without ``redis_url`` only the polling runs. ``on_poll`` is also called each
    time the subscription (re)starts. Returns once ``stop_event`` is set; the
    callbacks' exceptions are logged, never raised.
    """
    workers = [_poll(on_poll, poll_interval_seconds, stop_event)]
    if redis_url:
        workers.append(_listen(redis_url, channel, on_notice, on_poll, stop_event))
    await asyncio.gather(*workers)


@contextlib.asynccontextmanager
async def watching_promotions(
    redis_url: str | None,
    on_notice: OnNotice,
    on_poll: OnPoll,
    *,
    poll_interval_seconds: float = DEFAULT_POLL_INTERVAL_SECONDS,
    channel: str = PROMOTIONS_CHANNEL,
) -> AsyncIterator[None]:
    """``watch_promotions`` as a background task for the body of an ``async with``."""
    stop_event = asyncio.Event()
    task = asyncio.create_task(
        watch_promotions(
            redis_url,
            on_notice,
            on_poll,
            stop_event,
            poll_interval_seconds=poll_interval_seconds,
            channel=channel,
        ),
        name="promotion-watcher",
    )
    try:
        yield
    finally:
        stop_event.set()
        await task
