"""What a training job tells its user, said once for every reader: the lines of
its log, and why it ended without a model.

A ``JobMessage`` carries a stable ``code`` and the values that make it precise
(``params``); its sentences live in the catalogue (``lab_common.messages``:
``job.log.<code>``, ``job.error.<code>``). ``message`` is the English sentence
stored with the job; readers get it in the request's language from
``render_job_message`` (the job API and its event stream render at read time).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from lab_common.messages import (
    Language,
    ParamValue,
    current_language,
    placeholders,
    render,
)
from lab_common.messages.jobs import JOB_ERRORS, JOB_LOG

MessageKind = Literal["log", "error"]

# Kept for readers of the code lists (tests, docs): code -> (French, English).
LOG_MESSAGES = JOB_LOG
ERROR_MESSAGES = JOB_ERRORS


class JobMessage(BaseModel):
    """A log line of a job, or the reason it failed or was cancelled."""

    model_config = ConfigDict(frozen=True)

    code: str
    params: dict[str, ParamValue] = {}
    message: str


def render_job_message(
    kind: MessageKind,
    code: str,
    params: Mapping[str, Any] | None,
    language: Language | None = None,
    *,
    fallback: str = "",
) -> str:
    """The sentence of a job's ``code`` in ``language`` (default: the request's).

    A ``data-unusable`` error names the problem behind it (``problem`` is its
    catalogue key, the other params its values), told in the same language.
    """
    language = language or current_language()
    values = dict(params or {})
    problem = values.get("problem")
    if kind == "error" and code == "data-unusable" and isinstance(problem, str):
        values["detail"] = render(problem, values, language, missing=problem)
    return render(f"job.{kind}.{code}", values, language, missing=fallback or code)


def _message(kind: MessageKind, code: str, params: dict[str, ParamValue]) -> JobMessage:
    sentences = JOB_LOG if kind == "log" else JOB_ERRORS
    if code not in sentences:
        raise KeyError(f"no job {kind} message '{code}' in lab_common.messages")
    missing = placeholders(sentences[code][1]) - set(params) - {"detail"}
    if missing:
        raise KeyError(f"job {kind} message '{code}' needs {sorted(missing)}")
    message = render_job_message(kind, code, params, "en")
    return JobMessage(code=code, params=params, message=message)


def job_log(code: str, **params: ParamValue) -> JobMessage:
    """The log line ``code`` with its ``params`` (and its English sentence)."""
    return _message("log", code, params)


def job_error(code: str, **params: ParamValue) -> JobMessage:
    """The error ``code`` with its ``params`` (and its English sentence)."""
    return _message("error", code, params)
