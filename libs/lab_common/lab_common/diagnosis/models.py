"""What the diagnosis answers: findings, rules not checked, the verdict."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

FindingCode = Literal[
    "overfitting",
    "underfitting",
    "not-converged",
    "plateau",
    "diverging",
    "unstable",
    "errors-concentrated",
]
UncheckedReason = Literal["no-validation", "too-few-epochs", "no-confusion"]
Number = float | int | str


class ConfusionPair(BaseModel):
    """Validation examples of ``true_class`` the model called ``predicted_class``."""

    true_class: str
    predicted_class: str
    count: int
    share: float = Field(description="Of the true class's validation examples.")


class Finding(BaseModel):
    """Something the curves or the confusion counts show, and what to try."""

    code: FindingCode = Field(description="Stable: its sentences are diagnosis.*.")
    title: str
    message: str = Field(description="One sentence with the numbers.")
    suggestions: list[str] = Field(description="Two or three things to try.")
    numbers: dict[str, Number] = Field(description="The measured values.")
    thresholds: dict[str, Number] = Field(description="The thresholds crossed.")
    pairs: list[ConfusionPair] = Field(
        default=[], description="errors-concentrated: the top confusion pairs."
    )


class Unchecked(BaseModel):
    """A rule the job's data could not answer."""

    code: FindingCode
    reason: UncheckedReason
    message: str


class Diagnosis(BaseModel):
    """The automatic diagnosis of one training job, in the request's language."""

    status: Literal["healthy", "findings", "no-epochs"] = Field(
        description="healthy: no finding (see unchecked); no-epochs: nothing yet."
    )
    summary: str
    epochs: int = Field(description="Epochs in the job's history.")
    has_validation: bool
    findings: list[Finding]
    unchecked: list[Unchecked]
