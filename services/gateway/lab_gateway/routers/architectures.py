"""/api/v1/architectures: what a training job's ``architecture`` and ``embedding``
may name (``lab_common.jobs``), so REST users need not read the form's code."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from lab_common.jobs import (
    ARCHITECTURES,
    EMBEDDINGS,
    Architecture,
    EmbeddingChoice,
    Task,
)
from lab_common.problems import Problem
from lab_gateway.auth import ReaderDep

router = APIRouter(prefix="/architectures", tags=["training jobs"])

_PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}


class ArchitectureCatalogue(BaseModel):
    architectures: list[Architecture]
    embeddings: list[EmbeddingChoice] = Field(
        description=(
            "Values of a spec's `embedding` (bilstm-pretrained only); without "
            "it, the vectors of the dataset's language."
        )
    )


@router.get(
    "",
    summary="List the architectures a training job may use, and their word vectors",
    response_model=ArchitectureCatalogue,
    responses=dict.fromkeys((401, 422), _PROBLEM),
)
def get_architectures(
    _reader: ReaderDep, task: Task | None = None
) -> ArchitectureCatalogue:
    return ArchitectureCatalogue(
        architectures=[a for a in ARCHITECTURES.values() if task in (None, a.task)],
        embeddings=list(EMBEDDINGS.values()),
    )
