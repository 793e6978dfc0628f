"""First start: the served models are trained as ordinary jobs of the trainer.

``python -m lab_trainer.first_start`` (run by ``archilab up`` and by compose's
``first-start`` one-shot, once a worker is up): each default model without a
production version gets its default spec queued as a job owned by
``first-start``. The jobs show on the jobs page with their curves, and their
versions are registered and promoted by the worker like any job's, so a
first-start version has the same metadata as every other. It then waits for the
jobs, printing their progress, and exits 1 if one did not succeed. A sentiment
model whose course data is missing is skipped, with the reason: the nlp service
then starts without it and its health says why.

No TensorFlow here: this process only writes jobs and reads the store.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence

from celery import Celery

from lab_common.datasets.images import MNIST_5K_ID
from lab_common.datasets.texts import TEXT_ENTRIES as TEXT_DATASETS
from lab_common.datasets.texts import ensure_files
from lab_common.job_queue import create_producer, queue_job
from lab_common.jobs import JobStatus, TrainingJob, TrainingJobSpec
from lab_common.logging import configure_logging
from lab_common.problems import LabError
from lab_common.registry import (
    SERVED_SENTIMENT_MODEL_EN,
    SERVED_SENTIMENT_MODEL_FR,
    SERVED_VISION_MODEL,
    ModelRegistry,
)
from lab_common.store import JobStore, connect_database
from lab_trainer.settings import Settings, get_settings

FIRST_START_OWNER = "first-start"
POLL_SECONDS = 2.0
DEFAULT_TIMEOUT_SECONDS = 3600.0

# The digit recipe: the shortest measured schedule that clears the 98.5 %
# test-accuracy goal with margin, well inside a minute of ``fit`` on 2 CPU
# cores. Every training image trains (no validation share), on the fly
# augmented, with AdamW on the warm-up + cosine schedule.
DIGITS_SPEC = TrainingJobSpec(
    task="image-classification",
    dataset=MNIST_5K_ID,
    architecture="digits-cnn",
    model_name=SERVED_VISION_MODEL,
    epochs=8,
    batch_size=64,
    learning_rate=3e-3,
    optimizer="adamw",
    augment=True,
    validation_share=0,
    seed=1,
    promote=True,
    description="Modèle par défaut du premier démarrage / first-start default model",
)
# Measured choices (bench/sentiment_accuracy.py; the numbers are in
# bench/RESULTS.md, "Sentiment accuracy"): pretrained vectors and a max+mean
# readout over the BiLSTM, the best epoch by validation accuracy kept. French
# keeps its 300-d fastText vectors frozen on Allociné and its TV reviews, which
# need more, smaller steps; English refines its 50-d GloVe vectors on the SST-2
# phrases. The English phrases do not train the French model: its vectors know
# no English.
SENTIMENT_FR_SPEC = TrainingJobSpec(
    task="text-classification",
    dataset="allocine",
    extra_train_datasets=["allocine-tv"],
    architecture="bilstm-pretrained",
    embedding="fr-fasttext-300",
    model_name=SERVED_SENTIMENT_MODEL_FR,
    epochs=8,
    batch_size=32,
    learning_rate=2e-3,
    dropout=0.3,
    early_stopping_patience=3,
    early_stopping_metric="accuracy",
    seed=1,
    promote=True,
    description="Modèle par défaut du premier démarrage / first-start default model",
)
SENTIMENT_EN_SPEC = TrainingJobSpec(
    task="text-classification",
    dataset="sst2",
    architecture="bilstm-pretrained",
    embedding="en-glove-50",
    fine_tune_embedding=True,
    model_name=SERVED_SENTIMENT_MODEL_EN,
    epochs=3,
    batch_size=64,
    learning_rate=1e-3,
    dropout=0.3,
    early_stopping_patience=1,
    early_stopping_metric="accuracy",
    seed=1,
    promote=True,
    description="Modèle par défaut du premier démarrage / first-start default model",
)
# By served model name, in the order they are queued (the quick one first).
DEFAULT_SPECS: dict[str, TrainingJobSpec] = {
    spec.resolved_model_name: spec
    for spec in (DIGITS_SPEC, SENTIMENT_FR_SPEC, SENTIMENT_EN_SPEC)
}

Say = Callable[[str], None]


def say(message: str) -> None:
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def missing_data(spec: TrainingJobSpec, settings: Settings) -> str | None:
    """Why the course data of ``spec`` is absent (fetched from the mirror if
    one is set); None when every file is there."""
    for dataset in (spec.dataset, *spec.extra_train_datasets):
        entry = TEXT_DATASETS.get(dataset)
        if entry is None:  # images: built-in, nothing to fetch
            continue
        try:
            ensure_files(entry, settings.data_dir, settings.dataset_mirror_url)
        except LabError as exc:
            return str(exc)
    return None


def cancel_unfinished(store: JobStore, name: str, out: Say) -> None:
    """Cancel the first-start jobs of ``name`` an earlier start left unfinished.

    Stopped while it trained, that start left a job queued or running whose
    message may be lost and whose worker may be gone: waiting for it could
    never end, so a fresh job replaces it (a live worker stops the old one at
    its next batch; the gateway fails it if its worker died).
    """
    for job in store.list_jobs(owner=FIRST_START_OWNER):
        if job.spec.resolved_model_name == name and not job.status.is_terminal:
            store.request_cancel(job.id)
            out(f"{name} : job {job.id} d'un démarrage précédent annulé / cancelled")


def queue_default_jobs(
    registry: ModelRegistry,
    store: JobStore,
    celery: Celery,
    settings: Settings,
    out: Say = say,
) -> list[TrainingJob]:
    """The jobs that train every default model with no production version."""
    jobs = []
    for name, spec in DEFAULT_SPECS.items():
        version = registry.production_version(name)
        if version is not None:
            out(f"{name} v{version} : en service / live")
            continue
        reason = missing_data(spec, settings)
        if reason is not None:
            out(f"{name} : ignoré, données absentes / skipped, no data ({reason})")
            continue
        cancel_unfinished(store, name, out)
        job = queue_job(spec, FIRST_START_OWNER, store, celery)
        out(f"{name} : entraînement / training (job {job.id})")
        jobs.append(job)
    return jobs


def describe_epoch(job: TrainingJob) -> str:
    name = job.spec.resolved_model_name
    last = job.history[-1]
    shown = ("accuracy", "val_accuracy")
    metrics = ", ".join(
        f"{key} {value:.3f}" for key, value in last.metrics.items() if key in shown
    )
    return f"{name} : époque / epoch {last.epoch}/{job.spec.epochs} ({metrics})"


def describe_end(store: JobStore, job: TrainingJob) -> str:
    name = job.spec.resolved_model_name
    if job.model_version is not None and job.status == JobStatus.SUCCEEDED:
        accuracy = job.test_metrics.get("accuracy", float("nan"))
        return (
            f"{name} v{job.model_version} : en service / live "
            f"(test accuracy {accuracy:.3f})"
        )
    french = store.get_job(job.id, "fr").error
    english = store.get_job(job.id, "en").error
    return f"{name} : {job.status} — {french} / {english}"


def wait_for_jobs(
    store: JobStore,
    jobs: Sequence[TrainingJob],
    timeout_seconds: float,
    out: Say = say,
    poll_seconds: float = POLL_SECONDS,
) -> list[TrainingJob]:
    """The jobs once all ended, printing each new epoch and each end."""
    deadline = time.monotonic() + timeout_seconds
    epochs = {job.id: 0 for job in jobs}
    running = {job.id for job in jobs}
    ended: dict[str, TrainingJob] = {}
    while running:
        if time.monotonic() > deadline:
            raise TimeoutError(f"jobs {sorted(running)} still running")
        time.sleep(poll_seconds)
        for job_id in sorted(running):
            job = store.get_job(job_id)
            if job.history and job.history[-1].epoch > epochs[job_id]:
                epochs[job_id] = job.history[-1].epoch
                out(describe_epoch(job))
            if job.status.is_terminal:
                running.discard(job_id)
                ended[job_id] = job
                out(describe_end(store, job))
    return [ended[job.id] for job in jobs]


def run_first_start(settings: Settings, timeout_seconds: float, out: Say = say) -> int:
    """0 when every default model is live (or skipped for want of data)."""
    engine = connect_database(settings.database_url)
    try:
        store = JobStore(engine)
        registry = ModelRegistry(settings.models_dir)
        celery = create_producer(settings.redis_url, settings.soft_time_limit_seconds)
        jobs = queue_default_jobs(registry, store, celery, settings, out)
        ended = wait_for_jobs(store, jobs, timeout_seconds, out)
    finally:
        engine.dispose()
    return 0 if all(job.status == JobStatus.SUCCEEDED for job in ended) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lab_trainer.first_start")
    parser.add_argument(
        "--timeout-seconds", type=float, default=DEFAULT_TIMEOUT_SECONDS
    )
    args = parser.parse_args(argv)
    settings = get_settings()
    configure_logging(settings)
    return run_first_start(settings, args.timeout_seconds)


if __name__ == "__main__":
    raise SystemExit(main())
