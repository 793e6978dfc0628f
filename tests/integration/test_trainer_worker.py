"""The training worker as it runs for real: ``python -m lab_trainer`` (Celery,
prefork, one child per job) on the machine's Redis, a SQLite job store and a
model registry in a temporary folder. Jobs are sent the way the gateway sends
them: by task name, with the job id as the Celery task id.

What a killed worker leaves behind, as tested here:

- Only the training child is killed (the OOM killer's usual victim): Celery
  rejects the message (``task_reject_on_worker_lost``), Redis hands it to the
  next child at once, and the job is **retried**: ``attempts`` becomes 2 and it
  succeeds with a single version. (Celery requeues such a message every time;
  the trainer's ``max_attempts`` ends the loop, see the unit tests.)
- The whole worker is killed (SIGKILL to its process group): the message stays
  unacknowledged until Redis' visibility timeout (longer than the hard time
  limit, so not within this test). The job's heartbeat stops, and the reaper
  (``JobStore.reap_stale``, run by the gateway) marks it **failed**; a later
  redelivery finds a finished job and does nothing. The registry holds no
  version and no staging folder.

A job past the soft time limit ends failed with a message naming the limit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from celery import Celery

from lab_common.celery_config import celery_config
from lab_common.jobs import (
    TRAIN_MODEL_TASK,
    WORKER_PRESENCE_PREFIX,
    JobStatus,
    TrainingJobSpec,
    job_events_channel,
)
from lab_common.registry import ModelRegistry
from lab_common.store import JobStore, connect_database, upgrade_database
from lab_common.store.database import sqlite_url
from tests.conftest import wait_for

pytestmark = pytest.mark.integration

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
# A database of the machine's Redis that no other test uses; flushed each run.
REDIS_URL = "redis://127.0.0.1:6379/7"
SOFT_TIME_LIMIT_SECONDS = 120
HEARTBEAT_SECONDS = 0.5
TIME_LIMIT_SECONDS = 20
WORKER_START_TIMEOUT_SECONDS = 60
# A fresh child imports TensorFlow before training: allow for a busy machine.
JOB_TIMEOUT_SECONDS = 90
OWNER = "team:integration"


def drain(pubsub: redis.client.PubSub, seconds: float = 1.0) -> list[int]:
    """The event ids published on the subscribed channel so far."""
    ids = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        message = pubsub.get_message(timeout=0.1)
        if message is not None:
            ids.append(int(message["data"]))
    pubsub.close()
    return ids


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    node: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # warm shutdown
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


@dataclass
class Lab:
    home: Path
    store: JobStore
    registry: ModelRegistry
    producer: Celery
    redis: redis.Redis

    def start_worker(self, **settings: str) -> Worker:
        node = f"trainer-test-{uuid.uuid4().hex[:8]}@%h"
        log_path = self.home / f"{node.split('@')[0]}.log"
        env = {
            **os.environ,
            "TRAINER_REDIS_URL": REDIS_URL,
            "TRAINER_DATABASE_URL": sqlite_url(self.home / "archilab.db"),
            "TRAINER_MODELS_DIR": str(self.home / "models"),
            "TRAINER_DATASETS_DIR": str(self.home / "datasets"),
            "TRAINER_SOFT_TIME_LIMIT_SECONDS": str(SOFT_TIME_LIMIT_SECONDS),
            "TRAINER_HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
            "TRAINER_CANCEL_CHECK_SECONDS": "0.2",
            "KERAS_BACKEND": "tensorflow",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "PYTHONUNBUFFERED": "1",
            **{f"TRAINER_{name.upper()}": value for name, value in settings.items()},
        }
        with log_path.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "lab_trainer", "--hostname", node],
                cwd=REPOSITORY_ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, to kill it whole
            )
        worker = Worker(process, node.replace("%h", os.uname().nodename), log_path)
        try:
            wait_for(
                lambda: self.producer.control.ping([worker.node], timeout=0.5),
                WORKER_START_TIMEOUT_SECONDS,
                f"pong from {worker.node}",
            )
        except TimeoutError as exc:
            worker.stop()
            raise AssertionError(f"{exc}\n{worker.log()}") from exc
        return worker

    def create_job(self, **spec: object) -> str:
        values: dict[str, object] = {
            "task": "image-classification",
            "dataset": "mnist-5k",
            "progress_every_batches": 5,
            **spec,
        }
        job = self.store.create_job(TrainingJobSpec.model_validate(values), OWNER)
        return job.id

    def send(self, job_id: str) -> None:
        """As the gateway does: by task name, the job id as the task id."""
        self.producer.send_task(TRAIN_MODEL_TASK, args=[job_id], task_id=job_id)

    def submit(self, **spec: object) -> str:
        job_id = self.create_job(**spec)
        self.send(job_id)
        return job_id

    def wait_for_status(self, job_id: str, *statuses: JobStatus) -> JobStatus:
        def current() -> JobStatus | None:
            status = self.store.get_job(job_id).status
            return status if status in statuses else None

        return wait_for(current, JOB_TIMEOUT_SECONDS, f"job in {statuses}")

    def wait_for_batch(self, job_id: str) -> None:
        wait_for(
            lambda: any(e.kind == "batch" for e in self.store.events_since(job_id)),
            JOB_TIMEOUT_SECONDS,
            "batch event",
        )


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    client.flushdb()
    home = tmp_path_factory.mktemp("trainer")
    database_url = sqlite_url(home / "archilab.db")
    upgrade_database(database_url)
    engine = connect_database(database_url)
    producer = Celery("test-producer", set_as_current=False)
    producer.conf.update(celery_config(REDIS_URL, SOFT_TIME_LIMIT_SECONDS))
    yield Lab(home, JobStore(engine), ModelRegistry(home / "models"), producer, client)
    producer.close()
    engine.dispose()
    client.flushdb()
    client.close()


@pytest.fixture
def worker(lab: Lab) -> Iterator[Worker]:
    worker = lab.start_worker()
    yield worker
    worker.stop()


def test_worker_trains_a_short_job_into_a_new_version(lab: Lab, worker: Worker) -> None:
    job_id = lab.create_job(architecture="tiny-cnn", epochs=1, batch_size=128)
    pubsub = lab.redis.pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(job_events_channel(job_id))
    lab.send(job_id)

    status = lab.wait_for_status(job_id, JobStatus.SUCCEEDED, JobStatus.FAILED)

    job = lab.store.get_job(job_id)
    assert status == JobStatus.SUCCEEDED, f"{job.error}\n{worker.log()}"
    kinds = [e.kind for e in lab.store.events_since(job_id) if e.kind != "log"]
    assert kinds[:3] == ["status", "status", "batch"]
    assert kinds[-2:] == ["epoch", "status"]
    assert job.attempts == 1 and job.model_version == "1"
    metadata = lab.registry.get_metadata("mnist-5k-tiny-cnn", "1")
    assert (metadata.job_id, metadata.owner) == (job_id, OWNER)
    event_ids = [e.id for e in lab.store.events_since(job_id)]
    assert drain(pubsub) == event_ids[1:]  # every event after "queued" woke us


def test_a_running_worker_announces_itself_in_redis(lab: Lab, worker: Worker) -> None:
    keys = lab.redis.keys(f"{WORKER_PRESENCE_PREFIX}*")

    assert len(keys) == 1, worker.log()
    assert lab.redis.ttl(keys[0]) > 0  # it expires if the worker dies


def test_worker_cancels_a_running_job(lab: Lab, worker: Worker) -> None:
    job_id = lab.submit(architecture="digits-cnn", epochs=30, batch_size=32)
    lab.wait_for_batch(job_id)

    lab.store.request_cancel(job_id)
    requested = time.monotonic()
    status = lab.wait_for_status(job_id, JobStatus.CANCELLED, JobStatus.SUCCEEDED)

    assert status == JobStatus.CANCELLED, worker.log()
    assert time.monotonic() - requested < 15
    assert lab.registry.list_versions("mnist-5k-digits-cnn") == []


def test_worker_retries_a_job_whose_child_was_killed(lab: Lab, worker: Worker) -> None:
    job_id = lab.submit(architecture="mlp", epochs=2, batch_size=64)
    lab.wait_for_batch(job_id)
    child_pid = int((lab.store.get_job(job_id).worker or "").rsplit("/", 1)[1])

    os.kill(child_pid, signal.SIGKILL)
    status = lab.wait_for_status(job_id, JobStatus.SUCCEEDED, JobStatus.FAILED)

    job = lab.store.get_job(job_id)
    assert status == JobStatus.SUCCEEDED, f"{job.error}\n{worker.log()}"
    assert job.attempts == 2
    assert lab.registry.list_versions("mnist-5k-mlp") == ["1"]


def test_worker_fails_a_job_that_exceeds_the_time_limit(lab: Lab) -> None:
    # Generous enough for the child to import TensorFlow and load the data on a
    # busy machine: the limit falls during training.
    worker = lab.start_worker(soft_time_limit_seconds=str(TIME_LIMIT_SECONDS))
    try:
        job_id = lab.submit(
            architecture="digits-cnn", epochs=30, batch_size=32, model_name="slow"
        )

        status = lab.wait_for_status(job_id, JobStatus.FAILED, JobStatus.SUCCEEDED)

        job = lab.store.get_job(job_id, language="en")
        assert status == JobStatus.FAILED, worker.log()
        assert (job.error or "").startswith(
            f"The job took longer than {TIME_LIMIT_SECONDS} s"
        )
        assert lab.registry.list_versions("slow") == []
    finally:
        worker.stop()


def test_killed_worker_leaves_a_failed_job_and_no_version(lab: Lab) -> None:
    doomed = lab.start_worker()
    job_id = lab.submit(
        architecture="digits-cnn", epochs=30, batch_size=32, model_name="doomed"
    )
    lab.wait_for_batch(job_id)

    os.killpg(doomed.process.pid, signal.SIGKILL)
    doomed.process.wait(timeout=10)
    time.sleep(HEARTBEAT_SECONDS * 4)
    reaped = lab.store.reap_stale(heartbeat_timeout_seconds=HEARTBEAT_SECONDS * 3)

    job = lab.store.get_job(job_id, language="en")
    assert reaped == [job_id]
    assert job.status == JobStatus.FAILED
    assert "stopped responding" in (job.error or "")
    assert lab.registry.list_versions("doomed") == []
    assert not (lab.home / "models" / "doomed").exists()
