"""The worker's Celery app, command line and settings; no broker is contacted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lab_common.jobs import SCORING_QUEUE, TRAIN_MODEL_TASK, TRAINING_QUEUE
from lab_trainer.__main__ import worker_arguments
from lab_trainer.celery_app import create_celery
from lab_trainer.settings import Settings

REDIS_URL = "redis://127.0.0.1:6379/7"


@pytest.fixture
def settings() -> Settings:
    return Settings(redis_url=REDIS_URL, soft_time_limit_seconds=600, concurrency=2)


def test_create_celery_gives_every_job_a_fresh_child(settings: Settings) -> None:
    app = create_celery(settings)

    assert app.conf.worker_max_tasks_per_child == 1
    assert app.conf.worker_pool == "prefork"


def test_create_celery_acknowledges_late_one_job_at_a_time(settings: Settings) -> None:
    conf = create_celery(settings).conf

    assert (conf.task_acks_late, conf.task_reject_on_worker_lost) == (True, True)
    assert conf.worker_prefetch_multiplier == 1
    assert conf.worker_hijack_root_logger is False


def test_create_celery_limits_time_below_the_visibility_timeout(
    settings: Settings,
) -> None:
    conf = create_celery(settings).conf

    assert conf.task_soft_time_limit == 600
    assert conf.task_time_limit > 600
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit


def test_create_celery_registers_the_training_task(settings: Settings) -> None:
    app = create_celery(settings)

    assert TRAIN_MODEL_TASK in app.tasks
    assert app.amqp.router.route({}, TRAIN_MODEL_TASK)["queue"].name == TRAINING_QUEUE


def test_create_celery_passes_its_settings_to_the_task(settings: Settings) -> None:
    app = create_celery(settings)

    assert app.tasks[TRAIN_MODEL_TASK].app.settings is settings


def test_worker_parent_process_never_imports_tensorflow() -> None:
    script = (
        "import sys\n"
        "from lab_trainer.__main__ import worker_arguments\n"
        "from lab_trainer.celery_app import create_celery\n"
        "from lab_trainer.settings import Settings\n"
        "create_celery(Settings())\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in "
        "('tensorflow', 'keras')]\n"
        "print(loaded)\n"
    )

    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == "[]"


def test_worker_arguments_start_a_prefork_worker_on_the_training_queue(
    settings: Settings,
) -> None:
    arguments = worker_arguments(settings, ["--hostname", "test@%h"])

    assert arguments[0] == "worker"
    assert arguments[arguments.index("--pool") + 1] == "prefork"
    assert arguments[arguments.index("--concurrency") + 1] == "2"
    assert arguments[arguments.index("--queues") + 1] == TRAINING_QUEUE
    assert arguments[-2:] == ["--hostname", "test@%h"]  # extra options come last


def test_the_scorer_keeps_its_child_across_submissions(settings: Settings) -> None:
    training = worker_arguments(settings, [])
    scoring = worker_arguments(settings, [], scoring=True)

    assert scoring[scoring.index("--queues") + 1] == SCORING_QUEUE
    assert scoring[scoring.index("--concurrency") + 1] == "1"
    assert int(scoring[scoring.index("--max-tasks-per-child") + 1]) > 1
    # Training jobs keep a fresh child each (worker_max_tasks_per_child=1).
    assert "--max-tasks-per-child" not in training


def test_settings_read_archilab_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("TRAINER_DATA_DIR", raising=False)
    monkeypatch.setenv("ARCHILAB_DATA_DIR", str(tmp_path))

    assert Settings().data_dir == tmp_path


def test_settings_prefer_trainer_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("ARCHILAB_DATA_DIR", "/elsewhere")
    monkeypatch.setenv("TRAINER_DATA_DIR", str(tmp_path))

    assert Settings().data_dir == tmp_path


def test_settings_take_data_dir_by_name(tmp_path: Path) -> None:
    assert Settings(data_dir=tmp_path).data_dir == tmp_path
