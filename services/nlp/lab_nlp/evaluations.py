"""LSTM vs Mistral on a labelled sample: accuracy of both, their agreement,
latency percentiles, Mistral's token usage and every disagreement.

The sample comes from a catalogue dataset's split or from an uploaded CSV
(``text,label`` with labels 0/1 or negative/positive). A catalogue split never
gives a text of a challenge still guarded on that dataset (its hidden texts
would come back among the disagreements: ``lab_common.challenges.hidden``).

A job runs as an asyncio task of the service (Mistral calls are I/O; the LSTM
runs in a worker thread). Each job is kept as a JSON file (``JobFiles``), so its
result outlives a restart; one the restart interrupted is marked failed (its
request can be sent again), and only the newest ``keep`` finished jobs stay.
"""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import random
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from lab_common.challenges.hidden import (
    guarded_challenges,
    hidden_texts,
    without_texts,
)
from lab_common.datasets.catalogue import load_text_dataset
from lab_common.datasets.texts import (
    TextSplit,
    ensure_files,
    get_entry,
    load_split,
)
from lab_common.job_files import JobFiles, finished_beyond
from lab_common.problems import LabError, ValidationFailed
from lab_common.store import ChallengeStore
from lab_common.text.schemas import (
    MAX_TEXT_CHARACTERS,
    Language,
    MistralVerdict,
    UnicodeString,
)
from lab_nlp.evaluation_results import (
    LABELS,
    EvaluationResult,
    summarize_evaluation,
)
from lab_nlp.inference import predict
from lab_nlp.languages import detect_language
from lab_nlp.mistral import MistralJudge
from lab_nlp.model_store import SentimentModels

logger = logging.getLogger(__name__)

MAX_SAMPLE_SIZE = 500
MAX_UPLOADED_ROWS = 5000
KEPT_EVALUATIONS = 50
INTERRUPTED = (
    "The nlp service restarted during this evaluation; send the same request again."
)
_LABEL_VALUES = {"0": 0, "1": 1, "negative": 0, "positive": 1, "neg": 0, "pos": 1}


class EvaluationNotFound(LabError):
    status = 404
    type = "/problems/evaluation-not-found"


class EvaluationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset: UnicodeString = Field(
        description="A text dataset id: sst2, allocine, allocine-tv."
    )
    split: Literal["test", "validation"] = "test"
    sample_size: int = Field(default=50, ge=1, le=MAX_SAMPLE_SIZE)
    seed: int = 0


class UploadOptions(BaseModel):
    """The form fields sent with an uploaded CSV (``file``)."""

    model_config = ConfigDict(extra="forbid")

    sample_size: int = Field(default=50, ge=1, le=MAX_SAMPLE_SIZE)
    seed: int = 0
    language: Language | None = Field(
        default=None, description="Default: detected for each text."
    )


class EvaluationJob(BaseModel):
    id: str
    source: str = Field(description="The dataset and split, or the uploaded file.")
    sample_size: int
    status: Literal["queued", "running", "succeeded", "failed"] = "queued"
    progress: float = 0.0
    error: str | None = None
    created_at: datetime
    finished_at: datetime | None = None
    result: EvaluationResult | None = None


def _now() -> datetime:
    return datetime.now(UTC)


