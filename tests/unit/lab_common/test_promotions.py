"""Promotion notices over Redis pub/sub, and the registry poll that backs them up.

Publishing and listening use the real Redis at 127.0.0.1:6379, each test on its
own channel; the restart test runs a private ``redis-server`` on a free port.
"""

from __future__ import annotations

import asyncio
import logging
import subprocess
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
import redis

from archilab.processes import free_port
from archilab.redis_server import redis_executable
from lab_common.promotions import (
    PromotionNotice,
    publish_promotion,
    watch_promotions,
    watching_promotions,
)
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from tests.conftest import run_in_own_loop

REDIS_URL = "redis://127.0.0.1:6379/0"
WAIT_SECONDS = 5.0
NOTICE = PromotionNotice(name="digits", version="2", previous_version="1")


@pytest.fixture
def channel() -> str:
    return f"archilab-test:promotions:{uuid.uuid4().hex}"


async def wait_for(
    condition: Callable[[], bool], seconds: float = WAIT_SECONDS
) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.01)


class Recorder:
    """Callbacks for the watcher that remember what they were called with."""

    def __init__(self) -> None:
        self.notices: list[PromotionNotice] = []
        self.polls = 0

    async def on_notice(self, notice: PromotionNotice) -> None:
        self.notices.append(notice)

    async def on_poll(self) -> None:
        self.polls += 1


async def publish_soon(url: str, notice: PromotionNotice, channel: str) -> None:
    await asyncio.to_thread(publish_promotion, url, notice, channel=channel)


def register_dummy_version(registry: ModelRegistry) -> str:
    metadata = ModelMetadata(
        name="digits",
        task="image-classification",
        class_names=["0", "1"],
        input_shape=[2],
        dataset=DatasetRef(id="generated", splits={}),
        duration_seconds=0.0,
    )
    stored = registry.register(metadata, lambda d: (d / "model.keras").write_bytes(b""))
    return stored.version


def next_data_message(pubsub: redis.client.PubSub) -> bytes | None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        message = pubsub.get_message(ignore_subscribe_messages=True, timeout=0.1)
        if message is not None:
            data: bytes = message["data"]
            return data
    return None


def test_publish_promotion_delivers_the_notice_to_subscribers(channel: str) -> None:
    with redis.Redis.from_url(REDIS_URL) as client, client.pubsub() as subscriber:
        subscriber.subscribe(channel)

        publish_promotion(REDIS_URL, NOTICE, channel=channel)

        data = next_data_message(subscriber)
    assert data is not None
    assert PromotionNotice.model_validate_json(data) == NOTICE


def test_publish_promotion_only_warns_when_redis_is_down(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="lab_common.promotions")

    publish_promotion(f"redis://127.0.0.1:{free_port()}/0", NOTICE, timeout_seconds=1)

    assert [r.message for r in caplog.records] == ["promotion.publish_failed"]


def test_promotion_notice_from_promotion_copies_the_registry_change(
    tmp_path: Path,
) -> None:
    registry = ModelRegistry(tmp_path)
    first, second = register_dummy_version(registry), register_dummy_version(registry)
    registry.promote("digits", first)

    notice = PromotionNotice.from_promotion(
        "digits", registry.promote("digits", second)
    )

    assert notice == PromotionNotice(
        name="digits", alias="production", version="2", previous_version="1"
    )


def run_watcher(
    redis_url: str | None,
    recorder: Recorder,
    act: Callable[[], Awaitable[None]],
    *,
    channel: str,
    poll_interval_seconds: float = 60.0,
) -> None:
    """Run ``act`` while the watcher runs; the watcher must stop when asked."""

    async def scenario() -> None:
        async with watching_promotions(
            redis_url,
            recorder.on_notice,
            recorder.on_poll,
            poll_interval_seconds=poll_interval_seconds,
            channel=channel,
        ):
            await act()

    run_in_own_loop(asyncio.wait_for(scenario(), timeout=3 * WAIT_SECONDS))


def test_watcher_hands_a_published_notice_to_on_notice(channel: str) -> None:
    recorder = Recorder()

    async def act() -> None:
        await wait_for(lambda: recorder.polls == 1)  # polled once when subscribed
        await publish_soon(REDIS_URL, NOTICE, channel)
        await wait_for(lambda: bool(recorder.notices))

    run_watcher(REDIS_URL, recorder, act, channel=channel)

    assert recorder.notices == [NOTICE]


def test_watcher_skips_unreadable_messages_and_keeps_listening(channel: str) -> None:
    recorder = Recorder()

    async def act() -> None:
        await wait_for(lambda: recorder.polls == 1)
        with redis.Redis.from_url(REDIS_URL) as client:
            client.publish(channel, b"not a notice")
        await publish_soon(REDIS_URL, NOTICE, channel)
        await wait_for(lambda: bool(recorder.notices))

    run_watcher(REDIS_URL, recorder, act, channel=channel)

    assert recorder.notices == [NOTICE]


def test_watcher_polls_the_registry_when_there_is_no_redis(
    tmp_path: Path, channel: str
) -> None:
    registry = ModelRegistry(tmp_path)
    first, second = register_dummy_version(registry), register_dummy_version(registry)
    registry.promote("digits", first)
    seen: list[str | None] = []

    async def on_poll() -> None:
        seen.append(registry.production_version("digits"))

    async def scenario() -> None:
        stop = asyncio.Event()
        watcher = asyncio.create_task(
            watch_promotions(
                None, Recorder().on_notice, on_poll, stop, poll_interval_seconds=0.02
            )
        )
        await wait_for(lambda: seen[-1:] == ["1"])
        registry.promote("digits", second)
        await wait_for(lambda: seen[-1:] == ["2"])
        stop.set()
        await watcher

    run_in_own_loop(asyncio.wait_for(scenario(), timeout=WAIT_SECONDS))

    assert seen[0] == "1" and seen[-1] == "2"


def test_watcher_keeps_polling_after_a_failing_callback(channel: str) -> None:
    calls = 0

    async def failing_poll() -> None:
        nonlocal calls
        calls += 1
        raise RuntimeError("registry unreadable")

    async def scenario() -> None:
        async with watching_promotions(
            None, Recorder().on_notice, failing_poll, poll_interval_seconds=0.01
        ):
            await wait_for(lambda: calls >= 3)

    run_in_own_loop(asyncio.wait_for(scenario(), timeout=WAIT_SECONDS))

    assert calls >= 3


def start_private_redis(port: int) -> subprocess.Popen[bytes]:
    argv = [str(redis_executable()), "--port", str(port), "--bind", "127.0.0.1"]
    argv += ["--save", "", "--appendonly", "no"]
    process = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with redis.Redis.from_url(url, socket_timeout=1) as client:
                client.ping()
            return process
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.05)


def stop_private_redis(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=10)


def test_watcher_resubscribes_after_redis_restarts(channel: str) -> None:
    private_redis_port = free_port()
    url = f"redis://127.0.0.1:{private_redis_port}/0"
    recorder = Recorder()
    servers = [start_private_redis(private_redis_port)]

    async def act() -> None:
        await wait_for(lambda: recorder.polls == 1)
        await asyncio.to_thread(stop_private_redis, servers[0])
        servers.append(await asyncio.to_thread(start_private_redis, private_redis_port))
        await wait_for(lambda: recorder.polls == 2)  # subscribed again
        await publish_soon(url, NOTICE, channel)
        await wait_for(lambda: bool(recorder.notices))

    try:
        run_watcher(url, recorder, act, channel=channel)
    finally:
        for server in servers:
            if server.poll() is None:
                stop_private_redis(server)

    assert recorder.notices == [NOTICE]
