"""/api/v1/challenges: Phase 3 challenges, submissions and the leaderboard.

Every operation needs a key, whatever ARCHILAB_REQUIRE_KEY_FOR_READ says:
admins create and run challenges and see everything; a team sees open
challenges, its own submissions and the leaderboard.
"""

from __future__ import annotations

import asyncio
import csv
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from lab_common.bodies import public_link
from lab_common.challenges.errors import SubmissionRefused
from lab_common.challenges.leaderboard import Leaderboard, build_leaderboard
from lab_common.challenges.rules import (
    MAX_NOTE_CHARACTERS,
    MAX_RUNNING_JOBS_PER_TEAM,
    ChallengeStatus,
)
from lab_common.challenges.schemas import (
    Challenge,
    CreateChallengeRequest,
    Submission,
    SubmitRequest,
)
from lab_common.challenges.templates import TemplateInfo, list_templates
from lab_common.problems import FieldError, Problem, ValidationFailed
from lab_common.store import ChallengeStore
from lab_common.store.keys import ApiKey
from lab_gateway.auth import KeyDep, require_admin
from lab_gateway.baseline_dossier import (
    BaselineDossier,
    read_baseline_dossier,
    read_baseline_metadata,
)
from lab_gateway.challenges import (
    check_external_submission,
    create_challenge,
    queue_scoring,
    remaining_submissions,
    store_external_submission,
    submit,
    visible_challenge,
)
from lab_gateway.confused_examples import (
    CONFUSIONS_DESCRIPTION,
    ConfusedExamples,
    PredictedClass,
    TrueClass,
    read_confused_examples,
)
from lab_gateway.dependencies import (
    CeleryDep,
    ChallengeStoreDep,
    JobStoreDep,
    RedisDep,
    RegistryDep,
    SettingsDep,
)
from lab_gateway.events import EVENT_STREAM_HEADERS, EVENT_STREAM_MEDIA_TYPE
from lab_gateway.leaderboard_events import (
    announce_leaderboard_change,
    stream_leaderboard,
)
from lab_gateway.uploads import form_text, read_upload_form

