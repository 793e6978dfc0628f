"""What a training job tells its user, said once for every reader: the lines of
its log, and why it ended without a model.

A ``JobMessage`` carries a stable ``code``, the values that make it precise
(``params``) and the English sentence API clients read (``message``). The pages
translate by code (``jobs.log.code.<code>`` and ``jobs.errors.<code>`` in the
frontend's dictionaries) with the same params, so a French student reads French.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

ParamValue = str | int | float

# code -> English sentence; every placeholder is a key of the message's params.
LOG_MESSAGES: dict[str, str] = {
    "dataset_images": (
        "Dataset {dataset}: {train} training and {test} test images, {classes} classes."
    ),
    "dataset_texts": (
        "Dataset {dataset}: {train} training, {validation} validation and {test} "
        "test texts, {classes} classes."
    ),
    "registered": "Registered {name} version {version}.",
    "promoted": "Promoted {name} version {version} to production.",
    "reused_version": "Found {name} version {version} from an earlier attempt.",
    "cancel_requested": "Cancel requested.",
}

ERROR_MESSAGES: dict[str, str] = {
    "cancelled-before-start": "Cancelled before it started.",
    "cancelled": (
        "Cancelled by request after {epochs} finished epoch(s); no model version "
        "was registered."
    ),
    "cancelled-by-force": (
        "Cancelled by force: the worker did not stop within {grace_seconds} s of "
        "the cancel request, so its process was killed."
    ),
    "queue-unavailable": (
        "The training queue (Redis) could not be reached ({reason}); the job was "
        "never queued. Submit it again once Redis is back."
    ),
    "worker-lost": (
        "The worker stopped responding (no heartbeat for {seconds} s): it was "
        "killed or its host went down. No model version was registered; start "
        "the job again."
    ),
    "too-many-attempts": (
        "The job's worker died during each of its {attempts} attempts (out of "
        "memory?): try a smaller batch size, model or dataset."
    ),
    "loss-diverged": (
        "The loss became {value} at epoch {epoch}, batch {batch}: lower the "
        "learning rate, or check the data for missing or huge values."
    ),
    "loss-diverged-in-validation": (
        "The loss became {value} at epoch {epoch} (validation): lower the "
        "learning rate, or check the data for missing or huge values."
    ),
    "time-limit": (
        "The job took longer than {seconds} s, the trainer's time limit, and was "
        "stopped: train fewer epochs or a smaller model."
    ),
    "out-of-memory": (
        "The job ran out of memory: lower the batch size or use a smaller model."
    ),
    "data-unusable": "{detail}",
    "training-error": "Training failed: {error}",
}


class JobMessage(BaseModel):
    """A log line of a job, or the reason it failed or was cancelled."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, ParamValue] = {}
    message: str


def _message(
    templates: dict[str, str], code: str, params: dict[str, ParamValue]
) -> JobMessage:
    message = templates[code].format(**params)
    return JobMessage(code=code, params=params, message=message)


def job_log(code: str, **params: ParamValue) -> JobMessage:
    """The log line ``code`` with its ``params`` and its English sentence."""
    return _message(LOG_MESSAGES, code, params)


def job_error(code: str, **params: ParamValue) -> JobMessage:
    """The error ``code`` with its ``params`` and its English sentence."""
    return _message(ERROR_MESSAGES, code, params)
