"""What the API shows of challenges and submissions."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from lab_common.challenges.rules import (
    DEFAULT_SUBMISSION_QUOTA,
    MAX_NOTE_CHARACTERS,
    MAX_SUBMISSION_QUOTA,
    ChallengeStatus,
)
from lab_common.datasets.splits import SplitManifest

SubmissionStatus = Literal["queued", "scored", "failed"]


class Challenge(BaseModel):
    id: str
    template: str
    title: str
    dataset: str
    status: ChallengeStatus
    quota: int = Field(description="Submissions a team may make in this challenge.")
    allow_external: bool = Field(
        description="Whether .keras files trained elsewhere may be submitted."
    )
    seed: int
    manifest: SplitManifest = Field(
        description="Seed, and each split's size and SHA-256 of its rows."
    )
    baseline_job_id: str | None
    created_by: str
    created_at: datetime
    opened_at: datetime | None = None
    frozen_at: datetime | None = None
    revealed_at: datetime | None = None


class Submission(BaseModel):
    """A scored job: aggregates only, never an outcome per hidden example."""

    id: str
    challenge_id: str
    team: str | None = Field(description="null for the baseline's row.")
    is_baseline: bool
    job_id: str | None = Field(description="null for a model trained elsewhere.")
    external: bool = Field(
        default=False,
        description=(
            "A .keras file trained outside ArchiLab (« entraîné hors plateforme »): "
            "scored, never ranked."
        ),
    )
    note: str
    status: SubmissionStatus
    public_score: float | None = Field(
        default=None, description="Accuracy on the public hidden split (0 to 1)."
    )
    private_score: float | None = Field(
        default=None, description="Accuracy on the private split; shown after reveal."
    )
    shown_public_score: float | None = Field(
        default=None,
        description="The team's ladder score after this submission (0.1 point steps).",
    )
    significant: bool | None = Field(
        default=None,
        description="Gain over the team's shown best (or the baseline) ≥ 2 SE.",
    )
    public_examples: int | None = None
    private_examples: int | None = None
    architecture: str | None = None
    parameters: int | None = None
    latency_ms_per_image: float | None = None
    error: str | None = Field(
        default=None, description="Why scoring failed, in the reader's language."
    )
    error_code: str | None = Field(
        default=None, description="The failure's stable code (e.g. external-shape)."
    )
    error_params: dict[str, str | int | float] = Field(
        default_factory=dict, exclude=True
    )
    created_at: datetime
    scored_at: datetime | None = None


class CreateChallengeRequest(BaseModel):
    template: str = Field(min_length=1, max_length=40, examples=["chiffres-dense"])
    title: str | None = Field(default=None, max_length=200)
    quota: int = Field(default=DEFAULT_SUBMISSION_QUOTA, ge=1, le=MAX_SUBMISSION_QUOTA)
    allow_external: bool = False
    seed: int | None = Field(
        default=None, ge=0, le=2**31 - 1, description="Default: drawn at random."
    )


class SubmitRequest(BaseModel):
    job_id: str = Field(min_length=1, max_length=32)
    note: str = Field(
        default="",
        max_length=MAX_NOTE_CHARACTERS,
        description="What the team changed, and why.",
    )
