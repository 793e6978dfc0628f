"""LSTM vs Mistral on a labelled sample: accuracy of both, their agreement,
latency percentiles, Mistral's token usage and every disagreement.

A job runs as an asyncio task of the service (Mistral calls are I/O; the LSTM
runs in a worker thread). Jobs are kept in memory: a restart forgets them, and
the same request can simply be sent again.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from lab_common.problems import LabError
from lab_common.text.datasets import ensure_files, get_entry, load_split
from lab_common.text.schemas import Language, MistralVerdict, SentimentLabel
from lab_nlp.inference import predict
from lab_nlp.mistral import MistralJudge
from lab_nlp.model_store import SentimentModels

logger = logging.getLogger(__name__)

MAX_SAMPLE_SIZE = 500
LABELS: tuple[SentimentLabel, SentimentLabel] = ("negative", "positive")


class EvaluationNotFound(LabError):
    status = 404
    type = "/problems/evaluation-not-found"
    title = "Evaluation not found"


class EvaluationRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset: str = Field(description="A text dataset id: sst2, allocine, allocine-tv.")
    split: Literal["test", "validation"] = "test"
    sample_size: int = Field(default=50, ge=1, le=MAX_SAMPLE_SIZE)
    seed: int = 0


class LatencySummary(BaseModel):
    p50_ms: float
    p90_ms: float
    p99_ms: float


class Disagreement(BaseModel):
    text: str
    true_label: SentimentLabel
    lstm: SentimentLabel
    mistral: SentimentLabel
    mistral_rationale: str


class EvaluationResult(BaseModel):
    examples: int
    mistral_failures: int = Field(description="Texts Mistral could not judge.")
    lstm_accuracy: float
    mistral_accuracy: float | None
    agreement: float | None
    agreement_matrix: dict[str, dict[str, int]] = Field(
        description="LSTM label -> Mistral label -> count (judged texts only)."
    )
    lstm_latency: LatencySummary
    mistral_latency: LatencySummary | None
    mistral_prompt_tokens: int
    mistral_completion_tokens: int
    disagreements: list[Disagreement]


class EvaluationJob(BaseModel):
    id: str
    request: EvaluationRequest
    status: Literal["queued", "running", "succeeded", "failed"] = "queued"
    progress: float = 0.0
    error: str | None = None
    created_at: datetime
    finished_at: datetime | None = None
    result: EvaluationResult | None = None


def _percentile(sorted_values: list[float], percent: float) -> float:
    rank = max(1, round(percent / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def summarize_latency(milliseconds: list[float]) -> LatencySummary:
    ordered = sorted(milliseconds)
    return LatencySummary(
        p50_ms=_percentile(ordered, 50),
        p90_ms=_percentile(ordered, 90),
        p99_ms=_percentile(ordered, 99),
    )


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
    ) -> None:
        self._models = models
        self._judge = judge
        self._data_dir = data_dir
        self._mirror_url = mirror_url
        self._jobs: dict[str, EvaluationJob] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, request: EvaluationRequest) -> EvaluationJob:
        """Check what can be checked now (dataset, key), then start the job."""
        entry = get_entry(request.dataset)
        ensure_files(entry, self._data_dir, self._mirror_url)
        self._judge.require_configured()
        job = EvaluationJob(
            id=uuid.uuid4().hex, request=request, created_at=datetime.now(UTC)
        )
        self._jobs[job.id] = job
        task = asyncio.create_task(self._run(job.id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return job

    def get(self, job_id: str) -> EvaluationJob:
        job = self._jobs.get(job_id)
        if job is None:
            raise EvaluationNotFound(f"No evaluation '{job_id}' (kept in memory).")
        return job

    def _update(self, job_id: str, **changes: object) -> None:
        self._jobs[job_id] = self._jobs[job_id].model_copy(update=changes)

    async def _run(self, job_id: str) -> None:
        self._update(job_id, status="running")
        try:
            result = await self._evaluate(job_id, self._jobs[job_id].request)
        except LabError as exc:
            self._update(
                job_id, status="failed", error=exc.detail, finished_at=datetime.now(UTC)
            )
            return
        except Exception as exc:  # a job must never take the service down
            logger.exception("evaluation.failed", extra={"evaluation_id": job_id})
            self._update(
                job_id, status="failed", error=repr(exc), finished_at=datetime.now(UTC)
            )
            return
        self._update(
            job_id,
            status="succeeded",
            progress=1.0,
            result=result,
            finished_at=datetime.now(UTC),
        )

    async def _evaluate(
        self, job_id: str, request: EvaluationRequest
    ) -> EvaluationResult:
        entry = get_entry(request.dataset)
        data = load_split(entry, request.split, self._data_dir or Path())
        rows = sample(len(data.texts), request.sample_size, request.seed)
        language: Language = "fr" if entry.language == "fr" else "en"
        texts = [data.texts[row] for row in rows]
        truth = [LABELS[data.labels[row]] for row in rows]
        lstm_labels, lstm_ms = [], []
        for text in texts:  # one at a time: the latency a single request sees
            started = time.perf_counter()
            [prediction] = await run_in_threadpool(
                predict, self._models, [text], language
            )
            lstm_ms.append((time.perf_counter() - started) * 1000)
            lstm_labels.append(prediction.label)
        done = 0

        async def judge(text: str) -> MistralVerdict | None:
            nonlocal done
            try:
                return await self._judge.judge(text, language)
            except LabError as exc:
                logger.warning(
                    "evaluation.mistral_failed", extra={"reason": exc.detail}
                )
                return None
            finally:
                done += 1
                self._update(job_id, progress=done / len(texts))

        verdicts = await asyncio.gather(*(judge(text) for text in texts))
        return _summarize(texts, truth, lstm_labels, lstm_ms, verdicts)


def _summarize(
    texts: list[str],
    truth: list[SentimentLabel],
    lstm: list[SentimentLabel],
    lstm_ms: list[float],
    verdicts: list[MistralVerdict | None],
) -> EvaluationResult:
    judged = [i for i, verdict in enumerate(verdicts) if verdict is not None]
    matrix = {a: dict.fromkeys(LABELS, 0) for a in LABELS}
    disagreements = []
    for i in judged:
        verdict = verdicts[i]
        assert verdict is not None
        matrix[lstm[i]][verdict.label] += 1
        if verdict.label != lstm[i]:
            disagreements.append(
                Disagreement(
                    text=texts[i],
                    true_label=truth[i],
                    lstm=lstm[i],
                    mistral=verdict.label,
                    mistral_rationale=verdict.rationale,
                )
            )
    mistral = [v for v in verdicts if v is not None]

    def accuracy(labels: list[SentimentLabel], rows: list[int]) -> float:
        return sum(labels[i] == truth[i] for i in rows) / len(rows)

    mistral_labels = [v.label if v else "negative" for v in verdicts]
    return EvaluationResult(
        examples=len(texts),
        mistral_failures=len(texts) - len(judged),
        lstm_accuracy=accuracy(lstm, list(range(len(texts)))),
        mistral_accuracy=accuracy(mistral_labels, judged) if judged else None,
        agreement=(len(judged) - len(disagreements)) / len(judged) if judged else None,
        agreement_matrix=matrix,
        lstm_latency=summarize_latency(lstm_ms),
        mistral_latency=summarize_latency([v.latency_ms for v in mistral])
        if mistral
        else None,
        mistral_prompt_tokens=sum(v.usage.prompt_tokens for v in mistral if v.usage),
        mistral_completion_tokens=sum(
            v.usage.completion_tokens for v in mistral if v.usage
        ),
        disagreements=disagreements,
    )
