"""/api/v1/models: the registry's models, versions and promotions (no TensorFlow)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis

from lab_common.promotions import PROMOTIONS_CHANNEL
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from tests.unit.gateway.labs import GatewayLab, gateway_lab

REDIS_URL = "redis://127.0.0.1:6379/6"
MODELS = "/api/v1/models"
# Version 1 by team a, 2 by team b, 3 by an admin.
OWNERS = ("team:a", "team:b", "admin")


@dataclass
class Lab(GatewayLab):
    name: str = ""  # the model under test, set by the fixture

    def promote(self, who: str, version: str, **extra: str) -> dict[str, object]:
        response = self.client.post(
            f"{MODELS}/{self.name}/aliases/production",
            json={"version": version, **extra},
            headers=self.auth(who),
        )
        assert response.status_code == 200, response.text
        promotion: dict[str, object] = response.json()
        return promotion


def write_dummy_model(folder: Path) -> None:
    (folder / "model.keras").write_bytes(b"not a real model")


def register_version(registry: ModelRegistry, name: str, owner: str) -> None:
    metadata = ModelMetadata(
        name=name,
        task="image-classification",
        class_names=[str(digit) for digit in range(10)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={"train": 4000, "test": 1000}),
        metrics={"accuracy": 0.9},
        training_config={"epochs": 2},
        duration_seconds=1.5,
        owner=owner,
        job_id=uuid.uuid4().hex,
    )
    registry.register(metadata, write_dummy_model)


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with gateway_lab(
        tmp_path, Lab, redis_url=REDIS_URL, teams=("a",), key_prefix="team-"
    ) as running:
        # Unique per test: promotion notices go to every listener of the channel.
        running.name = f"digits-{uuid.uuid4().hex[:8]}"
        for owner in OWNERS:
            register_version(running.registry, running.name, owner)
        yield running


def test_list_models_summarises_each_model(lab: Lab) -> None:
    lab.registry.promote(lab.name, "2")

    response = lab.client.get(MODELS)

    assert response.status_code == 200
    assert response.json()["models"] == [
        {
            "name": lab.name,
            "task": "image-classification",
            "versions": 3,
            "production_version": "2",
            "latest_version": "3",
        }
    ]


def test_versions_describe_each_version(lab: Lab) -> None:
    lab.registry.promote(lab.name, "1", actor="admin", reason="first")

    body = lab.client.get(f"{MODELS}/{lab.name}/versions").json()

    assert body["production_version"] == "1"
    assert [v["version"] for v in body["versions"]] == ["1", "2", "3"]
    assert [v["owner"] for v in body["versions"]] == list(OWNERS)
    assert [v["is_production"] for v in body["versions"]] == [True, False, False]
    first = body["versions"][0]
    assert first["metrics"] == {"accuracy": 0.9}
    assert first["dataset"]["id"] == "mnist-5k"
    assert (first["duration_seconds"], first["training_config"]) == (1.5, {"epochs": 2})
    assert first["job_id"] and first["created_at"]
    assert [p["reason"] for p in body["history"]] == ["first"]


def test_versions_of_unknown_model_are_not_found(lab: Lab) -> None:
    response = lab.client.get(f"{MODELS}/no-such-model/versions")

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/model-not-found"


def test_admin_promotes_any_version(lab: Lab) -> None:
    promotion = lab.promote("admin", "2", reason="better accuracy")

    assert (promotion["version"], promotion["previous_version"]) == ("2", None)
    assert (promotion["actor"], promotion["reason"]) == ("admin", "better accuracy")
    assert lab.registry.production_version(lab.name) == "2"


def test_rollback_is_promoting_an_older_version(lab: Lab) -> None:
    lab.promote("admin", "3")

    promotion = lab.promote("admin", "1", reason="rollback")

    assert (promotion["version"], promotion["previous_version"]) == ("1", "3")
    history = lab.client.get(f"{MODELS}/{lab.name}/versions").json()["history"]
    assert [p["version"] for p in history] == ["3", "1"]


def test_team_promotes_its_own_version(lab: Lab) -> None:
    promotion = lab.promote("team-a", "1")

    assert promotion["actor"] == "team:a"


def test_team_cannot_promote_a_version_it_did_not_train(lab: Lab) -> None:
    response = lab.client.post(
        f"{MODELS}/{lab.name}/aliases/production",
        json={"version": "2"},
        headers=lab.auth("team-a"),
    )

    assert response.status_code == 403
    assert response.json()["type"] == "/problems/forbidden"
    assert lab.registry.production_version(lab.name) is None


def test_team_cannot_promote_a_served_model_even_its_own_version(lab: Lab) -> None:
    for owner in ("admin", "team:a"):
        register_version(lab.registry, "digits", owner)
    lab.registry.promote("digits", "1")

    response = lab.client.post(
        f"{MODELS}/digits/aliases/production",
        json={"version": "2"},
        headers=lab.auth("team-a"),
    )

    assert response.status_code == 403
    assert response.json()["type"] == "/problems/forbidden"
    assert lab.registry.production_version("digits") == "1"


def test_admin_promotes_a_served_model(lab: Lab) -> None:
    for owner in ("admin", "team:a"):
        register_version(lab.registry, "digits", owner)

    response = lab.client.post(
        f"{MODELS}/digits/aliases/production",
        json={"version": "2"},
        headers=lab.auth("admin"),
    )

    assert response.status_code == 200
    assert lab.registry.production_version("digits") == "2"


@pytest.mark.parametrize(
    ("model", "version"), [("no-such-model", "1"), (None, "9")], ids=["model", "ver"]
)
def test_promoting_unknown_model_or_version_is_not_found(
    lab: Lab, model: str | None, version: str
) -> None:
    response = lab.client.post(
        f"{MODELS}/{model or lab.name}/aliases/production",
        json={"version": version},
        headers=lab.auth("admin"),
    )

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/model-not-found"


def test_promotion_refuses_unknown_fields(lab: Lab) -> None:
    response = lab.client.post(
        f"{MODELS}/{lab.name}/aliases/production",
        json={"version": "1", "alias": "staging"},
        headers=lab.auth("admin"),
    )

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"


def test_promotion_needs_a_key(lab: Lab) -> None:
    response = lab.client.post(
        f"{MODELS}/{lab.name}/aliases/production", json={"version": "1"}
    )

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_promotion_is_published_on_redis(lab: Lab) -> None:
    listener = redis.Redis.from_url(REDIS_URL).pubsub(ignore_subscribe_messages=True)
    listener.subscribe(PROMOTIONS_CHANNEL)

    lab.promote("admin", "3")

    notice = _next_notice_for(listener, lab.name)
    listener.close()
    assert notice == {
        "name": lab.name,
        "alias": "production",
        "version": "3",
        "previous_version": None,
    }


def _next_notice_for(listener: redis.client.PubSub, name: str) -> dict[str, object]:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        message = listener.get_message(timeout=0.5)
        if message is not None and json.loads(message["data"])["name"] == name:
            notice: dict[str, object] = json.loads(message["data"])
            return notice
    raise AssertionError(f"no promotion notice for {name}")
