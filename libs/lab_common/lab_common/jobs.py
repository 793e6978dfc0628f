"""Training jobs: the spec a user sends, the states a job goes through, its events.

Shared by the gateway (validates and enqueues) and the trainer (runs); no
TensorFlow here. The job row in the job store is the source of truth, the Celery
message only carries the job id.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, cast

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from lab_common.datasets.texts import TEXT_ENTRIES
from lab_common.job_messages import ParamValue
from lab_common.text.vectors import RANDOM, VECTOR_SOURCES, default_embedding

# Celery task names (``trainer.<verb>_<object>``); the gateway sends by name.
TRAIN_MODEL_TASK = "trainer.train_model"
TRAINING_QUEUE = "training"
# Scoring of challenge submissions: its own queue and worker, so a submission
# never waits behind training jobs.
SCORE_SUBMISSION_TASK = "trainer.score_submission"
SCORING_QUEUE = "scoring"

# Redis pub/sub channel of one job's events: a wake-up call, the store has the data.
JOB_EVENTS_CHANNEL_PREFIX = "archilab:job-events:"

# Each running worker keeps a key alive here, so the API can tell whether a job
# will be picked up at all (``<prefix><hostname>``, expiring after the TTL).
WORKER_PRESENCE_PREFIX = "archilab:workers:"
WORKER_PRESENCE_TTL_SECONDS = 30

MAX_EPOCHS = 100
MAX_BATCH_SIZE = 1024
MAX_LEARNING_RATE = 10.0
MAX_MODEL_NAME_CHARACTERS = 64  # registry names become folder names
# Course datasets appended to a text job's training split (allocine + allocine-tv).
MAX_EXTRA_TRAIN_DATASETS = 4

Task = Literal["image-classification", "text-classification"]
Optimizer = Literal["adam", "adamw", "sgd", "rmsprop"]
# What early stopping watches (on the validation split when there is one).
StoppingMetric = Literal["loss", "accuracy"]
# ``lab_common.text.vectors.EMBEDDING_CHOICES`` (a test keeps them equal).
Embedding = Literal["fr-fasttext-300", "en-glove-50", "random"]
# The one architecture whose embedding starts from pretrained word vectors.
PRETRAINED_BILSTM = "bilstm-pretrained"


def default_model_name(
    dataset: str,
    architecture: str,
    team: str | None = None,
    embedding: str | None = None,
) -> str:
    """'<dataset>-<architecture>', '<team>-…' for a team, '…-<embedding>' for
    vectors other than the dataset's own language's: never a served name.

    So "allocine-bilstm-pretrained" (French vectors) and
    "allocine-bilstm-pretrained-random" are two models a student can compare.
    """
    parts = [team, dataset, architecture, embedding]
    return "-".join(part for part in parts if part)[:MAX_MODEL_NAME_CHARACTERS]


def dataset_language(dataset: str) -> str | None:
    """The language of a built-in text dataset; None for others (uploads)."""
    entry = TEXT_ENTRIES.get(dataset)
    return None if entry is None else entry.language


def job_events_channel(job_id: str) -> str:
    return f"{JOB_EVENTS_CHANNEL_PREFIX}{job_id}"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATUSES


TERMINAL_STATUSES = frozenset(
    {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}
)


class Architecture(BaseModel):
    """One entry of the architecture catalogue (builders live with the trainer)."""

    id: str
    task: Task
    title: str
    description: str
    embeddings: list[Embedding] = Field(
        default=[], description="The values its `embedding` may take (GET lists)."
    )


class EmbeddingChoice(BaseModel):
    """One value of a spec's ``embedding``: pretrained word vectors, or random."""

    id: Embedding
    title: str
    language: str | None = Field(description="The texts' language it suits; null: any.")
    dimensions: int | None = Field(description="null: the architecture's own (64).")
    package: str | None = Field(
        description="The pip requirement the trainer needs for these vectors."
    )
    licence: str | None = None


# Titles are "French / English", like the architectures'.
_EMBEDDING_TITLES = {
    "fr-fasttext-300": "fastText français 300 d / French fastText 300 d",
    "en-glove-50": "GloVe anglais 50 d / English GloVe 50 d",
    RANDOM: "aléatoires, appris sur vos textes / random, learned from your texts",
}
EMBEDDINGS: dict[str, EmbeddingChoice] = {
    **{
        source.id: EmbeddingChoice(
            id=cast(Embedding, source.id),
            title=_EMBEDDING_TITLES[source.id],
            language=source.language,
            dimensions=source.dimensions,
            package=source.package,
            licence=source.licence,
        )
        for source in VECTOR_SOURCES.values()
    },
    RANDOM: EmbeddingChoice(
        id=RANDOM,
        title=_EMBEDDING_TITLES[RANDOM],
        language=None,
        dimensions=None,
        package=None,
    ),
}


