"""The word vectors a ``bilstm-pretrained`` job starts from, and what it says of them.

The spec names them, or its validation filled in those of the dataset's
language; an upload states no language, so its texts tell it. Vectors of
another language than the texts' are allowed (a comparison worth making): the
log warns, with the share of the words they cover. A missing vector package
fails the job (``VectorsMissing`` says what to install); serving never needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lab_common.job_messages import JobMessage, job_log
from lab_common.jobs import PRETRAINED_BILSTM, TrainingJobSpec, dataset_language
from lab_common.text.languages import guess_language
from lab_common.text.vectors import (
    RANDOM,
    WordVectors,
    default_embedding,
    load_vectors,
    text_coverage,
)


@dataclass(frozen=True)
class ChosenEmbedding:
    """Vectors to start from (None: random, learned) and what the job records."""

    id: str
    vectors: WordVectors | None
    messages: list[JobMessage] = field(default_factory=list)
    # Goes into the version's training_config (the Models page shows it).
    config: dict[str, Any] = field(default_factory=dict)


def _default_choice(language: str | None) -> tuple[str, JobMessage]:
    embedding = default_embedding(language)
    if language is None:
        return embedding, job_log("embedding_language_unknown", embedding=embedding)
    return embedding, job_log(
        "embedding_from_texts", language=language, embedding=embedding
    )


def choose_embedding(
    spec: TrainingJobSpec, train_texts: list[str]
) -> ChosenEmbedding | None:
    """The embedding of a ``bilstm-pretrained`` job; None for other architectures."""
    if spec.architecture != PRETRAINED_BILSTM:
        return None
    language = dataset_language(spec.dataset) or guess_language(train_texts)
    messages: list[JobMessage] = []
    embedding = spec.embedding
    if embedding is None:
        embedding, said = _default_choice(language)
        messages.append(said)
    config: dict[str, Any] = {"embedding": embedding, "texts_language": language}
    if embedding == RANDOM:
        messages.append(job_log("embedding_random"))
        return ChosenEmbedding(embedding, None, messages, config)
    vectors = load_vectors(embedding)  # VectorsMissing: the job fails, saying why
    coverage = text_coverage(train_texts, vectors)
    percent = round(100 * coverage, 1)
    messages.append(job_log("embedding_vectors", embedding=embedding, coverage=percent))
    if language is not None and vectors.source.language != language:
        messages.append(
            job_log(
                "embedding_language_mismatch",
                vectors_language=vectors.source.language,
                language=language,
                coverage=percent,
                suggested=default_embedding(language),
            )
        )
    config["embedding_coverage"] = round(coverage, 4)
    return ChosenEmbedding(embedding, vectors, messages, config)
