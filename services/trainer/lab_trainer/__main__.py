"""``python -m lab_trainer [celery worker options]``: start the training worker.

``python -m lab_trainer scoring [options]`` starts the scoring worker instead:
one process on the ``scoring`` queue (challenge submissions), so scoring never
waits behind training jobs. ``python -m lab_trainer ping`` (or ``ping
scoring``) asks this host's worker for a pong and exits 0 if it answered (the
container health check).
"""

from __future__ import annotations

import socket
import sys

from lab_common.jobs import SCORING_QUEUE, TRAINING_QUEUE
from lab_trainer.celery_app import create_celery
from lab_trainer.settings import Settings, get_settings

# ``%h`` is the host name: one worker per container or host, easy to ping.
NODE_NAME = "trainer@%h"
SCORER_NODE_NAME = "scorer@%h"
# One submission at a time: each takes a second or two on the hidden splits.
SCORER_CONCURRENCY = 1
# A scoring loads one model for a second: its child serves many (Keras' state
# is cleared after each), so a submission never waits for TensorFlow to import
# again, unlike a training job, which gets a fresh child every time.
SCORER_TASKS_PER_CHILD = 100
PING_TIMEOUT_SECONDS = 5.0


def worker_arguments(
    settings: Settings, extra: list[str], *, scoring: bool = False
) -> list[str]:
    """The ``celery worker`` command line; ``extra`` comes last, so it wins."""
    return [
        "worker",
        "--pool",
        "prefork",
        "--concurrency",
        str(SCORER_CONCURRENCY if scoring else settings.concurrency),
        "--queues",
        SCORING_QUEUE if scoring else TRAINING_QUEUE,
        "--hostname",
        SCORER_NODE_NAME if scoring else NODE_NAME,
        "--loglevel",
        settings.log_level,
        # No cluster chatter: jobs are independent and the store coordinates them.
        "--without-mingle",
        "--without-gossip",
        *(["--max-tasks-per-child", str(SCORER_TASKS_PER_CHILD)] if scoring else []),
        *extra,
    ]


def ping(settings: Settings, node_name: str = NODE_NAME) -> int:
    app = create_celery(settings)
    node = node_name.replace("%h", socket.gethostname())
    replies = app.control.ping(destination=[node], timeout=PING_TIMEOUT_SECONDS)
    return 0 if replies else 1


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    settings = get_settings()
    if arguments[:1] == ["ping"]:
        scoring = arguments[1:2] == ["scoring"]
        return ping(settings, SCORER_NODE_NAME if scoring else NODE_NAME)
    scoring = arguments[:1] == ["scoring"]
    extra = arguments[1:] if scoring else arguments
    create_celery(settings).worker_main(
        worker_arguments(settings, extra, scoring=scoring)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
