"""The training task takes the fairest queued job, not always its message's own."""

from __future__ import annotations

import logging

import pytest

from lab_common.jobs import TRAIN_MODEL_TASK, JobStatus, TrainingJobSpec
from lab_common.store import JobStore
from lab_trainer.celery_app import create_celery
from lab_trainer.settings import Settings


def test_a_message_runs_the_fairest_job_not_its_own(
    settings: Settings,
    store: JobStore,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    spec = TrainingJobSpec.model_validate(
        {"task": "image-classification", "dataset": "mnist-5k",
         "architecture": "tiny-cnn", "epochs": 1}
    )  # fmt: skip
    first_red = store.create_job(spec, "team:red")
    second_red = store.create_job(spec, "team:red")
    first_blue = store.create_job(spec, "team:blue")
    ran: list[str] = []

    def run(job_id: str, *_: object) -> JobStatus:
        ran.append(job_id)
        store.start_attempt(job_id, "w")
        store.finish(job_id, JobStatus.SUCCEEDED)
        return JobStatus.SUCCEEDED

    monkeypatch.setattr("lab_trainer.training.runner.run_training_job", run)
    task = create_celery(settings).tasks[TRAIN_MODEL_TASK]
    store.start_attempt(first_red.id, "w")  # red already has one running

    caplog.set_level(logging.INFO)
    result = task.apply(args=[second_red.id], task_id=second_red.id)

    assert result.get() == "succeeded"
    assert ran == [first_blue.id]  # blue's turn, though the message was red's
    assert "job.claimed" in caplog.messages
