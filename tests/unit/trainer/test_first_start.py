"""First start: the default models are ordinary jobs, queued once, waited for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

from lab_common.job_messages import job_error
from lab_common.jobs import (
    TRAIN_MODEL_TASK,
    EpochMetrics,
    JobStatus,
    TrainingJobSpec,
)
from lab_common.registry import (
    MODEL_FILENAME,
    SERVED_SENTIMENT_MODEL_EN,
    SERVED_SENTIMENT_MODEL_FR,
    SERVED_VISION_MODEL,
    DatasetRef,
    ModelMetadata,
    ModelRegistry,
)
from lab_common.store import JobStore, upgrade_database
from lab_common.text.vectors import VECTOR_SOURCES, WordVectors
from lab_trainer.architectures import build_image_model, build_text_model
from lab_trainer.first_start import (
    DEFAULT_SPECS,
    DIGITS_SPEC,
    FIRST_START_OWNER,
    SENTIMENT_EN_SPEC,
    SENTIMENT_FR_SPEC,
    queue_default_jobs,
    wait_for_jobs,
)
from lab_trainer.models.images import build_digits_cnn
from lab_trainer.models.texts import build_sentiment_lstm
from lab_trainer.settings import Settings
from tests.unit.trainer.factories import make_settings


class RecordingCelery:
    """Stands for the producer: records each message instead of sending it."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send_task(self, name: str, **options: Any) -> None:
        self.sent.append({"name": name, **options})


def write_tiny_model(folder: Path) -> None:
    model = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    model.save(folder / MODEL_FILENAME)


def put_in_production(registry: ModelRegistry, name: str) -> None:
    metadata = ModelMetadata(
        name=name,
        task="image-classification",
        class_names=[str(digit) for digit in range(10)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={"train": 4000, "test": 1000}),
        duration_seconds=0.1,
    )
    stored = registry.register(metadata, write_tiny_model)
    registry.promote(name, stored.version, actor="test")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """No course data and no mirror: the sentiment models cannot train."""
    settings = make_settings(tmp_path).model_copy(
        update={"data_dir": tmp_path / "no-data", "dataset_mirror_url": None}
    )
    upgrade_database(settings.database_url)
    return settings


@pytest.fixture
def registry(settings: Settings) -> ModelRegistry:
    return ModelRegistry(settings.models_dir)


def test_default_specs_are_the_served_models_promoted() -> None:
    assert list(DEFAULT_SPECS) == [
        SERVED_VISION_MODEL,
        SERVED_SENTIMENT_MODEL_FR,
        SERVED_SENTIMENT_MODEL_EN,
    ]
    assert all(spec.promote for spec in DEFAULT_SPECS.values())


@pytest.mark.parametrize("name", sorted(DEFAULT_SPECS))
def test_default_spec_survives_the_job_store_round_trip(name: str) -> None:
    spec = DEFAULT_SPECS[name]

    stored = TrainingJobSpec.model_validate(spec.model_dump(mode="json"))

    assert stored == spec


def test_digits_spec_is_the_measured_recipe() -> None:
    spec = DIGITS_SPEC

    assert (spec.epochs, spec.batch_size, spec.learning_rate) == (8, 64, 3e-3)
    assert (spec.optimizer, spec.augment, spec.seed) == ("adamw", True, 1)
    assert spec.validation_share == 0  # every training image trains
    assert spec.early_stopping_patience is None


def test_sentiment_specs_are_the_measured_recipes() -> None:
    french, english = SENTIMENT_FR_SPEC, SENTIMENT_EN_SPEC

    assert (french.dataset, french.extra_train_datasets) == (
        "allocine",
        ["allocine-tv"],
    )
    assert (french.embedding, french.fine_tune_embedding) == ("fr-fasttext-300", False)
    assert (french.epochs, french.batch_size, french.learning_rate) == (8, 32, 2e-3)
    assert french.early_stopping_patience == 3
    assert (english.dataset, english.extra_train_datasets) == ("sst2", [])
    assert (english.embedding, english.fine_tune_embedding) == ("en-glove-50", True)
    assert (english.epochs, english.batch_size, english.learning_rate) == (3, 64, 1e-3)
    assert english.early_stopping_patience == 1
    for spec in (french, english):
        assert spec.early_stopping_metric == "accuracy"
        assert (spec.dropout, spec.seed, spec.optimizer) == (0.3, 1, "adam")


