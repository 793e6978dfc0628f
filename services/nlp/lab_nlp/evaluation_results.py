"""What an LSTM-vs-Mistral evaluation found: accuracies, agreement, latency
percentiles, token usage and every disagreement, from the per-text answers."""

from __future__ import annotations

from pydantic import BaseModel, Field

from lab_common.text.schemas import MistralVerdict, SentimentLabel

LABELS: tuple[SentimentLabel, SentimentLabel] = ("negative", "positive")


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


def summarize_evaluation(
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