router = APIRouter(prefix="/challenges", tags=["challenges"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
TEAM_STATUSES = (ChallengeStatus.OPEN, ChallengeStatus.FROZEN, ChallengeStatus.REVEALED)
CSV_COLUMNS = (
    "team", "submission_id", "job_id", "created_at", "status", "architecture",
    "parameters", "latency_ms_per_image", "public_score", "shown_public_score",
    "significant", "private_score", "note",
)  # fmt: skip


class TemplateList(BaseModel):
    templates: list[TemplateInfo]


class ChallengeList(BaseModel):
    challenges: list[Challenge]


class ChallengeDetail(BaseModel):
    challenge: Challenge
    rules: dict[str, int | bool] = Field(
        description="Quota, running jobs per team, whether outside models count."
    )
    remaining_submissions: int | None = Field(
        description="The calling team's; null for an admin."
    )
    baseline: Submission | None
    submissions: list[Submission] = Field(
        description="An admin sees every team's; a team its own."
    )


def _hide_private(
    submission: Submission, challenge: Challenge, key: ApiKey
) -> Submission:
    """Before the reveal, private scores leave the server for no one, and a team
    sees only the ladder's shown public score: the raw one, exact to one image,
    would let it probe the public split (what the ladder rule prevents)."""
    if challenge.status == ChallengeStatus.REVEALED:
        return submission
    hidden: dict[str, object] = {"private_score": None}
    if key.role != "admin":
        hidden["public_score"] = None
    return submission.model_copy(update=hidden)


async def get_challenge_for_key(
    challenge_id: str, key: KeyDep, challenges: ChallengeStoreDep
) -> Challenge:
    challenge = await asyncio.to_thread(challenges.get_challenge, challenge_id)
    return visible_challenge(challenge, key)


ChallengeDep = Annotated[Challenge, Depends(get_challenge_for_key)]


@router.get(
    "/templates",
    summary="Challenge templates, and whether this server can run each",
    response_model=TemplateList,
    responses=dict.fromkeys((401,), _PROBLEM),
)
def get_templates(key: KeyDep, settings: SettingsDep) -> TemplateList:
    return TemplateList(
        templates=list_templates(settings.data_dir, settings.datasets_dir)
    )


@router.post(
    "",
    status_code=201,
    summary="Create a challenge from a template (admin)",
    description=(
        "Draws the hidden splits from the seed (stratified; the manifest keeps "
        "each split's SHA-256), stores the challenge as a draft and queues its "
        "baseline job, owned by the admin; the baseline is scored when it ends."
    ),
    response_model=Challenge,
    responses=dict.fromkeys((401, 403, 422, 503), _PROBLEM),
)
async def post_challenge(
    body: CreateChallengeRequest,
    key: KeyDep,
    challenges: ChallengeStoreDep,
    jobs: JobStoreDep,
    celery: CeleryDep,
    settings: SettingsDep,
    request: Request,
    response: Response,
) -> Challenge:
    challenge = await create_challenge(body, key, challenges, jobs, celery, settings)
    response.headers["Location"] = public_link(
        request, "get_challenge", challenge_id=challenge.id
    )
    return challenge


@router.get(
    "",
    summary="List challenges, newest first",
    description="An admin sees drafts too; a team, open, frozen and revealed ones.",
    response_model=ChallengeList,
    responses=dict.fromkeys((401,), _PROBLEM),
)
async def list_challenges(key: KeyDep, challenges: ChallengeStoreDep) -> ChallengeList:
    statuses = None if key.role == "admin" else TEAM_STATUSES
    found = await asyncio.to_thread(challenges.list_challenges, statuses)
    return ChallengeList(challenges=found)


def _detail(
    challenge: Challenge, key: ApiKey, challenges: ChallengeStore
) -> ChallengeDetail:
    everything = challenges.list_submissions(challenge.id)
    baseline = next((s for s in everything if s.is_baseline), None)
    own = [
        s
        for s in everything
        if not s.is_baseline and (key.role == "admin" or s.team == key.team)
    ]
    return ChallengeDetail(
        challenge=challenge,
        rules={
            "quota": challenge.quota,
            "max_running_jobs_per_team": MAX_RUNNING_JOBS_PER_TEAM,
            "allow_external": challenge.allow_external,
        },
        remaining_submissions=remaining_submissions(challenges, challenge, key),
        baseline=None if baseline is None else _hide_private(baseline, challenge, key),
        submissions=[_hide_private(s, challenge, key) for s in own],
    )


@router.get(
    "/{challenge_id}",
    summary="One challenge: rules, manifest, baseline, submissions",
    response_model=ChallengeDetail,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
async def get_challenge(
    challenge: ChallengeDep, key: KeyDep, challenges: ChallengeStoreDep
) -> ChallengeDetail:
    return await asyncio.to_thread(_detail, challenge, key, challenges)


@router.post(
    "/{challenge_id}/submissions",
    status_code=202,
    summary="Submit a finished job of the team (team key)",
    description=(
        "The job must be the team's, trained in this challenge, succeeded; the "
        "challenge open; the quota not used up (429 with the remaining quota). "
        "Scoring runs on the hidden split in the scoring worker."
    ),
    response_model=Submission,
    responses=dict.fromkeys((401, 404, 409, 422, 429, 503), _PROBLEM),
)
async def post_submission(
    challenge: ChallengeDep,
    body: SubmitRequest,
    key: KeyDep,
    challenges: ChallengeStoreDep,
    jobs: JobStoreDep,
    celery: CeleryDep,
    redis: RedisDep,
) -> Submission:
    submission = await submit(challenge, body, key, challenges, jobs, celery)
    await announce_leaderboard_change(redis, challenge.id)  # submissions used
    return _hide_private(submission, challenge, key)


MODEL_FILE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "note": {"type": "string", "maxLength": MAX_NOTE_CHARACTERS},
                    },
                }
            }
        },
    }
}


@router.post(
    "/{challenge_id}/submissions/file",
    status_code=202,
    summary="Submit a .keras model trained elsewhere (team key; if allowed)",
    description=(
        "Only where the teacher allowed it (`allow_external`). The gateway keeps "
        "the file; the scoring worker opens it in Keras' safe mode (no Lambda "
        "layer, no custom code) and checks its input and output shapes. The "
        "row is marked « entraîné hors plateforme » and never ranked: a notebook "
        "may have seen the hidden images. It counts against the quota."
    ),
    response_model=Submission,
    responses=dict.fromkeys((401, 404, 409, 413, 415, 422, 429, 503), _PROBLEM),
    openapi_extra=MODEL_FILE_BODY,
)
async def post_model_file(
    challenge: ChallengeDep,
    key: KeyDep,
    challenges: ChallengeStoreDep,
    celery: CeleryDep,
    settings: SettingsDep,
    redis: RedisDep,
    request: Request,
) -> Submission:
    # Refused before the upload is read, where nothing could be taken anyway.
    check_external_submission(challenge, key)
    form = await read_upload_form(
        request,
        settings.max_submission_file_bytes,
        not_multipart="model-multipart",
        too_large="model-streamed",
    )
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise SubmissionRefused("external-file")
        note = form_text(form, "note") or ""
        if len(note) > MAX_NOTE_CHARACTERS:
            error = FieldError(
                "/body/note", "string_too_long", {"max_length": MAX_NOTE_CHARACTERS}
            )
            raise ValidationFailed("fields", errors=[error])
        submission = await run_in_threadpool(
            store_external_submission,
            challenge,
            upload.file,
            upload.filename or "model.keras",
            note,
            key,
            challenges,
            settings.datasets_dir,
        )
    finally:
        await form.close()
    await queue_scoring(submission, challenges, celery)
    await announce_leaderboard_change(redis, challenge.id)  # submissions used
    return _hide_private(submission, challenge, key)


