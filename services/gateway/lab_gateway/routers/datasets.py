"""/api/v1/datasets: the dataset catalogue, previews and dataset uploads.

An upload is a multipart form: field ``file`` (a .zip of class folders of
images, or a UTF-8 CSV with columns text,label), optional ``name`` and
``color_mode`` (auto, grey or rgb). The body is streamed to a temporary file
and refused with 413 as soon as it passes ``GATEWAY_MAX_DATASET_UPLOAD_BYTES``;
the import then runs in a worker thread.
"""

from __future__ import annotations

from typing import Annotated, Any, cast, get_args

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import JSONResponse, Response

from lab_common.bodies import public_link
from lab_common.challenges.hidden import guarded_challenges
from lab_common.datasets.catalogue import find_dataset, list_datasets
from lab_common.datasets.schemas import DatasetInfo
from lab_common.problems import (
    Problem,
    ValidationFailed,
)
from lab_gateway.auth import Forbidden, KeyDep, ReaderDep
from lab_gateway.datasets.hidden_examples import HiddenImages
from lab_gateway.datasets.image_uploads import ColorMode
from lab_gateway.datasets.preview import (
    DEFAULT_SAMPLES_PER_CLASS,
    MAX_SAMPLES_PER_CLASS,
    DatasetPreview,
    preview_dataset,
)
from lab_gateway.datasets.rules import UploadLimits
from lab_gateway.datasets.storing import delete_upload
from lab_gateway.datasets.uploads import import_upload
from lab_gateway.dependencies import ChallengeStoreDep, SettingsDep
from lab_gateway.uploads import form_text, read_upload_form

router = APIRouter(prefix="/datasets", tags=["datasets"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}
UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "name": {"type": "string"},
                        "color_mode": {"enum": list(get_args(ColorMode))},
                    },
                }
            }
        },
    }
}


class DatasetListResponse(BaseModel):
    datasets: list[DatasetInfo]


@router.get(
    "",
    summary="List the datasets: built-in, course data and uploads",
    response_model=DatasetListResponse,
    responses=dict.fromkeys((401,), _PROBLEM),
)
def get_datasets(settings: SettingsDep, _reader: ReaderDep) -> DatasetListResponse:
    datasets = list_datasets(settings.data_dir, settings.datasets_dir)
    return DatasetListResponse(datasets=datasets)


@router.get(
    "/{dataset_id}",
    summary="Describe one dataset",
    response_model=DatasetInfo,
    responses=dict.fromkeys((401, 404), _PROBLEM),
)
def get_dataset(
    dataset_id: str, settings: SettingsDep, _reader: ReaderDep
) -> DatasetInfo:
    return find_dataset(dataset_id, settings.data_dir, settings.datasets_dir)


@router.get(
    "/{dataset_id}/preview",
    summary="Class counts and a few examples of every class",
    description="Images come as PNG data URLs; texts are cut at 300 characters.",
    response_model=DatasetPreview,
    responses=dict.fromkeys((401, 404, 503), _PROBLEM),
)
def get_dataset_preview(
    dataset_id: str,
    settings: SettingsDep,
    challenges: ChallengeStoreDep,
    _reader: ReaderDep,
    samples_per_class: Annotated[
        int, Query(ge=0, le=MAX_SAMPLES_PER_CLASS)
    ] = DEFAULT_SAMPLES_PER_CLASS,
) -> DatasetPreview:
    return preview_dataset(
        dataset_id,
        settings.data_dir,
        settings.datasets_dir,
        samples_per_class,
        guarded=guarded_challenges(challenges, dataset_id, task=None),
    )


def _color_mode(form: FormData) -> ColorMode:
    value = form_text(form, "color_mode") or "auto"
    modes: tuple[Any, ...] = get_args(ColorMode)
    if value not in modes:
        raise ValidationFailed("color-mode", modes=", ".join(modes))
    return cast(ColorMode, value)


@router.post(
    "",
    status_code=201,
    summary="Upload a dataset: a zip of class folders of images, or a CSV",
    description=(
        "Images are resized to 28x28 grey or 32x32 RGB (`color_mode`: auto, "
        "grey, rgb; auto picks grey when every file is grey-scale). A CSV needs "
        "a `text,label` header. Each class needs at least 2 examples. An image "
        "identical to a hidden one of a challenge not yet revealed is refused "
        "(422 `/problems/hidden-example-upload`)."
    ),
    response_model=DatasetInfo,
    responses=dict.fromkeys((401, 413, 415, 422), _PROBLEM),
    openapi_extra=UPLOAD_BODY,
)
async def create_dataset(
    request: Request, settings: SettingsDep, challenges: ChallengeStoreDep, key: KeyDep
) -> JSONResponse:
    max_bytes = settings.max_dataset_upload_bytes
    form = await read_upload_form(
        request,
        max_bytes,
        not_multipart="dataset-multipart",
        too_large="upload-streamed",
    )
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise ValidationFailed("dataset-file")
        info = await run_in_threadpool(
            import_upload,
            upload.file,
            upload.filename or "upload",
            settings.datasets_dir,
            name=form_text(form, "name"),
            owner=key.owner,
            limits=UploadLimits(max_upload_bytes=max_bytes),
            color_mode=_color_mode(form),
            refused=HiddenImages(challenges, settings.data_dir, settings.datasets_dir),
        )
    finally:
        await form.close()
    location = public_link(request, "get_dataset", dataset_id=info.id)
    return JSONResponse(
        info.model_dump(mode="json"), status_code=201, headers={"Location": location}
    )


@router.delete(
    "/{dataset_id}",
    status_code=204,
    summary="Delete an uploaded dataset (its owner or an admin)",
    responses=dict.fromkeys((401, 403, 404), _PROBLEM),
)
def remove_dataset(dataset_id: str, settings: SettingsDep, key: KeyDep) -> Response:
    info = find_dataset(dataset_id, settings.data_dir, settings.datasets_dir)
    if info.origin != "upload":
        raise Forbidden("built-in-dataset", dataset=dataset_id)
    if key.role != "admin" and key.owner != info.owner:
        raise Forbidden("not-dataset-owner", owner=info.owner, dataset=dataset_id)
    delete_upload(settings.datasets_dir, dataset_id)
    return Response(status_code=204)
