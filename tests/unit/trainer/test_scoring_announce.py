"""The scoring worker wakes the challenge's live leaderboards up (real Redis, db 7)."""

from __future__ import annotations

import time
from pathlib import Path

import redis

from lab_common.challenges.leaderboard import leaderboard_channel
from lab_trainer.scoring import announce_change
from tests.unit.trainer.factories import make_settings

REDIS_URL = "redis://127.0.0.1:6379/7"


def test_announce_change_publishes_on_the_challenges_channel(tmp_path: Path) -> None:
    settings = make_settings(tmp_path).model_copy(update={"redis_url": REDIS_URL})
    client = redis.Redis.from_url(REDIS_URL)
    listener = client.pubsub(ignore_subscribe_messages=True)
    listener.subscribe(leaderboard_channel("c1"))

    announce_change(settings, "c1")

    deadline, message = time.monotonic() + 5.0, None
    while message is None and time.monotonic() < deadline:
        message = listener.get_message(timeout=0.2)
    listener.close()
    client.close()
    assert message is not None and message["channel"] == b"archilab:leaderboard:c1"


def test_announce_change_without_redis_does_not_raise(tmp_path: Path) -> None:
    announce_change(make_settings(tmp_path), "c1")  # unreachable Redis: logged only
