"""The Celery application of the training worker.

Start a worker with (the launcher and compose use exactly this)::

    python -m lab_trainer

which runs ``celery worker -P prefork -c <TRAINER_CONCURRENCY> -Q training
-n trainer@%h --without-mingle --without-gossip``; extra arguments are passed on
to ``celery worker`` (a later ``-n`` wins). ``python -m lab_trainer ping``
exits 0 when this host's worker answers: the container health check.

SIGTERM is Celery's warm shutdown: the worker takes no new job and waits for the
running one. Killed before it ends, the job's heartbeat stops and the gateway's
reaper marks it failed; its message comes back only after Redis' visibility
timeout, and then finds a finished job and does nothing.

The parent process never imports TensorFlow: ``tasks`` imports the training code
inside the task body, in the forked child, and ``worker_max_tasks_per_child=1``
gives every job a fresh child, so its memory goes back to the system when it ends.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import Celery, signals

from lab_common.celery_config import celery_config
from lab_common.logging import configure_logging
from lab_trainer.presence import WorkerPresence
from lab_trainer.settings import Settings

logger = logging.getLogger(__name__)

# Each job in its own child: Keras and TensorFlow keep memory for the life of a
# process, and a crash or a leak in one job cannot reach the next.
MAX_TASKS_PER_CHILD = 1
# A new child imports TensorFlow while it waits for its job (see warm_up_child):
# give it time to say it is up before the pool gives up on it (default 4 s).
CHILD_START_TIMEOUT_SECONDS = 120.0


class TrainerCelery(Celery):
    """A Celery app that carries the worker's settings to its tasks."""

    def __init__(self, settings: Settings, **kwargs: Any) -> None:
        super().__init__("lab_trainer", **kwargs)
        self.settings = settings


def warm_up_child(**_: Any) -> None:
    """In each new pool child, after the fork: import TensorFlow, load MNIST-5k.

    The pool starts a child as soon as the previous one ends, so the next job
    finds the seconds of imports and parsing already done, while TensorFlow still
    never enters the parent (it would not survive the fork).
    """
    started = time.perf_counter()
    from lab_trainer.training.runner import warm_up

    warm_up()
    logger.info(
        "worker.child_ready",
        extra={"seconds": round(time.perf_counter() - started, 2)},
    )


def create_celery(settings: Settings) -> TrainerCelery:
    app = TrainerCelery(settings)
    app.conf.update(
        celery_config(settings.redis_url, settings.soft_time_limit_seconds),
        worker_max_tasks_per_child=MAX_TASKS_PER_CHILD,
        worker_proc_alive_timeout=CHILD_START_TIMEOUT_SECONDS,
        # A worker outlives a Redis restart, however long: it reconnects with
        # backoff instead of exiting (the gateway's producer tries once, to fail
        # a request fast).
        broker_connection_max_retries=None,
        worker_concurrency=settings.concurrency,
        worker_pool="prefork",
        # Logs and the job store report progress; Celery's task events add nothing.
        worker_send_task_events=False,
    )

    def setup_logging(**_: Any) -> None:
        # Having a receiver stops Celery from installing its own handlers.
        configure_logging(settings)

    # Celery keeps weak references by default: this closure must stay alive.
    # One receiver per process, however many apps are made (tests make many).
    signals.setup_logging.connect(
        setup_logging, weak=False, dispatch_uid="lab_trainer.setup_logging"
    )
    signals.worker_process_init.connect(
        warm_up_child, weak=False, dispatch_uid="lab_trainer.warm_up_child"
    )
    presence: list[WorkerPresence] = []

    def announce(sender: Any = None, **_: Any) -> None:
        hostname = getattr(sender, "hostname", None) or "trainer"
        presence.append(
            WorkerPresence(settings.redis_url, hostname, settings.concurrency)
        )
        presence[-1].start()

    def withdraw(**_: Any) -> None:
        while presence:
            presence.pop().stop()

    # Strong references (weak=False): these closures live as long as the app.
    signals.worker_ready.connect(announce, weak=False)
    signals.worker_shutdown.connect(withdraw, weak=False)
    # Registers the task with every app; imports no TensorFlow.
    import lab_trainer.tasks  # noqa: F401

    return app
