"""GET /api/v1/training-jobs/{id}/diagnosis: the job's history and its version's
validation confusion counts, told in the request's language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lab_common.jobs import EpochMetrics, JobStatus
from lab_common.registry import DatasetRef, ModelMetadata, ModelRegistry
from tests.unit.gateway.test_training_jobs_api import JOBS, Lab, running_lab

# Validation loss at its minimum at epoch 2, then 20 % above it: over-fitting.
OVERFITTING = [
    {"loss": 0.9, "accuracy": 0.70, "val_loss": 0.60, "val_accuracy": 0.80},
    {"loss": 0.5, "accuracy": 0.85, "val_loss": 0.50, "val_accuracy": 0.86},
    {"loss": 0.3, "accuracy": 0.92, "val_loss": 0.55, "val_accuracy": 0.86},
    {"loss": 0.2, "accuracy": 0.95, "val_loss": 0.60, "val_accuracy": 0.85},
]
# Class "b" is recognised 60 % of the time, mostly taken for "a".
CONFUSION = [[48, 2], [20, 30]]


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with running_lab(tmp_path) as running:
        yield running


def finish_with_version(lab: Lab, job_id: str, registry: ModelRegistry) -> None:
    """What a worker writes for ``OVERFITTING``, and the version it registers."""
    lab.store.start_attempt(job_id, worker="worker-1")
    for epoch, metrics in enumerate(OVERFITTING, start=1):
        lab.store.record_progress(
            job_id,
            kind="epoch",
            data={"epoch": epoch, **metrics},
            progress=epoch / len(OVERFITTING),
            eta_seconds=0.0,
            epoch=EpochMetrics(epoch=epoch, metrics=metrics, seconds=1),
        )
    metadata = ModelMetadata(
        name="m",
        task="image-classification",
        class_names=["a", "b"],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={"train": 400, "validation": 100}),
        duration_seconds=1.0,
        job_id=job_id,
        validation_confusion=CONFUSION,
    )
    stored = registry.register(
        metadata, lambda folder: (folder / "model.keras").write_bytes(b"w")
    )
    lab.store.finish(
        job_id, JobStatus.SUCCEEDED, model_name="m", model_version=stored.version
    )


@pytest.fixture
def finished_job(lab: Lab, tmp_path: Path) -> str:
    job_id: str = lab.submit("team-a")["id"]
    finish_with_version(lab, job_id, ModelRegistry(tmp_path / "models"))
    return job_id


def test_diagnosis_is_french_by_default(lab: Lab, finished_job: str) -> None:
    response = lab.client.get(f"{JOBS}/{finished_job}/diagnosis")

    assert response.status_code == 200
    assert response.headers["content-language"] == "fr"
    body = response.json()
    assert body["status"] == "findings"
    assert [f["code"] for f in body["findings"]] == [
        "overfitting",
        "errors-concentrated",
    ]
    overfitting = body["findings"][0]
    assert overfitting["numbers"]["val_loss_rise"] == 0.2
    assert overfitting["message"].startswith(
        "La perte de validation est remontée de 20 %"
    )
    assert len(overfitting["suggestions"]) == 3


def test_diagnosis_reads_the_versions_confusion_counts_in_english(
    lab: Lab, finished_job: str
) -> None:
    response = lab.client.get(
        f"{JOBS}/{finished_job}/diagnosis", headers={"Accept-Language": "en"}
    )

    assert response.status_code == 200
    assert response.headers["content-language"] == "en"
    concentrated = response.json()["findings"][1]
    assert concentrated["message"].startswith(
        "Class “b” is recognised in only 60% of validation cases"
    )
    assert concentrated["pairs"][0] == {
        "true_class": "b",
        "predicted_class": "a",
        "count": 20,
        "share": 0.4,
    }


def test_diagnosis_of_a_queued_job_has_nothing_yet(lab: Lab) -> None:
    job = lab.submit("team-a")

    response = lab.client.get(
        f"{JOBS}/{job['id']}/diagnosis", headers={"Accept-Language": "en"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "no-epochs"


def test_diagnosis_of_an_unknown_job_is_not_found(lab: Lab) -> None:
    response = lab.client.get(f"{JOBS}/nope/diagnosis")

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/job-not-found"


def test_diagnosis_of_another_teams_job_is_not_found(
    lab: Lab, finished_job: str
) -> None:
    response = lab.client.get(
        f"{JOBS}/{finished_job}/diagnosis", headers=lab.auth("team-b")
    )

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/job-not-found"


def test_diagnosis_is_documented_in_the_openapi(lab: Lab) -> None:
    schema = lab.client.get("/api/openapi.json").json()

    operation = schema["paths"]["/api/v1/training-jobs/{job_id}/diagnosis"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Diagnosis"
    }
    assert "404" in operation["responses"]
