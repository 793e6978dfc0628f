"""``python -m lab_trainer [celery worker options]``: start the training worker.

``python -m lab_trainer ping`` instead asks this host's worker for a pong and
exits 0 if it answered (the container health check).
"""

from __future__ import annotations

import socket
import sys

from lab_common.jobs import TRAINING_QUEUE
from lab_trainer.celery_app import create_celery
from lab_trainer.settings import Settings, get_settings

# ``%h`` is the host name: one worker per container or host, easy to ping.
NODE_NAME = "trainer@%h"
PING_TIMEOUT_SECONDS = 5.0


def worker_arguments(settings: Settings, extra: list[str]) -> list[str]:
    """The ``celery worker`` command line; ``extra`` comes last, so it wins."""
    return [
        "worker",
        "--pool",
        "prefork",
        "--concurrency",
        str(settings.concurrency),
        "--queues",
        TRAINING_QUEUE,
        "--hostname",
        NODE_NAME,
        "--loglevel",
        settings.log_level,
        # No cluster chatter: jobs are independent and the store coordinates them.
        "--without-mingle",
        "--without-gossip",
        *extra,
    ]


def ping(settings: Settings) -> int:
    app = create_celery(settings)
    node = NODE_NAME.replace("%h", socket.gethostname())
    replies = app.control.ping(destination=[node], timeout=PING_TIMEOUT_SECONDS)
    return 0 if replies else 1


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    settings = get_settings()
    if arguments[:1] == ["ping"]:
        return ping(settings)
    create_celery(settings).worker_main(worker_arguments(settings, arguments))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
