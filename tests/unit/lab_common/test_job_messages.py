"""Job messages: every code (log line or error) has its English sentence and a
French one naming the same values, so the jobs page speaks French."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from lab_common.job_messages import ERROR_MESSAGES, LOG_MESSAGES, job_error, job_log

I18N = Path(__file__).resolve().parents[3] / "frontend" / "js" / "i18n.js"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def french_templates(prefix: str) -> dict[str, str]:
    """``<prefix><code>`` entries of the French dictionary (the first one)."""
    french = I18N.read_text(encoding="utf-8").split("\n  en: {")[0]
    pattern = rf'"{re.escape(prefix)}([\w-]+)":\s*"((?:[^"\\]|\\.)*)"'
    return dict(re.findall(pattern, french))


@pytest.mark.parametrize(
    ("prefix", "code", "english"),
    [("jobs.errors.", code, text) for code, text in sorted(ERROR_MESSAGES.items())]
    + [("jobs.log.code.", code, text) for code, text in sorted(LOG_MESSAGES.items())],
)
def test_every_job_message_has_a_french_sentence_with_the_same_values(
    prefix: str, code: str, english: str
) -> None:
    french = french_templates(prefix)

    assert code in french, f"add {prefix}{code} to frontend/js/i18n.js (fr)"
    assert placeholders(french[code]) == placeholders(english)


def test_job_error_fills_the_english_sentence_from_its_params() -> None:
    error = job_error("loss-diverged", value="NaN", epoch=3, batch=17)

    assert error.message == (
        "The loss became NaN at epoch 3, batch 17: lower the learning rate, "
        "or check the data for missing or huge values."
    )
    assert error.params == {"value": "NaN", "epoch": 3, "batch": 17}


def test_job_error_refuses_a_missing_value() -> None:
    with pytest.raises(KeyError):
        job_error("worker-lost")


def test_job_log_fills_the_english_line_from_its_params() -> None:
    line = job_log("registered", name="digits", version="3")

    assert (line.code, line.message) == ("registered", "Registered digits version 3.")
