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
    app = create_celery(settings)
    sent: list[tuple[str, list[str], str]] = []
    monkeypatch.setattr(
        app, "send_task", lambda name, args, task_id: sent.append((name, args, task_id))
    )
    task = app.tasks[TRAIN_MODEL_TASK]
    store.start_attempt(first_red.id, "w")  # red already has one running

    caplog.set_level(logging.INFO)
    result = task.apply(args=[second_red.id], task_id=second_red.id)

    assert result.get() == "succeeded"
    assert ran == [first_blue.id]  # blue's turn, though the message was red's
    assert "job.claimed" in caplog.messages
    # Red's job, still queued, gets a turn of its own (a new message id).
    [(name, args, message_id)] = sent
    assert (name, args) == (TRAIN_MODEL_TASK, [second_red.id])
    assert message_id != second_red.id


def test_a_job_without_a_message_of_its_own_cannot_strand_another(
    settings: Settings, store: JobStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = TrainingJobSpec.model_validate(
        {"task": "image-classification", "dataset": "mnist-5k",
         "architecture": "tiny-cnn", "epochs": 1}
    )  # fmt: skip
    orphan = store.create_job(spec, "team:red")  # its message was lost
    sent_job = store.create_job(spec, "admin")
    ran: list[str] = []

    def run(job_id: str, *_: object) -> JobStatus:
        ran.append(job_id)
        store.start_attempt(job_id, "w")
        store.finish(job_id, JobStatus.SUCCEEDED)
        return JobStatus.SUCCEEDED

    monkeypatch.setattr("lab_trainer.training.runner.run_training_job", run)
    app = create_celery(settings)
    turns: list[tuple[list[str], str]] = []
    monkeypatch.setattr(
        app, "send_task", lambda name, args, task_id: turns.append((args, task_id))
    )
    task = app.tasks[TRAIN_MODEL_TASK]

    task.apply(args=[sent_job.id], task_id=sent_job.id)  # the orphan is older
    [(args, message_id)] = turns
    task.apply(args=args, task_id=message_id)  # the turn handed on

    assert ran == [orphan.id, sent_job.id]
