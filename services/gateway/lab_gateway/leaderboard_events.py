"""A challenge's leaderboard as Server-Sent Events: sent at once, then on each change.

As for a job's events, the store is the truth and Redis pub/sub
(``leaderboard_channel``) only wakes the stream up early: the scoring worker
publishes when it records a score, the routes when a submission is queued or
the challenge opens, freezes or is revealed. The stream reads a cheap stamp
(``ChallengeStore.leaderboard_stamp``) at each wake-up and every few seconds,
and rebuilds the leaderboard only when the stamp moved; it sends it only when
its JSON differs from the last one sent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator

import redis
from redis.asyncio import Redis

from lab_common.challenges.leaderboard import build_leaderboard, leaderboard_channel
from lab_common.store import ChallengeStore
from lab_gateway.events import RETRY_MILLISECONDS, WakeUps

logger = logging.getLogger(__name__)

LEADERBOARD_EVENT = "leaderboard"
KEEPALIVE_SECONDS = 15.0
# Without a wake-up (Redis down, a message lost), a change shows this late.
POLL_SECONDS = 2.0


def read_leaderboard_json(challenges: ChallengeStore, challenge_id: str) -> str:
    """The leaderboard as the REST route gives it, as one line of JSON."""
    challenge = challenges.get_challenge(challenge_id)
    submissions = challenges.list_submissions(challenge_id)
    return build_leaderboard(challenge, submissions).model_dump_json()


def format_leaderboard(number: int, body: str) -> str:
    return f"id: {number}\nevent: {LEADERBOARD_EVENT}\ndata: {body}\n\n"


async def stream_leaderboard(
    challenges: ChallengeStore,
    client: Redis,
    challenge_id: str,
    *,
    keepalive_seconds: float = KEEPALIVE_SECONDS,
    poll_seconds: float = POLL_SECONDS,
) -> AsyncIterator[str]:
    """SSE text: the leaderboard now, then each time it changes; never ends.

    The client closing the connection ends it. Event ids count the
    leaderboards sent on this connection (a reconnection starts again with the
    current one, so there is nothing to resume).
    """
    wake_ups = WakeUps(client, leaderboard_channel(challenge_id))
    last_stamp: str | None = None
    last_body: str | None = None
    sent = 0
    try:
        yield f"retry: {RETRY_MILLISECONDS}\n\n"
        # Subscribed before the first read: no wake-up in between is missed.
        await wake_ups.subscribe()
        last_sent = time.monotonic()
        while True:
            stamp = await asyncio.to_thread(challenges.leaderboard_stamp, challenge_id)
            if stamp != last_stamp:
                last_stamp = stamp
                body = await asyncio.to_thread(
                    read_leaderboard_json, challenges, challenge_id
                )
                if body != last_body:
                    last_body = body
                    sent += 1
                    yield format_leaderboard(sent, body)
                    last_sent = time.monotonic()
            if time.monotonic() - last_sent >= keepalive_seconds:
                yield ": keep-alive\n\n"  # keeps proxies from closing an idle stream
                last_sent = time.monotonic()
            remaining = keepalive_seconds - (time.monotonic() - last_sent)
            await wake_ups.wait(max(0.0, min(poll_seconds, remaining)))
    finally:
        await wake_ups.aclose()


async def announce_leaderboard_change(client: Redis, challenge_id: str) -> None:
    """Wake the challenge's live leaderboards up; never raises (they poll anyway)."""
    try:
        await client.publish(leaderboard_channel(challenge_id), "changed")
    except (redis.RedisError, OSError) as exc:
        logger.warning(
            "leaderboard.wake_up_failed",
            extra={"challenge_id": challenge_id, "error": str(exc)},
        )
