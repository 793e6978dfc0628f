"""``archilab up`` with an existing Redis, and a clean stop on SIGTERM."""

from __future__ import annotations

import re
import socket

import httpx
import pytest

from lab_common.registry import ModelRegistry
from lab_trainer.first_start import DEFAULT_SPECS, FIRST_START_OWNER
from tests.conftest import LabStack, free_port, start_launcher, stop_launcher

pytestmark = pytest.mark.integration

MACHINE_REDIS_URL = "redis://127.0.0.1:6379/0"  # started before every session and CI


def is_listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_launcher_uses_redis_url_and_stops_every_child_on_sigterm(
    lab_stack: LabStack,
) -> None:
    # Reuses the session's home, so the default model is already trained.
    stack = start_launcher(
        lab_stack.home, free_port(), {"REDIS_URL": MACHINE_REDIS_URL}
    )
    health = httpx.get(f"{stack.base_url}/api/v1/health", timeout=10).json()
    output = stack.output_path.read_text()
    service_ports = [
        int(p) for p in re.findall(r"ready \(http://127.0.0.1:(\d+)/", output)
    ]
    assert len(service_ports) == 3  # cnn, nlp and gateway

    exit_code = stop_launcher(stack)

    assert health["checks"]["redis"]["info"]["url"] == MACHINE_REDIS_URL
    assert "REDIS_URL" in output
    assert exit_code == 0
    assert not any(is_listening(port) for port in service_ports)


def test_launcher_prints_the_url_and_writes_per_service_logs(
    lab_stack: LabStack,
) -> None:
    output = lab_stack.output_path.read_text()

    assert lab_stack.base_url in output
    logs = {p.name for p in (lab_stack.home / "logs").iterdir()}
    assert {
        "redis.log",
        "trainer.log",
        "first-start.log",
        "cnn.log",
        "nlp.log",
        "gateway.log",
    } <= logs


def test_first_start_trains_the_default_models_as_jobs_now_in_production(
    lab_stack: LabStack,
) -> None:
    listed = httpx.get(
        f"{lab_stack.base_url}/api/v1/training-jobs",
        params={"owner": FIRST_START_OWNER},
        timeout=10,
    ).json()["jobs"]
    jobs = {job["model_name"]: job for job in listed}
    registry = ModelRegistry(lab_stack.home / "models")

    assert set(jobs) == set(DEFAULT_SPECS)
    for name, job in jobs.items():
        assert job["status"] == "succeeded"
        assert len(job["history"]) >= 1  # the curves of the jobs page
        assert job["spec"] == DEFAULT_SPECS[name].model_dump(mode="json")
        assert registry.production_version(name) == job["model_version"]
        assert registry.get_metadata(name, job["model_version"]).job_id == job["id"]
