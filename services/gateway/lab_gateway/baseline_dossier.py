"""What a team may see of a challenge's baseline: its dossier.

The baseline job belongs to the admin, so a team cannot read it as a job;
the dossier gives the part a team needs to diagnose it: the spec, the
per-epoch history (training and validation only), the automatic diagnosis and
the validation confusion counts with each class's recall. Nothing of the
hidden splits: its public score is in the leaderboard's pinned row.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from lab_common.challenges.schemas import Challenge
from lab_common.confusion import class_recalls
from lab_common.diagnosis import Diagnosis
from lab_common.jobs import EpochMetrics, JobStatus, TrainingJobSpec
from lab_common.problems import ModelNotFound
from lab_common.registry import ModelMetadata, ModelRegistry
from lab_common.store import JobStore
from lab_gateway.training_jobs import diagnose_job


class ClassRecall(BaseModel):
    class_name: str
    recall: float = Field(description="Share of the class's validation examples.")
    examples: int


class BaselineDossier(BaseModel):
    job_id: str | None = Field(description="null until the baseline job is queued.")
    status: JobStatus | None
    spec: TrainingJobSpec | None
    history: list[EpochMetrics] = Field(description="Per epoch: train and validation.")
    diagnosis: Diagnosis | None = Field(description="null until the job has ended.")
    class_names: list[str] | None = None
    validation_confusion: list[list[int]] | None = Field(
        default=None, description="Rows: true class, columns: predicted."
    )
    class_recalls: list[ClassRecall] | None = None
    finished_at: datetime | None = None


def _recalls(confusion: list[list[int]], names: list[str]) -> list[ClassRecall]:
    return [
        ClassRecall(
            class_name=names[i], recall=round(recall, 4), examples=sum(confusion[i])
        )
        for i, recall in class_recalls(confusion).items()
    ]


def read_baseline_dossier(
    challenge: Challenge, jobs: JobStore, registry: ModelRegistry
) -> BaselineDossier:
    """Reads the store and a metadata file: call it in a thread."""
    if challenge.baseline_job_id is None:
        return BaselineDossier(
            job_id=None, status=None, spec=None, history=[], diagnosis=None
        )
    job = jobs.get_job(challenge.baseline_job_id)
    dossier = BaselineDossier(
        job_id=job.id,
        status=job.status,
        spec=job.spec,
        history=job.history,
        diagnosis=diagnose_job(job, registry) if job.status.is_terminal else None,
        finished_at=job.finished_at,
    )
    if job.model_name is None or job.model_version is None:
        return dossier
    try:
        metadata = registry.get_metadata(job.model_name, job.model_version)
    except ModelNotFound:
        return dossier
    confusion = metadata.validation_confusion
    if confusion is not None:
        dossier.class_names = list(metadata.class_names)
        dossier.validation_confusion = confusion
        dossier.class_recalls = _recalls(confusion, dossier.class_names)
    return dossier


def read_baseline_metadata(
    challenge: Challenge, jobs: JobStore, registry: ModelRegistry
) -> ModelMetadata:
    """The baseline's model version (404 until its job registered one)."""
    job_id = challenge.baseline_job_id
    job = None if job_id is None else jobs.get_job(job_id)
    if job is None or job.model_name is None or job.model_version is None:
        raise ModelNotFound("no-baseline-version")
    return registry.get_metadata(job.model_name, job.model_version)
