"""The analysis report of the default model over real HTTP (gateway -> cnn)."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.conftest import LabStack, wait_for_job
from tests.report_checks import (
    external_references,
    missing_section_titles,
    pages_ending_with_a_heading,
    pdf_text,
)

pytestmark = pytest.mark.integration

REPORTS = "/api/v1/vision/reports"
# The goal for the default model is 60 s; this only catches a hang.
REPORT_TIMEOUT_SECONDS = 300


@pytest.fixture(scope="module")
def report(lab_stack: LabStack) -> dict:
    with httpx.Client(base_url=lab_stack.base_url, timeout=30) as client:
        response = client.post(REPORTS, json={"language": "fr"})
        assert response.status_code in (200, 202), response.text
        assert response.headers["location"] == response.json()["links"]["self"]
        job = wait_for_job(
            lambda: client.get(response.headers["location"]).json(),
            REPORT_TIMEOUT_SECONDS,
        )
    assert job["status"] == "succeeded", job
    return job


def test_the_report_job_is_published_under_the_gateway(report: dict) -> None:
    assert report["links"]["self"] == f"{REPORTS}/{report['id']}"
    assert report["links"]["pdf"] == f"{REPORTS}/{report['id']}/report.pdf"


def test_the_default_models_pdf_holds_every_section_and_its_accuracy(
    lab_stack: LabStack, report: dict
) -> None:
    response = httpx.get(lab_stack.base_url + report["links"]["pdf"], timeout=30)
    text = pdf_text(response.content)

    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    assert missing_section_titles(text, "fr") == []
    assert "Exactitude sur le test : 9" in text  # the default model is above 90 %
    # 1,000 test images, fewer while a challenge made by another test of this
    # session guards some of them (its hidden images are never shown).
    shown = re.search(r"mnist-5k, ([\d\s\u202f\u00a0]+) images de test", text)
    assert shown is not None
    assert 0 < int(re.sub(r"\D", "", shown.group(1))) <= 1000


def test_no_page_of_the_default_models_pdf_ends_with_a_heading(
    lab_stack: LabStack, report: dict
) -> None:
    with httpx.Client(base_url=lab_stack.base_url, timeout=30) as client:
        pdf = client.get(report["links"]["pdf"]).content
        html = client.get(report["links"]["html"]).text

    assert pages_ending_with_a_heading(pdf, html) == []


def test_the_default_models_html_stands_alone(
    lab_stack: LabStack, report: dict
) -> None:
    response = httpx.get(lab_stack.base_url + report["links"]["html"], timeout=30)

    assert response.headers["content-type"].startswith("text/html")
    assert external_references(response.text) == []


def test_an_unknown_report_is_a_404_problem_through_the_gateway(
    lab_stack: LabStack,
) -> None:
    unknown_id = "0123456789abcdef" * 2  # shaped like a job id (uuid4 hex)

    response = httpx.get(f"{lab_stack.base_url}{REPORTS}/{unknown_id}", timeout=30)

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/report-not-found"