def layer_configs(model: keras.Model) -> list[dict[str, Any]]:
    """Every layer's config, without the names Keras numbers per process
    (the LSTMs inside ``Bidirectional``: forward_lstm, forward_lstm_1, ...)."""
    configs = []
    for layer in model.layers:
        config = layer.get_config()
        config.pop("vocabulary", None)
        for inner in ("layer", "backward_layer"):
            if inner in config:
                config[inner]["config"].pop("name")
        configs.append({"class": type(layer).__name__, **config})
    return configs


def test_digits_spec_builds_the_recipe_cnn() -> None:
    built = build_image_model(DIGITS_SPEC, (28, 28, 1), 10)

    assert layer_configs(built) == layer_configs(build_digits_cnn((28, 28, 1), 10))


def tiny_vectors(source_id: str) -> WordVectors:
    source = VECTOR_SOURCES[source_id]
    words = ["good", "bad", "film", "bon", "mauvais"]
    matrix = np.random.default_rng(0).normal(size=(len(words), source.dimensions))
    rows = {word: row for row, word in enumerate(words)}
    return WordVectors(source, matrix.astype("float32"), rows.get)


@pytest.mark.parametrize("spec", [SENTIMENT_FR_SPEC, SENTIMENT_EN_SPEC])
def test_sentiment_spec_builds_the_recipe_bilstm(spec: TrainingJobSpec) -> None:
    texts = ["a good film", "a bad film", "un bon film", "un mauvais film"]
    vectors = tiny_vectors(spec.embedding or "")

    built = build_text_model(spec, texts, 2, vectors)
    recipe = build_sentiment_lstm(
        texts,
        None,
        name=spec.resolved_model_name,
        vectors=vectors,
        fine_tune_vectors=spec.fine_tune_embedding,
        seed=1,
    )

    assert layer_configs(built) == layer_configs(recipe)
    embedding = built.get_layer("embedding")
    assert embedding.trainable is spec.fine_tune_embedding


def test_first_start_queues_a_job_per_missing_model_and_skips_absent_data(
    registry: ModelRegistry, store: JobStore, settings: Settings
) -> None:
    celery, said = RecordingCelery(), []

    jobs = queue_default_jobs(registry, store, celery, settings, said.append)  # type: ignore[arg-type]

    assert [job.spec for job in jobs] == [DIGITS_SPEC]  # no course data here
    assert jobs[0].owner == FIRST_START_OWNER
    assert store.get_job(jobs[0].id).status == JobStatus.QUEUED
    assert [(m["name"], m["task_id"]) for m in celery.sent] == [
        (TRAIN_MODEL_TASK, jobs[0].id)
    ]
    assert sum("skipped, no data" in line for line in said) == 2


def test_first_start_leaves_a_model_in_production_alone(
    registry: ModelRegistry, store: JobStore, settings: Settings
) -> None:
    put_in_production(registry, SERVED_VISION_MODEL)
    celery = RecordingCelery()

    jobs = queue_default_jobs(registry, store, celery, settings, lambda line: None)  # type: ignore[arg-type]

    assert jobs == []
    assert celery.sent == []
    assert registry.list_versions(SERVED_VISION_MODEL) == ["1"]
    assert len(registry.alias_history(SERVED_VISION_MODEL)) == 1


def test_first_start_replaces_the_job_an_interrupted_start_left_queued(
    registry: ModelRegistry, store: JobStore, settings: Settings
) -> None:
    celery = RecordingCelery()
    first = queue_default_jobs(registry, store, celery, settings, lambda line: None)  # type: ignore[arg-type]

    again = queue_default_jobs(registry, store, celery, settings, lambda line: None)  # type: ignore[arg-type]

    assert [job.id for job in again] != [job.id for job in first]
    assert store.get_job(first[0].id).status == JobStatus.CANCELLED
    assert store.get_job(again[0].id).status == JobStatus.QUEUED
    assert len(celery.sent) == 2


def test_wait_for_jobs_reports_each_epoch_and_the_failure(store: JobStore) -> None:
    job = store.create_job(DIGITS_SPEC, FIRST_START_OWNER)
    store.start_attempt(job.id, "worker-1")
    epoch = EpochMetrics(epoch=1, metrics={"loss": 0.5, "accuracy": 0.9}, seconds=1)
    store.record_progress(
        job.id, kind="epoch", data={}, progress=0.1, eta_seconds=None, epoch=epoch
    )
    store.finish(job.id, JobStatus.FAILED, error=job_error("out-of-memory"))
    said: list[str] = []

    ended = wait_for_jobs(store, [job], 5, said.append, poll_seconds=0)

    assert [job.status for job in ended] == [JobStatus.FAILED]
    assert said[0].startswith("digits : époque / epoch 1/8 (accuracy 0.900")
    assert said[1].startswith("digits : failed — ")
