"""Challenges from the gateway's side: create (and queue the baseline), the rules
a team's jobs and submissions meet, and queueing a submission's scoring.

The checks are plain functions over the stores (run in a thread by the
router); the scoring itself runs in the trainer's ``scoring`` worker.
"""

from __future__ import annotations

import asyncio
import functools
import secrets
import shutil
import uuid
from pathlib import Path
from typing import BinaryIO

from celery import Celery

from lab_common.challenges.data import draw_splits, load_challenge_data, pool_of
from lab_common.challenges.errors import (
    ChallengeClosed,
    ChallengeNotFound,
    QuotaExceeded,
    SubmissionRefused,
)
from lab_common.challenges.external import ZIP_SIGNATURE, external_model_path
from lab_common.challenges.rules import (
    MAX_RUNNING_JOBS_PER_TEAM,
    RUNNING_JOBS_RETRY_AFTER_SECONDS,
    ChallengeStatus,
)
from lab_common.challenges.schemas import (
    Challenge,
    CreateChallengeRequest,
    Submission,
    SubmitRequest,
)
from lab_common.challenges.templates import (
    ChallengeTemplate,
    baseline_model_name,
    usable_template,
)
from lab_common.job_queue import BrokerUnreachable
from lab_common.jobs import SCORE_SUBMISSION_TASK, JobStatus, TrainingJobSpec
from lab_common.problems import FieldError, ValidationFailed
from lab_common.store import ApiKey, ChallengeStore, JobStore
from lab_gateway.auth import Unauthorized, require_admin
from lab_gateway.settings import Settings
from lab_gateway.training_jobs import (
    ENQUEUE_TIMEOUT_SECONDS,
    QueueUnavailable,
    call_broker,
    submit_job,
)

SEED_LIMIT = 2**31
FAILED_STATUSES = (JobStatus.FAILED, JobStatus.CANCELLED)


# --- who sees what ---


def visible_challenge(challenge: Challenge, key: ApiKey | None) -> Challenge:
    """Teams see a challenge once it is open; a draft is as unknown as no challenge."""
    if key is None:
        raise Unauthorized("challenge")
    if key.role != "admin" and challenge.status == ChallengeStatus.DRAFT:
        raise ChallengeNotFound("unknown", challenge_id=challenge.id)
    return challenge


def remaining_submissions(
    challenges: ChallengeStore, challenge: Challenge, key: ApiKey
) -> int | None:
    if key.team is None:
        return None
    used = challenges.submissions_used(challenge.id, key.team)
    return max(challenge.quota - used, 0)


# --- creating ---


def draw_challenge(
    request: CreateChallengeRequest,
    template: ChallengeTemplate,
    challenges: ChallengeStore,
    key: ApiKey,
    settings: Settings,
) -> Challenge:
    """Fix the splits (seed → manifest) and store the challenge as a draft."""
    seed = request.seed if request.seed is not None else secrets.randbelow(SEED_LIMIT)
    dataset = load_challenge_data(template, settings.data_dir, settings.datasets_dir)
    manifest = draw_splits(template, pool_of(dataset)[1], seed).manifest()
    return challenges.create_challenge(
        challenge_id=uuid.uuid4().hex,
        template=template.id,
        title=request.title or template.title_fr,
        dataset=template.dataset,
        quota=request.quota,
        allow_external=request.allow_external,
        seed=seed,
        manifest=manifest,
        created_by=key.owner,
    )


async def create_challenge(
    request: CreateChallengeRequest,
    key: ApiKey,
    challenges: ChallengeStore,
    jobs: JobStore,
    celery: Celery,
    settings: Settings,
) -> Challenge:
    """One call: the challenge (a draft) and its baseline job, owned by the admin."""
    require_admin(key)
    template = await asyncio.to_thread(
        usable_template, request.template, settings.data_dir, settings.datasets_dir
    )
    challenge = await asyncio.to_thread(
        draw_challenge, request, template, challenges, key, settings
    )
    spec = template.baseline_spec(challenge.id, baseline_model_name(challenge.id))
    job = await submit_job(spec, key.owner, jobs, celery)
    await asyncio.to_thread(challenges.set_baseline_job, challenge.id, job.id)
    return await asyncio.to_thread(challenges.get_challenge, challenge.id)


# --- a team's jobs in a challenge ---


def check_challenge_job(
    spec: TrainingJobSpec, key: ApiKey, challenges: ChallengeStore, jobs: JobStore
) -> None:
    """A job may train in a challenge it sees, open, on its dataset, within limits."""
    if spec.challenge_id is None:
        return
    challenge = visible_challenge(challenges.get_challenge(spec.challenge_id), key)
    if spec.dataset != challenge.dataset:
        error = FieldError(
            "/body/dataset",
            "challenge_dataset",
            {"dataset": spec.dataset, "expected": challenge.dataset},
        )
        raise ValidationFailed("fields", errors=[error])
    if key.role == "admin":
        return
    if challenge.status != ChallengeStatus.OPEN:
        raise ChallengeClosed("job", status=str(challenge.status))
    running = jobs.count_active_in_challenge(key.owner, challenge.id)
    if running >= MAX_RUNNING_JOBS_PER_TEAM:
        raise QuotaExceeded(
            "running-jobs",
            running=running,
            limit=MAX_RUNNING_JOBS_PER_TEAM,
            headers={"Retry-After": str(RUNNING_JOBS_RETRY_AFTER_SECONDS)},
            members={
                "remaining_submissions": remaining_submissions(
                    challenges, challenge, key
                )
            },
        )


