"""Training jobs through the running lab: gateway, Celery worker, Redis, services.

Everything is the real thing started by ``archilab up`` (the ``lab_stack``
fixture): a job is posted over HTTP, trained by the worker, followed over
Server-Sent Events, registered, promoted, and served by the vision service
without a restart.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from typing import Any

import httpx
import numpy as np
import pytest

from tests.conftest import LabStack, encode_image, stroke_digit_one

pytestmark = pytest.mark.integration

JOBS = "/api/v1/training-jobs"
JOB_TIMEOUT_SECONDS = 240
# A short image job: tiny CNN, one epoch over MNIST-5k (seconds of fit).
SHORT_JOB = {
    "task": "image-classification",
    "dataset": "mnist-5k",
    "architecture": "tiny-cnn",
    "epochs": 1,
    "batch_size": 128,
    "progress_every_batches": 5,
}
SERVED_MODEL = "digits"  # what the vision service serves (CNN_MODEL_NAME)
RELOAD_TIMEOUT_SECONDS = 20


@pytest.fixture(scope="module")
def api(lab_stack: LabStack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=lab_stack.base_url, timeout=30) as client:
        yield client


def create_team_key(stack: LabStack, team: str) -> dict[str, str]:
    """A team key made with the real CLI, against the lab's own database."""
    result = subprocess.run(
        [sys.executable, "-m", "archilab", "keys", "create", "--role", "team",
         "--team", team, "--home", str(stack.home)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {"Authorization": f"Bearer {result.stdout.strip()}"}


def read_events(
    client: httpx.Client, job_id: str, last_event_id: int | None = None
) -> list[dict[str, Any]]:
    """Every SSE event of a job until the stream ends (at its terminal status)."""
    headers = {} if last_event_id is None else {"Last-Event-ID": str(last_event_id)}
    events: list[dict[str, Any]] = []
    with client.stream(
        "GET", f"{JOBS}/{job_id}/events", headers=headers,
        timeout=JOB_TIMEOUT_SECONDS,
    ) as response:  # fmt: skip
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        fields: dict[str, str] = {}
        for line in response.iter_lines():
            if line == "":
                if "data" in fields:
                    events.append(
                        {"id": int(fields["id"]), "event": fields["event"],
                         **json.loads(fields["data"])}
                    )  # fmt: skip
                fields = {}
            elif not line.startswith(":"):
                name, _, value = line.partition(": ")
                fields[name] = value
    return events


def wait_for_status(
    client: httpx.Client, job_id: str, wanted: set[str], timeout_seconds: float
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_seconds
    while True:
        job: dict[str, Any] = client.get(f"{JOBS}/{job_id}").json()
        if job["status"] in wanted or time.monotonic() > deadline:
            return job
        time.sleep(0.25)


def served_version(client: httpx.Client) -> str:
    response = client.post(
        "/api/v1/vision/predictions",
        files={"file": ("one.png", encode_image(stroke_digit_one()), "image/png")},
    )
    assert response.status_code == 200, response.text
    version: str = response.json()["model"]["version"]
    return version


def test_short_job_runs_end_to_end_and_its_events_replay(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    response = api.post(
        JOBS, json={**SHORT_JOB, "model_name": "it-short"},
        headers=lab_stack.admin_headers(),
    )  # fmt: skip
    assert response.status_code == 202, response.text
    job_id = response.json()["id"]
    assert response.headers["location"] == f"{JOBS}/{job_id}"

    events = read_events(api, job_id)
    job = api.get(f"{JOBS}/{job_id}").json()

    statuses = [e["data"]["status"] for e in events if e["event"] == "status"]
    assert statuses == ["queued", "running", "succeeded"]
    assert any(e["event"] == "batch" for e in events)
    epochs = [e for e in events if e["event"] == "epoch"]
    assert [e["data"]["epoch"] for e in epochs] == [1]
    assert job["status"] == "succeeded"
    assert job["model_name"] == "it-short" and job["model_version"] == "1"
    assert 0.0 < job["test_metrics"]["accuracy"] <= 1.0
    versions = api.get("/api/v1/models/it-short/versions").json()["versions"]
    assert [v["version"] for v in versions] == ["1"]
    assert versions[0]["job_id"] == job_id and not versions[0]["is_production"]
    # Resuming after the first event replays exactly the rest.
    replayed = read_events(api, job_id, last_event_id=events[0]["id"])
    assert [e["id"] for e in replayed] == [e["id"] for e in events[1:]]


def test_cancel_stops_a_running_job_without_a_version(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    spec = {**SHORT_JOB, "epochs": 50, "batch_size": 32, "model_name": "it-cancel"}
    job_id = api.post(JOBS, json=spec, headers=lab_stack.admin_headers()).json()["id"]
    wait_for_status(api, job_id, {"running"}, JOB_TIMEOUT_SECONDS)

    response = api.post(f"{JOBS}/{job_id}/cancel", headers=lab_stack.admin_headers())
    job = wait_for_status(api, job_id, {"cancelled", "failed"}, 60)

    assert response.status_code == 202
    assert job["status"] == "cancelled"
    assert job["model_version"] is None
    assert api.get("/api/v1/models/it-cancel/versions").status_code == 404


def test_teams_see_and_cancel_only_their_own_jobs(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    red, blue = create_team_key(lab_stack, "red"), create_team_key(lab_stack, "blue")
    spec = {**SHORT_JOB, "epochs": 50, "model_name": "it-red"}
    job_id = api.post(JOBS, json=spec, headers=red).json()["id"]

    blue_list = api.get(JOBS, headers=blue).json()["jobs"]
    blue_read = api.get(f"{JOBS}/{job_id}", headers=blue)
    blue_cancel = api.post(f"{JOBS}/{job_id}/cancel", headers=blue)
    admin_list = api.get(JOBS, headers=lab_stack.admin_headers()).json()["jobs"]
    red_cancel = api.post(f"{JOBS}/{job_id}/cancel", headers=red)

    assert job_id not in {job["id"] for job in blue_list}
    assert blue_read.status_code == 404
    assert blue_cancel.status_code == 404
    assert blue_cancel.json()["type"] == "/problems/job-not-found"
    assert job_id in {job["id"] for job in admin_list}
    assert red_cancel.status_code == 202
    assert wait_for_status(api, job_id, {"cancelled"}, 60)["status"] == "cancelled"


def test_training_without_a_key_is_refused(api: httpx.Client) -> None:
    response = api.post(JOBS, json=SHORT_JOB)

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_promotion_reaches_the_vision_service_without_restart(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    admin = lab_stack.admin_headers()
    before = served_version(api)
    spec = {**SHORT_JOB, "architecture": "digits-cnn", "model_name": SERVED_MODEL}
    job_id = api.post(JOBS, json=spec, headers=admin).json()["id"]
    job = wait_for_status(
        api, job_id, {"succeeded", "failed", "cancelled"}, JOB_TIMEOUT_SECONDS
    )
    assert job["status"] == "succeeded", job.get("error")
    new_version = job["model_version"]
    assert served_version(api) == before  # registered, not promoted

    try:
        promoted = api.post(
            f"/api/v1/models/{SERVED_MODEL}/aliases/production",
            json={"version": new_version, "reason": "integration test"},
            headers=admin,
        )
        assert promoted.status_code == 200, promoted.text
        deadline = time.monotonic() + RELOAD_TIMEOUT_SECONDS
        while served_version(api) != new_version and time.monotonic() < deadline:
            time.sleep(0.2)
        assert served_version(api) == new_version
    finally:
        # Roll back: the other tests expect the default model in production.
        api.post(
            f"/api/v1/models/{SERVED_MODEL}/aliases/production",
            json={"version": before, "reason": "roll back after the test"},
            headers=admin,
        )
    deadline = time.monotonic() + RELOAD_TIMEOUT_SECONDS
    while served_version(api) != before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert served_version(api) == before
    history = api.get(f"/api/v1/models/{SERVED_MODEL}/versions").json()["history"]
    assert [h["version"] for h in history[-2:]] == [new_version, before]


# --- datasets uploaded through the real gateway --------------------------------


def bars_zip(*, escaping: bool = False) -> bytes:
    """Two classes of 20x20 grey PNGs: vertical and horizontal bars."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(8):
            image = np.zeros((20, 20), np.uint8)
            image[:, 4 + index : 8 + index] = 255
            archive.writestr(f"bars/vertical/{index}.png", encode_image(image))
            archive.writestr(f"bars/horizontal/{index}.png", encode_image(image.T))
        if escaping:
            archive.writestr("../../outside.png", encode_image(image))
    return buffer.getvalue()


def test_an_uploaded_image_dataset_can_be_previewed_and_trained_on(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    admin = lab_stack.admin_headers()

    uploaded = api.post(
        "/api/v1/datasets",
        files={"file": ("bars.zip", bars_zip())},
        data={"name": "bars"},
        headers=admin,
    )
    assert uploaded.status_code == 201, uploaded.text
    dataset = uploaded.json()
    preview = api.get(f"/api/v1/datasets/{dataset['id']}/preview").json()
    spec = {**SHORT_JOB, "dataset": dataset["id"], "batch_size": 4}
    job_id = api.post(JOBS, json=spec, headers=admin).json()["id"]
    job = wait_for_status(
        api, job_id, {"succeeded", "failed", "cancelled"}, JOB_TIMEOUT_SECONDS
    )

    assert dataset["input_shape"] == [28, 28, 1]
    assert sorted(dataset["classes"]) == ["horizontal", "vertical"]
    assert sum(c["count"] for c in preview["class_counts"]) > 0
    assert job["status"] == "succeeded", job.get("error")


@pytest.mark.parametrize(
    ("name", "content", "status", "problem"),
    [
        ("escape.zip", bars_zip(escaping=True), 422, "/problems/unsafe-archive-path"),
        (
            "photo.png",
            encode_image(np.zeros((8, 8), np.uint8)),
            415,
            "/problems/upload-not-supported",
        ),
    ],
)
def test_a_bad_upload_is_a_problem_and_leaves_nothing(
    api: httpx.Client,
    lab_stack: LabStack,
    name: str,
    content: bytes,
    status: int,
    problem: str,
) -> None:
    before = {d["id"] for d in api.get("/api/v1/datasets").json()["datasets"]}

    response = api.post(
        "/api/v1/datasets", files={"file": (name, content)},
        headers=lab_stack.admin_headers(),
    )  # fmt: skip

    assert response.status_code == status
    assert response.json()["type"] == problem
    after = {d["id"] for d in api.get("/api/v1/datasets").json()["datasets"]}
    assert after == before
    leftovers = [p.name for p in (lab_stack.home / "datasets").glob("*")]
    assert all(name in after for name in leftovers), leftovers


def served_sentiment_version(client: httpx.Client) -> str:
    response = client.post(
        "/api/v1/sentiment/predictions",
        json={"text": "Un film magnifique, des acteurs formidables.", "language": "fr"},
    )
    assert response.status_code == 200, response.text
    prediction = response.json()["predictions"][0]
    assert prediction["model"]["name"] == "sentiment-fr"
    version: str = prediction["model"]["version"]
    return version


def wait_for_sentiment_version(client: httpx.Client, version: str) -> str:
    deadline = time.monotonic() + RELOAD_TIMEOUT_SECONDS
    while served_sentiment_version(client) != version:
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    return served_sentiment_version(client)


def test_a_retrained_sentiment_model_is_served_once_promoted(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    admin = lab_stack.admin_headers()
    before = served_sentiment_version(api)
    spec = {
        "task": "text-classification", "dataset": "allocine-tv",
        "architecture": "bilstm", "epochs": 1, "model_name": "sentiment-fr",
    }  # fmt: skip
    job_id = api.post(JOBS, json=spec, headers=admin).json()["id"]
    job = wait_for_status(
        api, job_id, {"succeeded", "failed", "cancelled"}, JOB_TIMEOUT_SECONDS
    )
    assert job["status"] == "succeeded", job.get("error")

    promote = "/api/v1/models/sentiment-fr/aliases/production"
    try:
        api.post(promote, json={"version": job["model_version"]}, headers=admin)
        assert (
            wait_for_sentiment_version(api, job["model_version"])
            == job["model_version"]
        )
    finally:
        api.post(promote, json={"version": before}, headers=admin)
    assert wait_for_sentiment_version(api, before) == before
