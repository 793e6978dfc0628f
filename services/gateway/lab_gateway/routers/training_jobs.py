"""/api/v1/training-jobs: submit, list, follow and cancel training jobs."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from lab_common.bodies import public_link
from lab_common.diagnosis import Diagnosis
from lab_common.jobs import JobStatus, Task, TrainingJob, TrainingJobSpec
from lab_common.messages import Language, current_language
from lab_common.problems import Problem
from lab_common.store import JobNotFound
from lab_common.store.keys import ApiKey
from lab_gateway.auth import KeyDep, ReaderDep, Unauthorized, may_see_owner
from lab_gateway.challenges import check_challenge_job
from lab_gateway.dependencies import (
    BackgroundDep,
    CeleryDep,
    ChallengeStoreDep,
    JobStoreDep,
    RedisDep,
    RegistryDep,
    SettingsDep,
)
from lab_gateway.events import (
    EVENT_STREAM_HEADERS,
    EVENT_STREAM_MEDIA_TYPE,
    MAX_EVENT_ID,
    stream_job_events,
)
from lab_gateway.job_places import with_queue_places
from lab_gateway.training_jobs import (
    cancel_job,
    check_dataset_known,
    check_spec_allowed,
    diagnose_job,
    named_for_key,
    submit_job,
)

router = APIRouter(prefix="/training-jobs", tags=["training jobs"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
DEFAULT_LISTED_JOBS = 50
MAX_LISTED_JOBS = 500


class TrainingJobList(BaseModel):
    jobs: list[TrainingJob]


async def _job_seen_by(
    job_id: str, store: JobStoreDep, key: ApiKey | None
) -> TrainingJob:
    """The job, or 404 as if unknown when it belongs to another team.

    A job of a challenge needs a key even when reading is open.
    """
    job = await asyncio.to_thread(store.get_job, job_id)
    if job.spec.challenge_id is not None and key is None:
        raise Unauthorized("challenge")
    if not may_see_owner(key, job.owner):
        raise JobNotFound("unknown", job_id=job_id)
    return job


async def get_visible_job(
    job_id: str, store: JobStoreDep, reader: ReaderDep
) -> TrainingJob:
    return await _job_seen_by(job_id, store, reader)


async def get_own_job(job_id: str, store: JobStoreDep, key: KeyDep) -> TrainingJob:
    """A job the key may change: another team's is as unknown as when read."""
    return await _job_seen_by(job_id, store, key)


VisibleJobDep = Annotated[TrainingJob, Depends(get_visible_job)]
OwnJobDep = Annotated[TrainingJob, Depends(get_own_job)]


@router.post(
    "",
    status_code=202,
    summary="Submit a training job",
    description=(
        "Validates the spec (unknown fields, dataset, architecture, ranges), "
        "stores the job and queues it for the trainer. Answers 202 with the job "
        "and its `Location`; follow it at `.../events`. Jobs start in turn "
        "across teams (round robin), not in arrival order: a queued job shows "
        "its `queue_position` and `estimated_wait_seconds`. Without `model_name`, "
        "a team key's job is named `<team>-<dataset>-<architecture>`. Only an "
        "admin key may send `promote` for a model served to the whole class (403). "
        "With `challenge_id`: the challenge must be open and the team may have at "
        "most 2 jobs queued or running in it (429 with `Retry-After`)."
    ),
    response_model=TrainingJob,
    responses=dict.fromkeys((401, 403, 404, 409, 422, 429, 503), _PROBLEM),
)
async def create_training_job(
    spec: TrainingJobSpec,
    key: KeyDep,
    store: JobStoreDep,
    challenges: ChallengeStoreDep,
    celery: CeleryDep,
    settings: SettingsDep,
    redis: RedisDep,
    request: Request,
    response: Response,
) -> TrainingJob:
    spec = named_for_key(spec, key)
    check_spec_allowed(spec, key, settings)
    await asyncio.to_thread(check_challenge_job, spec, key, challenges, store)
    check_dataset_known(spec.dataset, spec.task, settings)
    for index, extra in enumerate(spec.extra_train_datasets):
        pointer = f"/body/extra_train_datasets/{index}"
        check_dataset_known(extra, spec.task, settings, pointer)
    job = await submit_job(spec, key.owner, store, celery)
    response.headers["Location"] = public_link(
        request, "get_training_job", job_id=job.id
    )
    [job] = await with_queue_places([job], store, redis)
    return job