def parse_labelled_csv(data: bytes) -> tuple[list[str], list[int]]:
    """Rows of a ``text,label`` CSV; any fault is a 422 naming the row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationFailed("csv-encoding") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
        raise ValidationFailed("csv-header")
    texts, labels = [], []
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        if number - 1 > MAX_UPLOADED_ROWS:
            raise ValidationFailed("csv-rows", limit=MAX_UPLOADED_ROWS)
        label = _LABEL_VALUES.get((row["label"] or "").strip().lower())
        if label is None:
            raise ValidationFailed("csv-label", line=number, label=row["label"] or "")
        if not (row["text"] or "").strip() or len(row["text"]) > MAX_TEXT_CHARACTERS:
            raise ValidationFailed("csv-text", line=number, limit=MAX_TEXT_CHARACTERS)
        texts.append(row["text"])
        labels.append(label)
    if not texts:
        raise ValidationFailed("csv-no-rows")
    return texts, labels


def sample(count: int, size: int, seed: int) -> list[int]:
    """``size`` row numbers out of ``count``, the same for the same seed."""
    rows = list(range(count))
    random.Random(seed).shuffle(rows)
    return rows[:size]


class EvaluationJobs:
    def __init__(
        self,
        models: SentimentModels,
        judge: MistralJudge,
        data_dir: Path | None,
        mirror_url: str | None,
        *,
        folder: Path,
        keep: int = KEPT_EVALUATIONS,
        challenges: ChallengeStore | None = None,
    ) -> None:
        self._models = models
        self._judge = judge
        self._data_dir = data_dir
        self._mirror_url = mirror_url
        self._files = JobFiles(folder, EvaluationJob)
        self._keep = keep
        self._challenges = challenges
        self._jobs = {job.id: job for job in self._files.load_all()}
        self._tasks: set[asyncio.Task[None]] = set()
        for job in list(self._jobs.values()):
            if job.status in ("queued", "running"):  # the restart cut it short
                self._update(
                    job.id, status="failed", error=INTERRUPTED, finished_at=_now()
                )

    def submit_dataset(self, request: EvaluationRequest) -> EvaluationJob:
        """Check what can be checked now (dataset, key), then start the job."""
        entry = get_entry(request.dataset)
        ensure_files(entry, self._data_dir, self._mirror_url)
        self._judge.require_configured()
        data = self._shown_split(entry.id, request.split)
        language: Language = "fr" if entry.language == "fr" else "en"
        source = f"{entry.id}/{request.split}"
        return self._start(
            source, data.texts, data.labels, language, request.sample_size, request.seed
        )

    def _shown_split(self, dataset_id: str, split: str) -> TextSplit:
        """The split, less the hidden texts of the challenges guarded on it."""
        entry = get_entry(dataset_id)
        data = load_split(entry, split, self._data_dir or Path())
        if self._challenges is None:
            return data
        guarded = guarded_challenges(self._challenges, dataset_id, task=None)
        if not guarded:
            return data
        whole = load_text_dataset(dataset_id, self._data_dir, None)
        return without_texts(data, hidden_texts(whole, guarded))

    def submit_upload(
        self, filename: str, data: bytes, options: UploadOptions
    ) -> EvaluationJob:
        texts, labels = parse_labelled_csv(data)
        self._judge.require_configured()
        source = f"upload: {filename} ({len(texts)} rows)"
        return self._start(
            source, texts, labels, options.language, options.sample_size, options.seed
        )

    def _start(
        self,
        source: str,
        texts: list[str],
        labels: list[int],
        language: Language | None,
        sample_size: int,
        seed: int,
    ) -> EvaluationJob:
        rows = sample(len(texts), sample_size, seed)
        job = EvaluationJob(
            id=uuid.uuid4().hex,
            source=source,
            sample_size=len(rows),
            created_at=_now(),
        )
        self._jobs[job.id] = job
        self._files.save(job)
        chosen = ([texts[row] for row in rows], [labels[row] for row in rows])
        task = asyncio.create_task(self._run(job.id, *chosen, language))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def get(self, job_id: str) -> EvaluationJob:
        job = self._jobs.get(job_id)
        if job is None:
            raise EvaluationNotFound("unknown", evaluation=job_id, keep=self._keep)
        return job

    def _update(self, job_id: str, **changes: object) -> None:
        job = self._jobs[job_id] = self._jobs[job_id].model_copy(update=changes)
        self._files.save(job)

    def _prune(self) -> None:
        """Forget the oldest finished evaluations beyond ``keep``."""

        def is_finished(job: EvaluationJob) -> bool:
            return job.finished_at is not None

        for job in finished_beyond(self._jobs.values(), self._keep, is_finished):
            del self._jobs[job.id]
            self._files.delete(job.id)

    async def _run(
        self,
        job_id: str,
        texts: list[str],
        labels: list[int],
        language: Language | None,
    ) -> None:
        self._update(job_id, status="running")
        try:
            result = await self._evaluate(job_id, texts, labels, language)
        except LabError as exc:
            self._update(job_id, status="failed", error=str(exc), finished_at=_now())
        except Exception as exc:  # a job must never take the service down
            logger.exception("evaluation.failed", extra={"evaluation_id": job_id})
            self._update(job_id, status="failed", error=repr(exc), finished_at=_now())
        else:
            self._update(
                job_id,
                status="succeeded",
                progress=1.0,
                result=result,
                finished_at=_now(),
            )
        self._prune()

    async def _evaluate(
        self,
        job_id: str,
        texts: list[str],
        labels: list[int],
        hint: Language | None,
    ) -> EvaluationResult:
        truth = [LABELS[label] for label in labels]
        languages = [hint or detect_language(text) for text in texts]
        lstm_labels, lstm_ms = [], []
        for text, language in zip(texts, languages, strict=True):
            # One at a time: the latency a single request sees.
            started = time.perf_counter()
            [prediction] = await run_in_threadpool(
                predict, self._models, [text], language
            )
            lstm_ms.append((time.perf_counter() - started) * 1000)
            lstm_labels.append(prediction.label)
        done = 0

        async def judge(text: str, language: Language) -> MistralVerdict | None:
            nonlocal done
            try:
                return await self._judge.judge(text, language)
            except LabError as exc:
                logger.warning("evaluation.mistral_failed", extra={"reason": str(exc)})
                return None
            finally:
                done += 1
                self._update(job_id, progress=done / len(texts))

        verdicts = await asyncio.gather(
            *(judge(text, lang) for text, lang in zip(texts, languages, strict=True))
        )
        return summarize_evaluation(texts, truth, lstm_labels, lstm_ms, verdicts)
