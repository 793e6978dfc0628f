"""The gateway's aggregated health names a missing training worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient

from lab_common.jobs import WORKER_PRESENCE_PREFIX
from lab_common.store import upgrade_database
from lab_common.store.database import sqlite_url
from lab_gateway.main import create_app
from lab_gateway.settings import Settings

REDIS_URL = "redis://127.0.0.1:6379/5"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    redis.Redis.from_url(REDIS_URL).flushdb()
    settings = Settings(
        cnn_url="http://127.0.0.1:1",
        nlp_url="http://127.0.0.1:1",
        redis_url=REDIS_URL,
        database_url=sqlite_url(tmp_path / "archilab.db"),
        models_dir=tmp_path / "models",
        datasets_dir=tmp_path / "datasets",
    )
    upgrade_database(settings.database_url)
    with TestClient(create_app(settings)) as test_client:
        yield test_client
    redis.Redis.from_url(REDIS_URL).flushdb()


def test_health_says_when_no_training_worker_runs(client: TestClient) -> None:
    response = client.get("/api/v1/health")

    trainer = response.json()["checks"]["trainer"]
    assert response.status_code == 503
    assert trainer["ok"] is False
    assert "No training worker" in trainer["detail"]


def test_health_lists_the_live_training_workers(client: TestClient) -> None:
    redis.Redis.from_url(REDIS_URL).set(f"{WORKER_PRESENCE_PREFIX}trainer@lab", "{}")

    trainer = client.get("/api/v1/health").json()["checks"]["trainer"]

    assert trainer == {"ok": True, "detail": None, "info": {"workers": ["trainer@lab"]}}
