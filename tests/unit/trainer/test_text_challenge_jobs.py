"""sentiment-faible from the trainer's side: a job's data, scoring a text model."""

from __future__ import annotations

import dataclasses

import keras
import pytest

from lab_common.challenges.data import draw_splits, hidden_split, pool_of
from lab_common.challenges.templates import TEMPLATES
from lab_common.datasets.catalogue import load_text_dataset
from lab_common.datasets.texts import TextTrainingData, comparable_text
from lab_common.jobs import JobStatus
from lab_common.registry import MODEL_FILENAME, DatasetRef, ModelMetadata, ModelRegistry
from lab_common.store import ChallengeStore, JobStore, connect_database
from lab_trainer.models.texts import build_embedding_bag
from lab_trainer.scoring import score_submission
from lab_trainer.settings import Settings
from lab_trainer.training.data import load_challenge_data
from tests.conftest import course_data_dir

CHALLENGE_ID = "d" * 32
TEMPLATE = TEMPLATES["sentiment-faible"]
SEED = 7


@pytest.fixture(scope="module")
def allocine() -> TextTrainingData:
    return load_text_dataset("allocine", course_data_dir(), None)


@pytest.fixture
def text_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"data_dir": course_data_dir()})


@pytest.fixture
def challenges(text_settings: Settings, allocine: TextTrainingData) -> ChallengeStore:
    store = ChallengeStore(connect_database(text_settings.database_url))
    store.create_challenge(
        challenge_id=CHALLENGE_ID,
        template=TEMPLATE.id,
        title="Défi",
        dataset="allocine",
        quota=10,
        allow_external=False,
        seed=SEED,
        manifest=draw_splits(TEMPLATE, pool_of(allocine)[1], SEED).manifest(),
        created_by="admin",
    )
    store.advance(CHALLENGE_ID, "open")
    return store


def hidden_words(allocine: TextTrainingData) -> set[str]:
    splits = draw_splits(TEMPLATE, pool_of(allocine)[1], SEED)
    return {
        comparable_text(text)
        for name in ("public", "private")
        for text in hidden_split(allocine, splits, name)[0].tolist()
    }


def test_a_text_challenge_job_reads_train_and_validation_only(
    text_settings: Settings,
    store: JobStore,
    challenges: ChallengeStore,
    allocine: TextTrainingData,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # allocine-tv's reviews may join the training texts, never a hidden one.
    spec = TEMPLATE.baseline_spec(CHALLENGE_ID, "red-sentiment")
    spec = spec.model_copy(update={"extra_train_datasets": ["allocine-tv"]})
    tv = load_text_dataset("allocine-tv", course_data_dir(), None)
    planted = allocine.test.texts[:1] if allocine.test else []

    def loader(spec, data_dir, datasets_dir):  # type: ignore[no-untyped-def]
        assert not spec.extra_train_datasets  # the pool is the dataset's own
        return load_text_dataset(spec.dataset, data_dir, datasets_dir)

    def planted_tv(dataset_id, data_dir, datasets_dir, **_):  # type: ignore[no-untyped-def]
        data = load_text_dataset(dataset_id, data_dir, datasets_dir)
        if dataset_id != "allocine-tv":
            return data
        train = dataclasses.replace(
            data.train, texts=data.train.texts + planted, labels=data.train.labels + [1]
        )
        return dataclasses.replace(data, train=train)

    monkeypatch.setattr("lab_trainer.training.data.load_text_dataset", planted_tv)
    data = load_challenge_data(
        spec, course_data_dir(), text_settings.datasets_dir, store.engine, loader
    )

    assert isinstance(data, TextTrainingData) and data.validation is not None
    hidden = hidden_words(allocine)
    seen = {comparable_text(t) for t in data.train.texts + data.validation.texts}
    assert len(data.validation.texts) == 300
    assert len(data.train.texts) >= len(pool_of(allocine)[1]) - 1500 + len(
        tv.train.texts
    )
    assert not seen & hidden
    assert planted and comparable_text(planted[0]) in hidden


def finished_text_job(store: JobStore, settings: Settings, texts: list[str]) -> str:
    spec = TEMPLATE.baseline_spec(CHALLENGE_ID, "red-sentiment")
    job = store.create_job(spec, owner="team:red")
    keras.utils.set_random_seed(1)
    model = build_embedding_bag(texts, None, name="red-sentiment")
    metadata = ModelMetadata(
        name="red-sentiment",
        task="text-classification",
        class_names=["negative", "positive"],
        input_shape=[],
        dataset=DatasetRef(id="allocine", splits={"train": len(texts)}),
        training_config=spec.model_dump(mode="json"),
        duration_seconds=1.0,
        owner="team:red",
        job_id=job.id,
    )
    stored = ModelRegistry(settings.models_dir).register(
        metadata, lambda folder: model.save(folder / MODEL_FILENAME)
    )
    store.start_attempt(job.id, worker="w")
    store.finish(
        job.id,
        JobStatus.SUCCEEDED,
        model_name="red-sentiment",
        model_version=stored.version,
    )
    return job.id


def test_scoring_a_text_model_stores_aggregates_of_both_hidden_splits(
    text_settings: Settings,
    store: JobStore,
    challenges: ChallengeStore,
    allocine: TextTrainingData,
) -> None:
    job_id = finished_text_job(store, text_settings, allocine.train.texts[:200])
    submission = challenges.add_submission(
        CHALLENGE_ID, team="red", job_id=job_id, note="plus d'époques"
    )
    assert submission is not None

    status = score_submission(submission.id, text_settings)

    scored = challenges.get_submission(submission.id)
    assert status == "scored", scored.error
    assert (scored.public_examples, scored.private_examples) == (400, 800)
    assert 0.0 <= (scored.public_score or -1) <= 1.0
    assert 0.0 <= (scored.private_score or -1) <= 1.0
    assert scored.architecture == "embedding-bag"
    assert (scored.parameters or 0) > 0
    assert (scored.latency_ms_per_image or 0) > 0  # per text here
    assert score_submission(submission.id, text_settings) == "scored"  # idempotent
    assert challenges.get_submission(submission.id) == scored