@router.get(
    "",
    summary="List training jobs, newest first",
    description=(
        "A team key sees its own jobs only; admins all; open readers (no key) "
        "all but the jobs made in a challenge."
    ),
    response_model=TrainingJobList,
    responses=dict.fromkeys((401, 422), _PROBLEM),
)
async def list_training_jobs(
    store: JobStoreDep,
    reader: ReaderDep,
    redis: RedisDep,
    status: JobStatus | None = None,
    task: Task | None = None,
    owner: Annotated[str | None, Query(description="'admin' or 'team:<name>'.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LISTED_JOBS)] = DEFAULT_LISTED_JOBS,
) -> TrainingJobList:
    if reader is not None and reader.role != "admin":
        if owner not in (None, reader.owner):
            return TrainingJobList(jobs=[])
        owner = reader.owner
    jobs = await asyncio.to_thread(
        store.list_jobs,
        status=status,
        task=task,
        owner=owner,
        limit=limit,
        outside_challenges=reader is None,
    )
    return TrainingJobList(jobs=await with_queue_places(jobs, store, redis))


@router.get(
    "/{job_id}",
    summary="One training job: status, place in the queue, progress, result",
    response_model=TrainingJob,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
async def get_training_job(
    job: VisibleJobDep, store: JobStoreDep, redis: RedisDep
) -> TrainingJob:
    [job] = await with_queue_places([job], store, redis)
    return job


@router.get(
    "/{job_id}/diagnosis",
    summary="Automatic diagnosis of a training job",
    description=(
        "What the job's own history says: over-fitting, under-fitting, not "
        "converged, plateau, diverging or unstable loss, errors concentrated on "
        "a few classes (from the validation confusion counts stored with the "
        "model version). Each finding has a stable `code`, its `numbers`, the "
        "`thresholds` crossed, one sentence and things to try, in the "
        "`Accept-Language` language (French by default). Rules the job's data "
        "cannot answer (no validation split, too few epochs) are listed in "
        "`unchecked`. Thresholds: `lab_common.diagnosis.thresholds`."
    ),
    response_model=Diagnosis,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
async def get_training_job_diagnosis(
    job: VisibleJobDep, registry: RegistryDep
) -> Diagnosis:
    # The thread gets a copy of the request's context, language included.
    return await asyncio.to_thread(diagnose_job, job, registry)


@router.post(
    "/{job_id}/cancel",
    status_code=202,
    summary="Cancel a training job",
    description=(
        "A queued job is cancelled at once. A running one stops at its next "
        "batch; if its worker does not stop within the grace period, its "
        "process is killed and the job marked cancelled."
    ),
    response_model=TrainingJob,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
async def cancel_training_job(
    job: OwnJobDep,
    store: JobStoreDep,
    celery: CeleryDep,
    background: BackgroundDep,
    settings: SettingsDep,
) -> TrainingJob:
    return await cancel_job(
        job, store, celery, background, settings.cancel_grace_seconds
    )


@router.get(
    "/{job_id}/events",
    summary="Follow a training job (Server-Sent Events)",
    description=(
        "`text/event-stream`: each event has `id` (resume with the "
        "`Last-Event-ID` header or `?after=`), `event` (status, epoch, batch, "
        "log) and `data` (the event as JSON). Past events are replayed first; "
        "the stream ends after the job's final status. Messages are in the "
        "`Accept-Language` language, or `lang` (a browser's EventSource cannot "
        "set headers)."
    ),
    response_class=StreamingResponse,
    responses={
        200: {"content": {EVENT_STREAM_MEDIA_TYPE: {}}},
        **dict.fromkeys((401, 404, 422), _PROBLEM),
    },
)
async def stream_training_job_events(
    job: VisibleJobDep,
    store: JobStoreDep,
    redis: RedisDep,
    last_event_id: Annotated[int | None, Header(ge=0, le=MAX_EVENT_ID)] = None,
    after: Annotated[int | None, Query(ge=0, le=MAX_EVENT_ID)] = None,
    lang: Annotated[
        Language | None, Query(description="Language of the messages: fr or en.")
    ] = None,
) -> StreamingResponse:
    # A reconnecting EventSource sends the header; it is newer than the URL.
    after_id = last_event_id if last_event_id is not None else (after or 0)
    return StreamingResponse(
        stream_job_events(
            store, redis, job, after_id, language=lang or current_language()
        ),
        media_type=EVENT_STREAM_MEDIA_TYPE,
        headers=EVENT_STREAM_HEADERS,
    )
