"""Why a training job ended without a model, said once for every reader.

A ``JobError`` carries a stable ``code``, the values that make it precise
(``params``) and the English sentence API clients read (``message``). The pages
translate by code (``jobs.errors.<code>`` in the frontend's dictionaries) with
the same params, so a French student reads the reason in French.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

ParamValue = str | int | float

# code -> English sentence; every placeholder is a key of the error's params.
MESSAGES: dict[str, str] = {
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


class JobError(BaseModel):
    """The reason a job failed or was cancelled."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, ParamValue] = {}
    message: str


def job_error(code: str, **params: ParamValue) -> JobError:
    """The error ``code`` with its ``params`` and its English sentence."""
    return JobError(code=code, params=params, message=MESSAGES[code].format(**params))
