"""/v1/reports: analysis reports of a model version, written in the background."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse

from lab_cnn.dependencies import ChallengesDep, RegistryDep, SettingsDep
from lab_cnn.model_datasets import check_model_dataset
from lab_cnn.reports.jobs import ReportFormat, ReportJobs, ReportNotReady
from lab_common.bodies import public_link
from lab_common.challenges.hidden import guarded_challenges
from lab_common.problems import ModelNotFound, Problem
from lab_common.registry import PRODUCTION, ModelMetadata, ModelRegistry
from lab_common.store import ChallengeStore
from lab_common.vision.schemas import (
    ReportJob,
    ReportLinks,
    ReportListResponse,
    ReportRequest,
    ReportResponse,
)

router = APIRouter(prefix="/reports", tags=["reports"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
_MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def get_report_jobs(request: Request) -> ReportJobs:
    jobs: ReportJobs = request.state.report_jobs
    return jobs


ReportJobsDep = Annotated[ReportJobs, Depends(get_report_jobs)]


def _guarded_since(
    metadata: ModelMetadata, challenges: ChallengeStore | None
) -> datetime | None:
    """When the newest challenge still guarded on the model's dataset was made.

    A report written before then may show images that are hidden now: it is
    written again rather than served (a challenge's own versions never are:
    they show their validation split only).
    """
    if challenges is None or metadata.challenge_id is not None:
        return None
    guarded = guarded_challenges(challenges, metadata.dataset.id)
    return max((challenge.created_at for challenge in guarded), default=None)


def _answer(request: Request, job: ReportJob) -> ReportResponse:
    duration = (
        (job.finished_at - job.started_at).total_seconds()
        if job.started_at and job.finished_at
        else None
    )
    return ReportResponse(
        **job.model_dump(),
        duration_seconds=duration,
        links=ReportLinks(
            self=public_link(request, "read_report", job_id=job.id),
            html=public_link(request, "download_html", job_id=job.id),
            pdf=public_link(request, "download_pdf", job_id=job.id),
        ),
    )


@router.post(
    "",
    status_code=202,
    response_model=ReportResponse,
    summary="Start writing the analysis report of a model version",
    description=(
        "Answers 202 with the new job (poll `links.self`), or 200 with the job "
        "already queued, running or done for the same model, version and language."
    ),
    responses={200: {"model": ReportResponse}}
    | dict.fromkeys((404, 409, 422, 503), _PROBLEM),
)
def create_report(
    body: ReportRequest,
    request: Request,
    response: Response,
    registry: RegistryDep,
    settings: SettingsDep,
    jobs: ReportJobsDep,
    challenges: ChallengesDep,
) -> ReportResponse:
    name = body.model or settings.model_name
    version = body.version
    if version == PRODUCTION:
        version = registry.production_version(name) or ""
        if not version:
            raise ModelNotFound("no-production", name=name)
    metadata = registry.get_metadata(name, version)  # 404 if unknown
    # 409 or 503 now rather than a failed job
    check_model_dataset(metadata.dataset.id, settings.data_dir, settings.datasets_dir)
    not_before = _guarded_since(metadata, challenges)
    job, created = jobs.submit(name, version, body.language, not_before)
    answer = _answer(request, job)
    response.status_code = 202 if created else 200
    response.headers["Location"] = answer.links.self
    return answer


@router.get("", response_model=ReportListResponse, summary="Report jobs, newest first")
def list_reports(request: Request, jobs: ReportJobsDep) -> ReportListResponse:
    return ReportListResponse(
        reports=[_answer(request, job) for job in jobs.list_jobs()]
    )


@router.get(
    "/{job_id}",
    response_model=ReportResponse,
    summary="One report job: status, progress and links",
    responses={404: _PROBLEM},
)
def read_report(job_id: str, request: Request, jobs: ReportJobsDep) -> ReportResponse:
    return _answer(request, jobs.get(job_id))


def _download(
    jobs: ReportJobs,
    job_id: str,
    kind: ReportFormat,
    registry: ModelRegistry,
    challenges: ChallengeStore | None,
) -> FileResponse:
    path = jobs.file(job_id, kind)
    job = jobs.get(job_id)
    metadata = registry.get_metadata(job.model, job.version)
    not_before = _guarded_since(metadata, challenges)
    if not_before is not None and job.created_at < not_before:
        raise ReportNotReady("superseded", report=job_id)
    filename = f"archilab-report-{job.model}-v{job.version}-{job.language}.{kind}"
    return FileResponse(
        path,
        media_type=_MEDIA_TYPES[kind],
        filename=filename,
        content_disposition_type="inline" if kind == "html" else "attachment",
    )


_FILE_RESPONSES = dict.fromkeys((404, 409), _PROBLEM)


@router.get(
    "/{job_id}/report.html",
    response_class=FileResponse,
    summary="The report as one self-contained HTML page",
    responses={200: {"content": {"text/html": {}}}} | _FILE_RESPONSES,
)
def download_html(
    job_id: str, jobs: ReportJobsDep, registry: RegistryDep, challenges: ChallengesDep
) -> FileResponse:
    return _download(jobs, job_id, "html", registry, challenges)


@router.get(
    "/{job_id}/report.pdf",
    response_class=FileResponse,
    summary="The report as PDF",
    responses={200: {"content": {"application/pdf": {}}}} | _FILE_RESPONSES,
)
def download_pdf(
    job_id: str, jobs: ReportJobsDep, registry: RegistryDep, challenges: ChallengesDep
) -> FileResponse:
    return _download(jobs, job_id, "pdf", registry, challenges)