# The small catalogue students pick from; ``lab_trainer.architectures`` builds them.
ARCHITECTURES: dict[str, Architecture] = {
    a.id: a
    for a in [
        Architecture(
            id="digits-cnn",
            task="image-classification",
            title="CNN à 3 blocs / 3-block CNN",
            description="conv→pool→BatchNorm→ReLU ×3, dense 128: the default model.",
        ),
        Architecture(
            id="tiny-cnn",
            task="image-classification",
            title="Petit CNN / tiny CNN",
            description="One 8-filter convolution and a softmax: fast, weak by design.",
        ),
        Architecture(
            id="mlp",
            task="image-classification",
            title="Perceptron multicouche / MLP",
            description="Flatten + two dense layers: no convolution, for comparison.",
        ),
        Architecture(
            id="dense",
            task="image-classification",
            title="Réseau dense sur les pixels / dense network on raw pixels",
            description="Flatten + one dense layer of 64: the challenges' baseline.",
        ),
        Architecture(
            id="bilstm",
            task="text-classification",
            title="LSTM bidirectionnel / bidirectional LSTM",
            description="TextVectorization, embedding 64 (random), BiLSTM 64, "
            "max and mean over the words: the default.",
        ),
        Architecture(
            id="embedding-bag",
            task="text-classification",
            title="Sac d'embeddings / embedding bag",
            description="Mean of word embeddings, no recurrence: a fast baseline.",
        ),
        Architecture(
            id=PRETRAINED_BILSTM,
            task="text-classification",
            title="LSTM bidirectionnel + vecteurs pré-entraînés / "
            "bidirectional LSTM + pretrained vectors",
            description=(
                "The BiLSTM with a frozen embedding from pretrained word vectors "
                "(`embedding`; default: the dataset's language's), or 'random' for "
                "the same model with a learned embedding, to compare."
            ),
            embeddings=[choice.id for choice in EMBEDDINGS.values()],
        ),
    ]
}


class TrainingJobSpec(BaseModel):
    """What to train; unknown fields are refused so typos never pass silently."""

    model_config = ConfigDict(extra="forbid")

    task: Task
    dataset: str = Field(min_length=1, max_length=80)
    architecture: str = Field(min_length=1, max_length=40)
    model_name: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$",
        description=(
            "Registry name of the result; default '<dataset>-<architecture>', "
            "'<team>-<dataset>-<architecture>' for a team key."
        ),
    )
    epochs: int = Field(default=5, ge=1, le=MAX_EPOCHS)
    batch_size: int = Field(default=64, ge=1, le=MAX_BATCH_SIZE)
    learning_rate: float = Field(default=1e-3, gt=0, le=MAX_LEARNING_RATE)
    optimizer: Optimizer = "adam"
    dropout: float = Field(default=0.2, ge=0, lt=1)
    augment: bool = Field(default=False, description="Images only: random shifts.")
    early_stopping_patience: int | None = Field(default=None, ge=1, le=MAX_EPOCHS)
    early_stopping_metric: StoppingMetric = Field(
        default="loss",
        description="What early stopping watches: the (validation) loss or accuracy.",
    )
    validation_share: float = Field(default=0.1, ge=0, le=0.5)
    progress_every_batches: int = Field(default=10, ge=1, le=10_000)
    seed: int = Field(default=1, ge=0)
    promote: bool = Field(
        default=False, description="Make the result the production version."
    )
    description: str | None = Field(default=None, max_length=500)
    embedding: Embedding | None = Field(
        default=None,
        description=(
            f"{PRETRAINED_BILSTM} only: its word vectors. Default: those of the "
            "dataset's language (fr-fasttext-300 for French, en-glove-50 for "
            "English; an upload's language is read from its texts). 'random': "
            "no pretrained vectors, an embedding learned from the texts."
        ),
    )
    fine_tune_embedding: bool = Field(
        default=False,
        description=(
            f"{PRETRAINED_BILSTM} only: refine the pretrained vectors while "
            "training (else they stay frozen)."
        ),
    )
    challenge_id: str | None = Field(
        default=None,
        pattern=r"^[a-f0-9]{32}$",
        description=(
            "Train inside this challenge: on its train split, validated on its "
            "validation split (its hidden splits are never read). Needs a key."
        ),
    )
    extra_train_datasets: list[
        Annotated[str, StringConstraints(min_length=1, max_length=80)]
    ] = Field(
        default=[],
        max_length=MAX_EXTRA_TRAIN_DATASETS,
        description=(
            "Text only: course datasets whose training texts are added to the "
            "dataset's (its validation and test splits stay the dataset's own)."
        ),
    )

    @field_validator("embedding")
    @classmethod
    def _embedding_needs_vectors_architecture(
        cls, embedding: str | None, info: ValidationInfo
    ) -> str | None:
        architecture = info.data.get("architecture")
        # An unknown architecture is said by the check of the whole spec.
        if embedding is not None and architecture in ARCHITECTURES.keys() - {
            PRETRAINED_BILSTM
        }:
            raise PydanticCustomError(
                "embedding_needs_pretrained_architecture",
                "embedding (word vectors) applies to the {expected} architecture "
                "only, not {architecture}.",
                {"expected": PRETRAINED_BILSTM, "architecture": architecture},
            )
        return embedding

    @model_validator(mode="after")
    def _architecture_fits_task(self) -> TrainingJobSpec:
        architecture = ARCHITECTURES.get(self.architecture)
        if architecture is None:
            # Typed errors: ``validation.<type>`` in lab_common.messages says them.
            raise PydanticCustomError(
                "unknown_architecture",
                "Unknown architecture '{architecture}'; choose one of {known}.",
                {
                    "architecture": self.architecture,
                    "known": ", ".join(sorted(ARCHITECTURES)),
                },
            )
        if architecture.task != self.task:
            raise PydanticCustomError(
                "architecture_task_mismatch",
                "Architecture '{architecture}' is for {expected}, not {task}.",
                {
                    "architecture": self.architecture,
                    "expected": architecture.task,
                    "task": self.task,
                },
            )
        if self.augment and self.task != "image-classification":
            raise PydanticCustomError(
                "augment_images_only", "augment applies to image classification only."
            )
        self._check_text_only_fields()
        if self.architecture == PRETRAINED_BILSTM and self.embedding is None:
            # An upload's language is unknown here: the trainer reads its texts.
            language = dataset_language(self.dataset)
            if language is not None:
                self.embedding = cast(Embedding, default_embedding(language))
        return self

    def _check_text_only_fields(self) -> None:
        if self.fine_tune_embedding and self.architecture != PRETRAINED_BILSTM:
            raise PydanticCustomError(
                "fine_tune_needs_pretrained_architecture",
                "fine_tune_embedding applies to the {expected} architecture only.",
                {"expected": PRETRAINED_BILSTM},
            )
        if self.fine_tune_embedding and self.embedding == RANDOM:
            raise PydanticCustomError(
                "fine_tune_needs_vectors",
                "fine_tune_embedding needs pretrained vectors, not 'random'.",
            )
        if self.extra_train_datasets and self.task != "text-classification":
            raise PydanticCustomError(
                "extra_datasets_texts_only",
                "extra_train_datasets applies to text classification only.",
            )

    @property
    def embedding_in_name(self) -> str | None:
        """The vectors, unless they are those of the dataset's known language."""
        if self.embedding is None:
            return None
        language = dataset_language(self.dataset)
        if language is not None and self.embedding == default_embedding(language):
            return None
        return self.embedding

    def default_model_name(self, team: str | None = None) -> str:
        """The name without ``model_name`` (``team``'s own for a team key)."""
        return default_model_name(
            self.dataset, self.architecture, team, self.embedding_in_name
        )

    @property
    def resolved_model_name(self) -> str:
        return self.model_name or self.default_model_name()


