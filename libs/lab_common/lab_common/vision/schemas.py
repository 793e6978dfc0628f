"""Public request and response bodies of the vision API (cnn service and gateway)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from lab_common.registry import ModelMetadata, ModelRegistry


class PredictionRequest(BaseModel):
    """JSON alternative to a multipart upload."""

    image_b64: str = Field(
        description="The image file, base64-encoded; a data: URL prefix is accepted.",
        min_length=1,
    )


class ModelRef(BaseModel):
    name: str
    version: str


class ClassProbability(BaseModel):
    label: str
    class_index: int
    probability: float


class Timings(BaseModel):
    decode_ms: float
    preprocess_ms: float
    inference_ms: float
    total_ms: float


class InputWarningCode(StrEnum):
    """Why a prepared input may not show what the user meant."""

    MOSTLY_INK = "mostly-ink"  # most of the digit's box is ink: a blob, not strokes
    FAINT_INK = "faint-ink"  # the strokes barely differ from the paper


class InputWarning(BaseModel):
    """A doubt about the input; the prediction is still given. Pages translate
    by ``code`` (stable); ``message`` is English, for API users."""

    code: InputWarningCode
    message: str


class PredictionResponse(BaseModel):
    model: ModelRef
    predictions: list[ClassProbability] = Field(
        description="The top-k classes, most probable first."
    )
    timings: Timings
    input_image_png_b64: str | None = Field(
        default=None,
        description="The 28x28 image the network received, as base64 PNG "
        "(only with include_input=true).",
    )
    input_warnings: list[InputWarning] = Field(
        default_factory=list,
        description="Why the input looks unreliable (empty when it looks fine): "
        "mostly-ink (most of the digit's box is ink), faint-ink (the strokes "
        "barely differ from the paper).",
    )


class ModelSummary(BaseModel):
    metadata: ModelMetadata
    aliases: list[str]
    is_serving: bool


def summarize_models(
    registry: ModelRegistry,
    serving: set[tuple[str, str]],
    *,
    names: list[str] | None = None,
    task: str | None = None,
) -> list[ModelSummary]:
    """Every version of ``names`` (default: all models), optionally of one task,
    with its aliases and whether it is in ``serving`` ((name, version) pairs)."""
    summaries = []
    for name in registry.list_models():
        if names is not None and name not in names:
            continue
        aliases = registry.aliases(name)
        for version in registry.list_versions(name):
            metadata = registry.get_metadata(name, version)
            if task is not None and metadata.task != task:
                continue
            summaries.append(
                ModelSummary(
                    metadata=metadata,
                    aliases=sorted(a for a, v in aliases.items() if v == version),
                    is_serving=(name, version) in serving,
                )
            )
    return summaries


class ModelListResponse(BaseModel):
    models: list[ModelSummary]


class ReportRequest(BaseModel):
    """Ask for the analysis report of one model version."""

    model_config = ConfigDict(extra="forbid")

    model: str | None = Field(
        default=None, description="Registry model name; default: the served model."
    )
    version: str = Field(
        default="production", description="A version number, or 'production'."
    )
    language: Literal["fr", "en"] = "fr"


class ReportStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class ReportJob(BaseModel):
    """One report job, as stored and as answered (without links)."""

    id: str
    model: str
    version: str
    language: Literal["fr", "en"]
    status: ReportStatus = ReportStatus.QUEUED
    stage: str | None = Field(default=None, description="What the job is doing now.")
    progress: float = Field(default=0.0, ge=0.0, le=1.0)
    error: str | None = None
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None


class ReportLinks(BaseModel):
    self: str
    html: str
    pdf: str


class ReportResponse(ReportJob):
    duration_seconds: float | None = None
    links: ReportLinks


class ReportListResponse(BaseModel):
    reports: list[ReportResponse]


# Documents the three accepted bodies in OpenAPI: the handlers read the request
# themselves (to enforce the byte limit before parsing), so FastAPI cannot infer it.
IMAGE_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
            "application/json": {
                "schema": PredictionRequest.model_json_schema(),
            },
            "image/*": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}
