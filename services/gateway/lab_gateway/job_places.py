"""Each queued job's place in the fair queue and its estimated wait.

The order is the one the workers follow (``lab_common.fair_queue``, read from
the job store); the worker slots are those the live workers announce in Redis
(``lab_trainer.presence``). Without Redis the places still show, the waits not.
"""

from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis

from lab_common.fair_queue import queue_places
from lab_common.jobs import WORKER_PRESENCE_PREFIX, JobStatus, TrainingJob
from lab_common.store import JobStore

logger = logging.getLogger(__name__)

# A job read must stay quick when Redis is down: the slots are a nicety.
SLOTS_TIMEOUT_SECONDS = 1.0


async def _announced_slots(redis: Redis) -> int:
    keys = [key async for key in redis.scan_iter(match=f"{WORKER_PRESENCE_PREFIX}*")]
    if not keys:
        return 0
    slots = 0
    for value in await redis.mget(keys):
        if value is not None:
            slots += int(json.loads(value).get("concurrency", 1))
    return slots


async def worker_slots(redis: Redis) -> int | None:
    """Jobs the live training workers run at once; None if Redis did not say."""
    try:
        return await asyncio.wait_for(_announced_slots(redis), SLOTS_TIMEOUT_SECONDS)
    except Exception as exc:  # down, slow, or a key not written by a worker
        logger.warning("queue.slots_unknown", extra={"error": str(exc)})
        return None


async def with_queue_places(
    jobs: list[TrainingJob], store: JobStore, redis: Redis
) -> list[TrainingJob]:
    """``jobs`` with ``queue_position`` and ``estimated_wait_seconds`` set on the
    queued ones (one read of the queue, whatever their number)."""
    if not any(job.status == JobStatus.QUEUED for job in jobs):
        return jobs
    slots = await worker_slots(redis)
    state = await asyncio.to_thread(store.queue_state)
    places = queue_places(state.order(), state.running, state.finished, slots)
    placed = []
    for job in jobs:
        place = places.get(job.id) if job.status == JobStatus.QUEUED else None
        if place is not None:
            job = job.model_copy(
                update={
                    "queue_position": place.position,
                    "estimated_wait_seconds": place.estimated_wait_seconds,
                }
            )
        placed.append(job)
    return placed