class EpochMetrics(BaseModel):
    """Keras' logs at the end of one epoch (loss, accuracy, val_loss, ...)."""

    epoch: int
    metrics: dict[str, float]
    seconds: float


class JobEvent(BaseModel):
    """One line of a job's history, replayed by the SSE endpoint.

    ``id`` grows across all jobs, so it can serve as the SSE ``Last-Event-ID``.
    Kinds: ``status`` (a transition), ``epoch`` (end of an epoch), ``batch``
    (every N batches), ``log`` (a human-readable message).
    """

    id: int
    job_id: str
    kind: Literal["status", "epoch", "batch", "log"]
    data: dict[str, Any]
    created_at: datetime


class TrainingJob(BaseModel):
    """A job as the API shows it."""

    id: str
    owner: str
    status: JobStatus
    spec: TrainingJobSpec
    attempts: int
    epoch: int = Field(description="Epochs finished so far.")
    progress: float = Field(ge=0, le=1, description="Share of all batches done.")
    eta_seconds: float | None = None
    history: list[EpochMetrics] = []
    test_metrics: dict[str, float] = {}
    error: str | None = Field(
        default=None,
        description="Why it failed or was cancelled, in the request's language.",
    )
    error_code: str | None = Field(
        default=None,
        description="The reason's stable code (its sentence: job.error.<code>).",
    )
    error_params: dict[str, ParamValue] = Field(
        default={}, description="The values the reason's sentence names."
    )
    model_name: str | None = None
    model_version: str | None = None
    cancel_requested: bool = False
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    heartbeat_at: datetime | None = None
    worker: str | None = None
    queue_position: int | None = Field(
        default=None,
        description=(
            "While queued: its place in the fair queue (1 = next to start); "
            "jobs start in turn across teams, not in arrival order."
        ),
    )
    estimated_wait_seconds: float | None = Field(
        default=None,
        description=(
            "While queued: seconds until it likely starts, from the durations of "
            "recent jobs; null when no worker is up or nothing was measured yet."
        ),
    )
