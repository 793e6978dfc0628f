"""run_training_job without Celery: a SQLite job store and a registry in tmp_path.

Training runs on 300 mnist-5k digits or a few dozen sentences, for 1-2 epochs.
Redis is unreachable throughout: wake-ups fail and the jobs must not care.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import keras
import numpy as np
import pytest
import tensorflow as tf
from celery.exceptions import SoftTimeLimitExceeded
from sqlalchemy import update

from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import validation_rows
from lab_common.datasets.texts import TextTrainingData
from lab_common.jobs import JobStatus
from lab_common.registry import MODEL_FILENAME, ModelRegistry
from lab_common.store import JobStore, connect_database, upgrade_database
from lab_common.store.database import training_jobs
from lab_common.text.models import load_sentiment_model
from lab_trainer.settings import Settings
from lab_trainer.training.image_pipeline import to_model_inputs
from lab_trainer.training.runner import (
    MAX_ERROR_CHARACTERS,
    describe_failure,
    run_training_job,
)
from tests.unit.trainer.factories import (
    image_spec,
    loader_of,
    make_settings,
    make_tiny_digits,
    text_spec,
)

OWNER = "team:blue"


@dataclass(frozen=True)
class FinishedJob:
    job_id: str
    status: JobStatus | None
    store: JobStore
    registry: ModelRegistry
    settings: Settings


def run_job(
    settings: Settings, store: JobStore, spec: Any, data: object
) -> FinishedJob:
    job = store.create_job(spec, owner=OWNER)
    status = run_training_job(
        job.id, settings, "test-worker", load_data=loader_of(data)
    )
    return FinishedJob(
        job.id, status, store, ModelRegistry(settings.models_dir), settings
    )


def kinds(finished: FinishedJob) -> list[str]:
    """Event kinds, transitions spelled out, log lines left out."""
    return [
        f"status:{event.data['status']}" if event.kind == "status" else event.kind
        for event in finished.store.events_since(finished.job_id)
        if event.kind != "log"
    ]


@pytest.fixture(scope="module")
def digits_job(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FinishedJob]:
    """tiny-cnn, 2 epochs of 9 batches (270 images), a batch event every 3."""
    settings = make_settings(tmp_path_factory.mktemp("digits-job"))
    upgrade_database(settings.database_url)
    engine = connect_database(settings.database_url)
    yield run_job(settings, JobStore(engine), image_spec(), make_tiny_digits())
    engine.dispose()


def test_run_training_job_succeeds_with_version_1(digits_job: FinishedJob) -> None:
    job = digits_job.store.get_job(digits_job.job_id)

    assert (digits_job.status, job.status) == (JobStatus.SUCCEEDED, JobStatus.SUCCEEDED)
    assert (job.model_name, job.model_version) == ("mnist-5k-tiny-cnn", "1")
    assert digits_job.registry.list_versions("mnist-5k-tiny-cnn") == ["1"]


def test_run_training_job_records_events_in_order(digits_job: FinishedJob) -> None:
    epoch = ["batch", "batch", "batch", "epoch"]

    assert kinds(digits_job) == [
        "status:queued",
        "status:running",
        "batch",  # the first batch, reported at once
        *epoch,
        *epoch,
        "status:succeeded",
    ]


def test_run_training_job_batch_events_carry_progress(digits_job: FinishedJob) -> None:
    batches = [
        e.data
        for e in digits_job.store.events_since(digits_job.job_id)
        if e.kind == "batch"
    ]

    assert [(b["epoch"], b["batch"]) for b in batches] == [
        (1, 1), (1, 3), (1, 6), (1, 9), (2, 3), (2, 6), (2, 9),
    ]  # fmt: skip
    assert [b["progress"] for b in batches] == pytest.approx(
        [1 / 18, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1.0], abs=1e-3
    )
    assert all(math.isfinite(b["loss"]) and b["eta_seconds"] >= 0 for b in batches)


def test_run_training_job_keeps_the_history_and_test_metrics(
    digits_job: FinishedJob,
) -> None:
    job = digits_job.store.get_job(digits_job.job_id)

    assert [e.epoch for e in job.history] == [1, 2]
    assert {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(
        job.history[0].metrics
    )
    assert set(job.test_metrics) == {"accuracy", "loss", "examples_per_second"}
    assert job.test_metrics["examples_per_second"] > 0
    assert job.progress == 1.0


def test_run_training_job_registers_metadata(digits_job: FinishedJob) -> None:
    metadata = digits_job.registry.get_metadata("mnist-5k-tiny-cnn", "1")

    assert (metadata.owner, metadata.job_id) == (OWNER, digits_job.job_id)
    assert metadata.task == "image-classification"
    assert metadata.class_names == [str(digit) for digit in range(10)]
    assert metadata.input_shape == [28, 28, 1]
    assert metadata.dataset.id == "mnist-5k"
    assert metadata.dataset.splits == {"train": 270, "validation": 30, "test": 100}
    assert {"test_accuracy", "test_loss", "validation_accuracy"} <= set(
        metadata.metrics
    )
    assert metadata.training_config["architecture"] == "tiny-cnn"
    assert metadata.training_config["images_per_second"] > 0
    assert metadata.training_config["fit_seconds"] > 0


def test_run_training_job_stores_the_validation_confusion_counts(
    digits_job: FinishedJob,
) -> None:
    metadata = digits_job.registry.get_metadata("mnist-5k-tiny-cnn", "1")

    counts = np.array(metadata.validation_confusion)
    assert counts.shape == (10, 10)
    assert counts.sum() == 30  # one prediction per validation image


def test_run_training_job_keeps_the_positions_of_confused_validation_images(
    digits_job: FinishedJob,
) -> None:
    metadata = digits_job.registry.get_metadata("mnist-5k-tiny-cnn", "1")
    data, spec = make_tiny_digits(), image_spec()
    _, rows = validation_rows(len(data.y_train), spec.validation_share, spec.seed)
    pixels, _ = to_model_inputs(data.x_train[rows], data.y_train[rows], 10)
    model = keras.models.load_model(
        digits_job.registry.model_path("mnist-5k-tiny-cnn", "1")
    )
    scores = model.predict(pixels, verbose=0)

    cells = metadata.validation_confused
    assert cells is not None
    counts = np.array(metadata.validation_confusion)
    for cell in cells:
        assert len(cell.positions) == min(
            counts[cell.true_class, cell.predicted_class], 12
        )
    assert sum(counts[c.true_class, c.predicted_class] for c in cells) == (
        counts.sum() - counts.trace()
    )
    for cell in cells:
        for position, probability in zip(
            cell.positions, cell.probabilities, strict=True
        ):
            assert data.y_train[rows][position] == cell.true_class
            assert scores[position].argmax() == cell.predicted_class
            assert scores[position, cell.predicted_class] == pytest.approx(
                probability, abs=1e-3
            )


def test_a_job_without_validation_stores_no_confusion_counts(
    settings: Settings, store: JobStore
) -> None:
    spec = image_spec(epochs=1, validation_share=0)

    finished = run_job(settings, store, spec, make_tiny_digits())

    metadata = finished.registry.get_metadata("mnist-5k-tiny-cnn", "1")
    assert "validation" not in metadata.dataset.splits
    assert metadata.validation_confusion is None


def test_run_training_job_saves_a_loadable_model(digits_job: FinishedJob) -> None:
    path = digits_job.registry.model_path("mnist-5k-tiny-cnn", "1")

    model = keras.saving.load_model(path)

    assert model.predict(np.zeros((1, 28, 28, 1)), verbose=0).shape == (1, 10)


def test_run_training_job_does_not_promote_unless_asked(
    digits_job: FinishedJob,
) -> None:
    assert digits_job.registry.production_version("mnist-5k-tiny-cnn") is None


def test_run_training_job_leaves_a_finished_job_alone(digits_job: FinishedJob) -> None:
    events_before = digits_job.store.events_since(digits_job.job_id)

    status = run_training_job(
        digits_job.job_id,
        digits_job.settings,
        "another-worker",
        load_data=loader_of(None),  # never called
    )

    assert status is None
    assert digits_job.store.events_since(digits_job.job_id) == events_before
    assert digits_job.registry.list_versions("mnist-5k-tiny-cnn") == ["1"]


def test_run_training_job_promotes_when_asked(
    settings: Settings, store: JobStore, tiny_digits: ImageDataset
) -> None:
    spec = image_spec(architecture="mlp", epochs=1, promote=True)

    finished = run_job(settings, store, spec, tiny_digits)

    assert finished.status == JobStatus.SUCCEEDED
    assert finished.registry.production_version("mnist-5k-mlp") == "1"
    assert finished.registry.alias_history("mnist-5k-mlp")[0].actor == OWNER


def test_run_training_job_cancelled_mid_epoch_registers_nothing(
    settings: Settings,
    store: JobStore,
    tiny_digits: ImageDataset,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record_progress = JobStore.record_progress

    def cancel_after_first_batch_event(
        self: JobStore, job_id: str, **values: Any
    ) -> Any:
        event = record_progress(self, job_id, **values)
        self.request_cancel(job_id)  # the user presses "cancel" now
        return event

    monkeypatch.setattr(JobStore, "record_progress", cancel_after_first_batch_event)

    finished = run_job(settings, store, image_spec(epochs=2), tiny_digits)

    job = store.get_job(finished.job_id, language="en")
    assert (finished.status, job.status) == (JobStatus.CANCELLED, JobStatus.CANCELLED)
    assert kinds(finished) == [
        "status:queued",
        "status:running",
        "batch",
        "status:cancelled",
    ]
    assert "no model version was registered" in (job.error or "")
    assert not (settings.models_dir / "mnist-5k-tiny-cnn").exists()


def test_run_training_job_fails_on_a_nan_loss(
    settings: Settings, store: JobStore, tiny_digits: ImageDataset
) -> None:
    # Pixels far outside [0, 1] and plain SGD: the first step throws the weights
    # so far that the second batch overflows, every run.
    pixels = tiny_digits.x_train.astype(np.float32) * 1e30
    spec = image_spec(optimizer="sgd", learning_rate=0.1)

    finished = run_job(settings, store, spec, replace(tiny_digits, x_train=pixels))

    job = store.get_job(finished.job_id, language="en")
    assert finished.status == JobStatus.FAILED
    assert job.error == (
        "The loss became NaN at epoch 1, batch 2: lower the learning rate, "
        "or check the data for missing or huge values."
    )
    assert job.error_code == "loss-diverged"
    assert job.error_params == {"value": "NaN", "epoch": 1, "batch": 2}
    assert job.model_version is None
    assert not (settings.models_dir / "mnist-5k-tiny-cnn").exists()


def test_run_training_job_trains_a_bilstm_on_texts(
    settings: Settings, store: JobStore, tiny_reviews: TextTrainingData
) -> None:
    finished = run_job(settings, store, text_spec(), tiny_reviews)

    job = store.get_job(finished.job_id)
    metadata = finished.registry.get_metadata("tiny-reviews-bilstm", "1")
    model = load_sentiment_model(
        finished.registry.model_path("tiny-reviews-bilstm", "1")
    )
    assert (finished.status, job.model_version) == (JobStatus.SUCCEEDED, "1")
    assert (metadata.task, metadata.input_shape) == ("text-classification", [])
    assert metadata.class_names == ["negative", "positive"]
    assert metadata.dataset.splits == {"train": 120, "validation": 30, "test": 30}
    assert np.array(metadata.validation_confusion).shape == (2, 2)
    assert np.array(metadata.validation_confusion).sum() == 30
    assert model.predict(tf.constant(["a great film"]), verbose=0).shape == (1, 1)


def test_run_training_job_gives_more_text_classes_a_softmax(
    settings: Settings, store: JobStore, tiny_topics: TextTrainingData
) -> None:
    spec = text_spec(dataset="tiny-topics", architecture="embedding-bag")

    finished = run_job(settings, store, spec, tiny_topics)

    model = load_sentiment_model(
        finished.registry.model_path("tiny-topics-embedding-bag", "1")
    )
    metadata = finished.registry.get_metadata("tiny-topics-embedding-bag", "1")
    probabilities = model.predict(tf.constant(["a silent film"]), verbose=0)
    assert finished.status == JobStatus.SUCCEEDED
    assert probabilities.shape == (1, 3)
    assert probabilities.sum() == pytest.approx(1.0, abs=1e-5)
    # No validation split of its own: validation_share of train is held out.
    assert metadata.dataset.splits == {"train": 135, "validation": 15, "test": 30}
    assert np.array(metadata.validation_confusion).shape == (3, 3)
    assert np.array(metadata.validation_confusion).sum() == 15


def test_run_training_job_fails_with_the_loaders_message(
    settings: Settings, store: JobStore
) -> None:
    spec = image_spec(dataset="no-such-images")
    job = store.create_job(spec, owner=OWNER)

    status = run_training_job(job.id, settings, "test-worker")

    error = store.get_job(job.id, language="en").error or ""
    assert status == JobStatus.FAILED
    assert "no-such-images" in error
    assert not error.startswith("Training failed")


def test_run_training_job_fails_after_too_many_dead_workers(
    settings: Settings, store: JobStore, tiny_digits: ImageDataset
) -> None:
    job = store.create_job(image_spec(), owner=OWNER)
    for attempt in range(settings.max_attempts):  # each worker died mid-job
        store.start_attempt(job.id, f"dead-worker-{attempt}")

    status = run_training_job(
        job.id, settings, "test-worker", load_data=loader_of(tiny_digits)
    )

    stored = store.get_job(job.id, language="en")
    assert status == JobStatus.FAILED
    assert stored.attempts == settings.max_attempts + 1
    assert "out of memory" in (stored.error or "")


def test_run_training_job_reuses_the_version_an_earlier_attempt_registered(
    settings: Settings, store: JobStore, tiny_digits: ImageDataset
) -> None:
    first = run_job(
        settings, store, image_spec(architecture="mlp", epochs=1), tiny_digits
    )
    # The worker died after registering, before finishing: the job is redelivered.
    with store.engine.begin() as db:
        db.execute(
            update(training_jobs)
            .where(training_jobs.c.id == first.job_id)
            .values(status=JobStatus.RUNNING)
        )

    status = run_training_job(
        first.job_id, settings, "test-worker", load_data=loader_of(tiny_digits)
    )

    job = store.get_job(first.job_id, language="en")
    assert (status, job.model_version) == (JobStatus.SUCCEEDED, "1")
    assert first.registry.list_versions("mnist-5k-mlp") == ["1"]
    assert set(job.test_metrics) == {"accuracy", "loss"}


def test_run_training_job_leaves_no_staging_folder(digits_job: FinishedJob) -> None:
    folder = digits_job.registry.model_dir("mnist-5k-tiny-cnn")

    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".staging")]

    assert leftovers == []
    assert (folder / "1" / MODEL_FILENAME).is_file()


def test_run_training_job_ignores_an_unknown_job(settings: Settings) -> None:
    status = run_training_job("0" * 32, settings, "test-worker")

    assert status is None


def test_describe_failure_names_the_time_limit(settings: Settings) -> None:
    error = describe_failure(SoftTimeLimitExceeded(), settings)

    assert error.message.startswith("The job took longer than 10800 s")
    assert (error.code, error.params) == ("time-limit", {"seconds": 10800})


def test_describe_failure_keeps_unexpected_errors_short(settings: Settings) -> None:
    error = describe_failure(ValueError("x" * 5000), settings)

    assert error.message.startswith("Training failed: ValueError: xxx")
    assert error.code == "training-error"
    assert len(str(error.params["error"])) == MAX_ERROR_CHARACTERS


def test_run_training_job_trains_on_32x32_rgb_images(
    settings: Settings, store: JobStore
) -> None:
    from lab_common.datasets.catalogue import load_image_dataset
    from tests.conftest import course_data_dir

    cifar = load_image_dataset("cifar-10", course_data_dir(), None)
    subset = replace(
        cifar,
        x_train=cifar.x_train[:300],
        y_train=cifar.y_train[:300],
        x_test=cifar.x_test[:100],
        y_test=cifar.y_test[:100],
    )
    spec = image_spec(dataset="cifar-10", epochs=1, augment=True)

    finished = run_job(settings, store, spec, subset)

    metadata = finished.registry.get_metadata("cifar-10-tiny-cnn", "1")
    model = keras.saving.load_model(
        finished.registry.model_path("cifar-10-tiny-cnn", "1")
    )
    assert finished.status == JobStatus.SUCCEEDED
    assert metadata.input_shape == [32, 32, 3]
    assert len(metadata.class_names) == 10
    probabilities = model.predict(np.zeros((1, 32, 32, 3), np.float32), verbose=0)
    assert probabilities.shape == (1, 10)
