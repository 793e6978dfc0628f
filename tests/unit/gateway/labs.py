"""The gateway app the API tests run: real SQLite store, real Redis, keys made.

``gateway_lab`` upgrades a SQLite store in ``tmp_path``, makes an admin key and
one key per team, empties the test file's Redis database and opens the app
inside a ``TestClient`` (so its lifespan runs). The cnn and nlp services are
not running: a call relayed to them is answered 502. Each test file passes its
own Redis database, so two files never share a queue.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import redis
from fastapi.testclient import TestClient

from lab_common.registry import ModelRegistry
from lab_common.store import (
    ChallengeStore,
    JobStore,
    KeyStore,
    connect_database,
    upgrade_database,
)
from lab_common.store.database import sqlite_url
from lab_gateway.main import create_app
from lab_gateway.settings import Settings

CLOSED_REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
NO_SERVICE_URL = "http://127.0.0.1:1"
CHALLENGES = "/api/v1/challenges"


def gateway_settings(tmp_path: Path, *, redis_url: str, **changes: Any) -> Settings:
    """Settings for a gateway whose files all live in ``tmp_path``."""
    values: dict[str, Any] = {
        "cnn_url": NO_SERVICE_URL,
        "nlp_url": NO_SERVICE_URL,
        "redis_url": redis_url,
        "database_url": sqlite_url(tmp_path / "archilab.db"),
        "models_dir": tmp_path / "models",
        "datasets_dir": tmp_path / "datasets",
        "require_key_for_read": False,
    }
    return Settings(**(values | changes))


@dataclass
class GatewayLab:
    client: TestClient
    settings: Settings
    store: JobStore
    challenges: ChallengeStore
    registry: ModelRegistry
    broker: redis.Redis
    keys: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def open_challenge(
        self, template: str = "chiffres-dense", **options: Any
    ) -> dict[str, Any]:
        """A challenge the admin creates and opens (its baseline job is queued)."""
        created = self.client.post(
            CHALLENGES,
            json={"template": template, **options},
            headers=self.auth("admin"),
        )
        assert created.status_code == 201, created.text
        challenge: dict[str, Any] = created.json()
        opened = self.client.post(
            f"{CHALLENGES}/{challenge['id']}/open", headers=self.auth("admin")
        )
        assert opened.status_code == 200, opened.text
        return challenge


@dataclass
class ChallengeLab(GatewayLab):
    """The gateway once the fixture has opened a challenge (as the API returned it)."""

    challenge: dict[str, Any] = field(default_factory=dict)


LabT = TypeVar("LabT", bound=GatewayLab)


@contextmanager
def gateway_lab(
    tmp_path: Path,
    lab_class: type[LabT],
    *,
    redis_url: str,
    teams: Sequence[str] = ("red", "blue"),
    key_prefix: str = "",
    flush_redis: bool = True,
    **settings_changes: Any,
) -> Iterator[LabT]:
    """The running gateway, as ``lab_class``; keys are ``admin`` and, per team,
    ``key_prefix + team``. Without ``flush_redis`` Redis is never contacted (for
    ``CLOSED_REDIS_URL``)."""
    settings = gateway_settings(tmp_path, redis_url=redis_url, **settings_changes)
    upgrade_database(settings.database_url)
    engine = connect_database(settings.database_url)
    key_store = KeyStore(engine)
    keys = {"admin": key_store.create_key("admin")[0]}
    for team in teams:
        keys[key_prefix + team] = key_store.create_key("team", team=team)[0]
    broker = redis.Redis.from_url(redis_url)
    if flush_redis:
        broker.flushdb()
    try:
        with TestClient(create_app(settings)) as client:
            yield lab_class(
                client=client,
                settings=settings,
                store=JobStore(engine),
                challenges=ChallengeStore(engine),
                registry=ModelRegistry(settings.models_dir),
                broker=broker,
                keys=keys,
            )
        if flush_redis:
            broker.flushdb()
    finally:
        broker.close()
        engine.dispose()
