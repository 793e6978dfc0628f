"""Celery settings shared by the producer (gateway) and the worker (trainer).

Both must agree on the broker's transport options: with Redis, a message not
acknowledged within ``visibility_timeout`` is delivered again, so that timeout
sits above the longest job a worker may run (its hard time limit).
"""

from __future__ import annotations

from typing import Any

from lab_common.jobs import (
    SCORE_SUBMISSION_TASK,
    SCORING_QUEUE,
    TRAIN_MODEL_TASK,
    TRAINING_QUEUE,
)

DEFAULT_SOFT_TIME_LIMIT_SECONDS = 3 * 3600
# The hard limit leaves the soft one time to save what can be saved and report.
HARD_LIMIT_MARGIN_SECONDS = 300
# Redelivery only after the hard limit has surely killed the first delivery.
VISIBILITY_MARGIN_SECONDS = 600


def hard_time_limit(soft_time_limit_seconds: int) -> int:
    return soft_time_limit_seconds + HARD_LIMIT_MARGIN_SECONDS


def visibility_timeout(soft_time_limit_seconds: int) -> int:
    return hard_time_limit(soft_time_limit_seconds) + VISIBILITY_MARGIN_SECONDS


def celery_config(
    broker_url: str,
    soft_time_limit_seconds: int = DEFAULT_SOFT_TIME_LIMIT_SECONDS,
) -> dict[str, Any]:
    """Keyword settings for ``Celery.conf.update``; no result backend is used."""
    transport = {"visibility_timeout": visibility_timeout(soft_time_limit_seconds)}
    return {
        "broker_url": broker_url,
        "broker_transport_options": transport,
        # Unused (the job store holds results) but read by Celery if ever set.
        "result_backend_transport_options": transport,
        "task_ignore_result": True,
        "task_serializer": "json",
        "accept_content": ["json"],
        "task_routes": {
            TRAIN_MODEL_TASK: {"queue": TRAINING_QUEUE},
            SCORE_SUBMISSION_TASK: {"queue": SCORING_QUEUE},
        },
        "task_default_queue": TRAINING_QUEUE,
        "broker_connection_retry_on_startup": True,
        # A dead broker must not hang an API request that enqueues.
        "broker_connection_timeout": 3,
        "broker_connection_max_retries": 1,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_soft_time_limit": soft_time_limit_seconds,
        "task_time_limit": hard_time_limit(soft_time_limit_seconds),
        "worker_hijack_root_logger": False,
    }