# --- submissions ---


def check_submission(
    challenge: Challenge, request: SubmitRequest, key: ApiKey, jobs: JobStore
) -> None:
    """Refuse, saying what to fix, a job that cannot be scored in ``challenge``."""
    if key.team is None:
        raise SubmissionRefused("team-only")
    if challenge.status != ChallengeStatus.OPEN:
        raise ChallengeClosed("submission", status=str(challenge.status))
    job = jobs.get_job(request.job_id)
    if job.owner != key.owner:
        raise SubmissionRefused("not-your-job", job_id=job.id)
    if job.spec.dataset != challenge.dataset:
        raise SubmissionRefused(
            "other-dataset",
            job_id=job.id,
            dataset=job.spec.dataset,
            expected=challenge.dataset,
        )
    if job.spec.challenge_id != challenge.id:
        raise SubmissionRefused(
            "outside-challenge", job_id=job.id, challenge_id=challenge.id
        )
    if job.status in FAILED_STATUSES:
        raise SubmissionRefused("job-failed", job_id=job.id, status=str(job.status))
    if job.status != JobStatus.SUCCEEDED or job.model_version is None:
        raise SubmissionRefused(
            "job-not-finished", job_id=job.id, status=str(job.status)
        )


def store_submission(
    challenge: Challenge,
    request: SubmitRequest,
    key: ApiKey,
    challenges: ChallengeStore,
    jobs: JobStore,
) -> Submission:
    check_submission(challenge, request, key, jobs)
    if challenges.find_submission_of_job(challenge.id, request.job_id) is not None:
        raise SubmissionRefused("already-submitted", job_id=request.job_id)
    submission = challenges.add_submission(
        challenge.id,
        team=key.team,
        job_id=request.job_id,
        note=request.note,
        quota=challenge.quota,
    )
    if submission is None:
        raise QuotaExceeded(
            "submissions",
            quota=challenge.quota,
            members={"remaining_submissions": 0},
        )
    return submission


def check_external_submission(challenge: Challenge, key: ApiKey) -> None:
    """Refuse a .keras file where the challenge does not take one."""
    if key.team is None:
        raise SubmissionRefused("team-only")
    if challenge.status != ChallengeStatus.OPEN:
        raise ChallengeClosed("submission", status=str(challenge.status))
    if not challenge.allow_external:
        raise SubmissionRefused("external-not-allowed")


def store_external_submission(
    challenge: Challenge,
    upload: BinaryIO,
    filename: str,
    note: str,
    key: ApiKey,
    challenges: ChallengeStore,
    datasets_dir: Path,
) -> Submission:
    """Keep the file (never opened here: no TensorFlow in the gateway) and
    store its submission, unranked; the scoring worker checks the model."""
    check_external_submission(challenge, key)
    if upload.read(len(ZIP_SIGNATURE)) != ZIP_SIGNATURE:
        raise SubmissionRefused("external-not-keras", filename=filename)
    upload.seek(0)
    # The bytes first, the row second: a submission never lacks its file.
    partial = external_model_path(datasets_dir, challenge.id, uuid.uuid4().hex)
    partial = partial.with_suffix(".partial")
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with partial.open("wb") as kept:
            shutil.copyfileobj(upload, kept)
        submission = challenges.add_submission(
            challenge.id,
            team=key.team,
            job_id=None,
            note=note,
            quota=challenge.quota,
            external=True,
        )
        if submission is None:
            raise QuotaExceeded(
                "submissions",
                quota=challenge.quota,
                members={"remaining_submissions": 0},
            )
        partial.replace(external_model_path(datasets_dir, challenge.id, submission.id))
    finally:
        partial.unlink(missing_ok=True)
    return submission


async def queue_scoring(
    submission: Submission, challenges: ChallengeStore, celery: Celery
) -> None:
    """Queue the scoring of a stored submission; a dead broker fails it (503)."""
    send = functools.partial(send_scoring, celery, submission.id)
    try:
        await call_broker(send, ENQUEUE_TIMEOUT_SECONDS)
    except BrokerUnreachable as exc:
        await asyncio.to_thread(challenges.record_failure, submission.id, str(exc))
        raise QueueUnavailable("redis", error=str(exc), job_id=submission.id) from exc


def send_scoring(celery: Celery, submission_id: str) -> None:
    """The scoring message: the submission's id (its row says the rest)."""
    celery.send_task(SCORE_SUBMISSION_TASK, args=[submission_id], task_id=submission_id)


async def submit(
    challenge: Challenge,
    request: SubmitRequest,
    key: ApiKey,
    challenges: ChallengeStore,
    jobs: JobStore,
    celery: Celery,
) -> Submission:
    """Store the submission, then queue its scoring; a dead broker fails it (503)."""
    submission = await asyncio.to_thread(
        store_submission, challenge, request, key, challenges, jobs
    )
    await queue_scoring(submission, challenges, celery)
    return submission
