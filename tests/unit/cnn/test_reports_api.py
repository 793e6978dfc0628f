"""Report jobs of the cnn service, on a tiny model and the MNIST-5k test split."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from lab_cnn.main import create_app
from lab_cnn.reports.layout import report_layout
from lab_cnn.settings import Settings
from tests.conftest import wait_for_job
from tests.report_checks import (
    external_references,
    missing_section_titles,
    pages_ending_with_a_heading,
    pdf_text,
)
from tests.unit.cnn.tiny_models import register_tiny_cnn

REPORT_TIMEOUT_SECONDS = 120


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models")
    register_tiny_cnn(root, dataset_id="mnist-5k")
    return root


def start(models_dir: Path) -> TestClient:
    settings = Settings(models_dir=models_dir, cache_dir=models_dir / "cache")
    return TestClient(create_app(settings))


@pytest.fixture(scope="module")
def client(models_dir: Path) -> Iterator[TestClient]:
    with start(models_dir) as test_client:
        yield test_client


def finished(client: TestClient, job: dict) -> dict:
    result = wait_for_job(
        lambda: client.get(job["links"]["self"]).json(), REPORT_TIMEOUT_SECONDS
    )
    assert result["status"] == "succeeded", result
    return result


@pytest.fixture(scope="module")
def english_job(client: TestClient) -> dict:
    response = client.post("/v1/reports", json={"language": "en"})
    assert response.status_code == 202, response.text
    return response.json()


def test_a_new_report_is_accepted_with_its_location_and_links(
    client: TestClient, english_job: dict
) -> None:
    job_id = english_job["id"]

    assert english_job["model"] == "digits"
    assert english_job["version"] == "1"  # 'production' resolved
    assert english_job["links"] == {
        "self": f"/v1/reports/{job_id}",
        "html": f"/v1/reports/{job_id}/report.html",
        "pdf": f"/v1/reports/{job_id}/report.pdf",
    }


def test_a_file_asked_for_too_early_is_a_409_problem_saying_to_retry(
    client: TestClient, english_job: dict
) -> None:
    response = client.get(  # right after the POST
        english_job["links"]["pdf"], headers={"Accept-Language": "en"}
    )

    if response.status_code == 200:  # only if the whole report took milliseconds
        assert client.get(english_job["links"]["self"]).json()["status"] == "succeeded"
    else:
        assert response.status_code == 409
        assert response.json()["type"] == "/problems/report-not-ready"
        assert "retry shortly" in response.json()["detail"]


def test_the_english_pdf_holds_every_section_title(
    client: TestClient, english_job: dict
) -> None:
    job = finished(client, english_job)
    response = client.get(job["links"]["pdf"])

    assert response.headers["content-type"] == "application/pdf"
    assert "archilab-report-digits-v1-en.pdf" in response.headers["content-disposition"]
    assert missing_section_titles(pdf_text(response.content), "en") == []
    assert job["duration_seconds"] > 0


def test_the_html_report_stands_alone(client: TestClient, english_job: dict) -> None:
    job = finished(client, english_job)
    html = client.get(job["links"]["html"]).text

    assert html.startswith("<!DOCTYPE html>")
    assert external_references(html) == []
    assert html.count("data:image/png;base64,") > 20


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_of_the_pdf_ends_with_a_heading_cut_from_its_content(
    client: TestClient, language: str
) -> None:
    job = finished(
        client, client.post("/v1/reports", json={"language": language}).json()
    )

    pdf = client.get(job["links"]["pdf"]).content
    html = client.get(job["links"]["html"]).text

    assert pages_ending_with_a_heading(pdf, html) == []


def test_the_same_request_again_answers_the_existing_job(
    client: TestClient, english_job: dict
) -> None:
    again = client.post("/v1/reports", json={"version": "1", "language": "en"})

    assert again.status_code == 200
    assert again.json()["id"] == english_job["id"]
    assert again.headers["location"] == english_job["links"]["self"]


def test_the_french_report_uses_decimal_commas(client: TestClient) -> None:
    job = finished(client, client.post("/v1/reports", json={}).json())
    text = pdf_text(client.get(job["links"]["pdf"]).content)

    assert missing_section_titles(text, "fr") == []
    assert "Exactitude sur le test : " in text
    assert not any(f"{digit}.{digit}" in text for digit in "0123456789")


def test_the_gateway_prefix_shapes_the_links(client: TestClient) -> None:
    response = client.get(
        "/v1/reports", headers={"X-Forwarded-Prefix": "/api/v1/vision"}
    )

    for job in response.json()["reports"]:
        assert job["links"]["self"] == f"/api/v1/vision/reports/{job['id']}"


@pytest.mark.parametrize(
    ("body", "status", "problem"),
    [
        ({"model": "letters"}, 404, "/problems/model-not-found"),
        ({"version": "9"}, 404, "/problems/model-not-found"),
        ({"language": "de"}, 422, "/problems/validation"),
        ({"colour": "blue"}, 422, "/problems/validation"),
        ({"version": 1}, 422, "/problems/validation"),
    ],
)
def test_bad_report_requests_are_problems(
    client: TestClient, body: dict, status: int, problem: str
) -> None:
    response = client.post("/v1/reports", json=body)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == problem


def test_an_unknown_report_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/reports/0123456789abcdef/report.pdf")

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/report-not-found"


def test_a_model_whose_dataset_is_not_here_is_a_409_problem(
    tmp_path: Path,
) -> None:
    register_tiny_cnn(tmp_path, dataset_id="generated")
    with start(tmp_path) as other:
        response = other.post("/v1/reports", json={})

    assert response.status_code == 409
    assert response.json()["type"] == "/problems/dataset-unavailable"
    assert "mnist-5k" in response.json()["detail"]


def write_job(reports_dir: Path, job_id: str, **fields: object) -> None:
    folder = reports_dir / job_id
    folder.mkdir(parents=True)
    moment = datetime.now(UTC).isoformat()
    job = {
        "id": job_id,
        "model": "digits",
        "version": "1",
        "language": "fr",
        "created_at": moment,
        "started_at": moment,
    } | fields
    (folder / "job.json").write_text(json.dumps(job))


def test_jobs_survive_a_restart_interrupted_ones_are_written_again(
    tmp_path: Path,
) -> None:
    register_tiny_cnn(tmp_path, dataset_id="mnist-5k")
    reports_dir = tmp_path / "cache" / "reports" / report_layout()
    write_job(reports_dir, "interrupted", status="running", stage="pdf", progress=0.8)
    write_job(
        reports_dir,
        "broken",
        status="failed",
        error="disk full",
        finished_at=datetime.now(UTC).isoformat(),
    )

    with start(tmp_path) as restarted:
        job = finished(restarted, restarted.get("/v1/reports/interrupted").json())
        pdf = restarted.get(job["links"]["pdf"])
        failed = restarted.get("/v1/reports/broken/report.pdf")

    assert pdf.content.startswith(b"%PDF-")
    assert failed.status_code == 409
    assert "disk full" in failed.json()["detail"]


def test_a_report_written_by_an_older_layout_is_written_again(
    tmp_path: Path,
) -> None:
    """After an update, the same model's report is not the old template's PDF."""
    register_tiny_cnn(tmp_path, dataset_id="mnist-5k")
    reports_dir = tmp_path / "cache" / "reports"
    for old_folder, job_id in (
        (reports_dir, "flat"),
        (reports_dir / "layout-0", "old"),
    ):
        write_job(
            old_folder,
            job_id,
            status="succeeded",
            progress=1.0,
            finished_at=datetime.now(UTC).isoformat(),
        )
        (old_folder / job_id / "report.pdf").write_bytes(b"%PDF-1.7 old layout")

    with start(tmp_path) as restarted:
        response = restarted.post("/v1/reports", json={"language": "fr"})
        job = finished(restarted, response.json())
        pdf = restarted.get(job["links"]["pdf"])
        stale = restarted.get("/v1/reports/old")

    assert response.status_code == 202  # a new job, not the old one again
    assert job["id"] not in ("flat", "old")
    assert b"old layout" not in pdf.content
    assert stale.status_code == 404
    assert stale.json()["type"] == "/problems/report-not-found"
    assert sorted(path.name for path in reports_dir.iterdir()) == [report_layout()]


def test_samples_are_the_first_test_images_of_each_class(client: TestClient) -> None:
    response = client.get("/v1/models/digits/versions/1/samples?per_class=2")
    body = response.json()

    assert response.status_code == 200, response.text
    assert body["dataset"] == "mnist-5k"
    assert [s["class_index"] for s in body["samples"]] == [i // 2 for i in range(20)]
    png = base64.b64decode(body["samples"][0]["image_png_b64"])
    assert Image.open(io.BytesIO(png)).size == (28, 28)


@pytest.mark.parametrize("per_class", [0, 11, "x"])
def test_a_bad_sample_count_is_a_422_problem(
    client: TestClient, per_class: object
) -> None:
    response = client.get(f"/v1/models/digits/versions/1/samples?per_class={per_class}")

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"