@router.get(
    "/{challenge_id}/baseline",
    summary="The baseline's dossier: curves, diagnosis, validation confusion",
    description=(
        "The baseline job is the admin's; this is what a team may see of it: "
        "its spec, per-epoch history, automatic diagnosis (in the "
        "`Accept-Language` language) and, when its version stored them, the "
        "validation confusion counts and each class's recall. Validation only: "
        "nothing of the hidden splits."
    ),
    response_model=BaselineDossier,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
async def get_baseline_dossier(
    challenge: ChallengeDep, jobs: JobStoreDep, registry: RegistryDep
) -> BaselineDossier:
    return await asyncio.to_thread(read_baseline_dossier, challenge, jobs, registry)


@router.get(
    "/{challenge_id}/baseline/confusions",
    summary="The validation images behind a cell of the baseline's confusion matrix",
    description=CONFUSIONS_DESCRIPTION,
    response_model=ConfusedExamples,
    responses=dict.fromkeys((401, 404, 409, 422, 503), _PROBLEM),
)
async def get_baseline_confusions(
    challenge: ChallengeDep,
    true_class: TrueClass,
    predicted_class: PredictedClass,
    jobs: JobStoreDep,
    registry: RegistryDep,
    challenges: ChallengeStoreDep,
    settings: SettingsDep,
) -> ConfusedExamples:
    metadata = await asyncio.to_thread(
        read_baseline_metadata, challenge, jobs, registry
    )
    return await asyncio.to_thread(
        read_confused_examples,
        metadata,
        true_class,
        predicted_class,
        settings.data_dir,
        settings.datasets_dir,
        challenges,
    )


@router.get(
    "/{challenge_id}/leaderboard",
    summary="The leaderboard (baseline pinned; private scores after the reveal)",
    response_model=Leaderboard,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
async def get_leaderboard(
    challenge: ChallengeDep, challenges: ChallengeStoreDep
) -> Leaderboard:
    submissions = await asyncio.to_thread(challenges.list_submissions, challenge.id)
    return build_leaderboard(challenge, submissions)


@router.get(
    "/{challenge_id}/leaderboard/events",
    summary="The leaderboard, live (Server-Sent Events)",
    description=(
        "`text/event-stream`: a `leaderboard` event (`data`: the leaderboard as "
        "`GET .../leaderboard` gives it) at once, then each time it changes — a "
        "submission queued or scored, the challenge opened, frozen or revealed. "
        "Same access as the leaderboard: a key (a browser reads it with "
        "`fetch`, since an EventSource cannot send one)."
    ),
    response_class=StreamingResponse,
    responses={
        200: {"content": {EVENT_STREAM_MEDIA_TYPE: {}}},
        **dict.fromkeys((401, 404), _PROBLEM),
    },
)
async def stream_leaderboard_events(
    challenge: ChallengeDep, challenges: ChallengeStoreDep, redis: RedisDep
) -> StreamingResponse:
    return StreamingResponse(
        stream_leaderboard(challenges, redis, challenge.id),
        media_type=EVENT_STREAM_MEDIA_TYPE,
        headers=EVENT_STREAM_HEADERS,
    )


def _csv(challenge: Challenge, submissions: list[Submission], key: ApiKey) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for submission in submissions:
        row = _hide_private(submission, challenge, key).model_dump(mode="json")
        writer.writerow(
            {
                **row,
                "team": submission.team or "baseline",
                "submission_id": submission.id,
            }
        )
    return buffer.getvalue()


@router.get(
    "/{challenge_id}/results.csv",
    summary="Every submission as CSV (admin)",
    response_class=Response,
    responses={
        200: {"content": {"text/csv": {}}},
        **dict.fromkeys((401, 403, 404), _PROBLEM),
    },
)
async def export_results(
    challenge: ChallengeDep, key: KeyDep, challenges: ChallengeStoreDep
) -> Response:
    require_admin(key)
    submissions = await asyncio.to_thread(challenges.list_submissions, challenge.id)
    filename = f"challenge-{challenge.id[:8]}.csv"
    return Response(
        _csv(challenge, submissions, key),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


# Last: its {action} segment would otherwise catch /submissions.
@router.post(
    "/{challenge_id}/{action}",
    summary="Open, freeze or reveal a challenge (admin)",
    description="draft → open → frozen → revealed; out of order: 409.",
    response_model=Challenge,
    responses=dict.fromkeys((401, 403, 404, 409), _PROBLEM),
)
async def advance_challenge(
    challenge: ChallengeDep,
    action: Literal["open", "freeze", "reveal"],
    key: KeyDep,
    challenges: ChallengeStoreDep,
    redis: RedisDep,
) -> Challenge:
    require_admin(key)
    advanced = await asyncio.to_thread(challenges.advance, challenge.id, action)
    await announce_leaderboard_change(redis, challenge.id)
    return advanced
