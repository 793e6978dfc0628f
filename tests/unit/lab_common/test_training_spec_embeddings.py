"""TrainingJobSpec.embedding: bilstm-pretrained only, the dataset language's by
default, and the vectors in the default model name when they are not those."""

from __future__ import annotations

from typing import get_args

import numpy as np
import pytest
from pydantic import ValidationError

from lab_common.jobs import ARCHITECTURES, Embedding, TrainingJobSpec
from lab_common.messages import render
from lab_common.text.languages import guess_language
from lab_common.text.vectors import (
    EMBEDDING_CHOICES,
    VECTOR_SOURCES,
    WordVectors,
    default_embedding,
    text_coverage,
)


def _spec(**changes: object) -> TrainingJobSpec:
    values: dict[str, object] = {
        "task": "text-classification",
        "dataset": "allocine",
        "architecture": "bilstm-pretrained",
        **changes,
    }
    return TrainingJobSpec.model_validate(values)


def test_embedding_values_are_the_vector_sources_and_random() -> None:
    assert get_args(Embedding) == EMBEDDING_CHOICES
    assert ARCHITECTURES["bilstm-pretrained"].embeddings == list(EMBEDDING_CHOICES)


@pytest.mark.parametrize(
    ("dataset", "embedding"),
    [
        ("allocine", "fr-fasttext-300"),
        ("allocine-tv", "fr-fasttext-300"),
        ("sst2", "en-glove-50"),
    ],
)
def test_embedding_defaults_to_the_vectors_of_the_dataset_language(
    dataset: str, embedding: str
) -> None:
    spec = _spec(dataset=dataset)

    assert spec.embedding == embedding
    assert spec.resolved_model_name == f"{dataset}-bilstm-pretrained"


def test_embedding_of_an_upload_is_left_to_the_trainer() -> None:
    spec = _spec(dataset="my-reviews")

    assert spec.embedding is None
    assert spec.resolved_model_name == "my-reviews-bilstm-pretrained"


@pytest.mark.parametrize(
    ("dataset", "embedding", "name"),
    [
        ("allocine", "random", "allocine-bilstm-pretrained-random"),
        ("sst2", "fr-fasttext-300", "sst2-bilstm-pretrained-fr-fasttext-300"),
        ("my-reviews", "en-glove-50", "my-reviews-bilstm-pretrained-en-glove-50"),
    ],
)
def test_default_model_name_tells_other_vectors_apart(
    dataset: str, embedding: str, name: str
) -> None:
    spec = _spec(dataset=dataset, embedding=embedding)

    assert spec.resolved_model_name == name
    assert spec.default_model_name("blue") == f"blue-{name}"


def test_other_language_vectors_are_accepted() -> None:
    assert _spec(dataset="sst2", embedding="fr-fasttext-300").embedding == (
        "fr-fasttext-300"
    )


@pytest.mark.parametrize("architecture", ["bilstm", "embedding-bag"])
def test_embedding_with_another_architecture_is_refused(architecture: str) -> None:
    with pytest.raises(ValidationError) as refused:
        _spec(architecture=architecture, embedding="random")

    [error] = refused.value.errors()
    assert error["type"] == "embedding_needs_pretrained_architecture"
    assert error["loc"] == ("embedding",)
    french = render(f"validation.{error['type']}", error["ctx"], "fr")
    assert french.startswith("embedding (les vecteurs de mots) ne s'applique qu'à")
    assert f"«\u00a0{architecture}\u00a0»" in french


def test_unknown_embedding_is_refused_with_the_choices() -> None:
    with pytest.raises(ValidationError) as refused:
        _spec(embedding="word2vec")

    assert refused.value.errors()[0]["type"] == "literal_error"


def test_a_stored_spec_reads_back_the_same() -> None:
    spec = _spec(dataset="sst2", embedding="random")

    assert TrainingJobSpec.model_validate(spec.model_dump(mode="json")) == spec


def test_default_embedding_per_language_falls_back_to_french() -> None:
    assert default_embedding("en") == "en-glove-50"
    assert default_embedding("fr") == "fr-fasttext-300"
    assert default_embedding(None) == "fr-fasttext-300"
    assert default_embedding("de") == "fr-fasttext-300"


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (["the film was great and the actors were good"] * 3, "en"),
        (["le film était très bien, les acteurs aussi", "un navet"], "fr"),
        (["12345", "!!!"], None),
    ],
)
def test_guess_language_reads_a_collection_of_texts(
    texts: list[str], language: str | None
) -> None:
    assert guess_language(texts) == language


def test_text_coverage_counts_word_occurrences_with_a_vector() -> None:
    rows = {"good": 0, "film": 1}
    vectors = WordVectors(VECTOR_SOURCES["en-glove-50"], np.zeros((2, 50)), rows.get)

    coverage = text_coverage(["A good film!", "good zorblax"], vectors)

    assert coverage == pytest.approx(3 / 5)
