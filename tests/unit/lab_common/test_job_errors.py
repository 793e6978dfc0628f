"""Job errors: every code has its English sentence and a French one naming the
same values, so the jobs page can say why a job failed in French."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from lab_common.job_errors import MESSAGES, job_error

I18N = Path(__file__).resolve().parents[3] / "frontend" / "js" / "i18n.js"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def french_templates() -> dict[str, str]:
    """``jobs.errors.<code>`` entries of the French dictionary (the first one)."""
    french = I18N.read_text(encoding="utf-8").split("\n  en: {")[0]
    entries = re.findall(r'"jobs\.errors\.([\w-]+)":\s*"((?:[^"\\]|\\.)*)"', french)
    return dict(entries)


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_job_error_has_a_french_sentence_with_the_same_values(
    code: str,
) -> None:
    french = french_templates()

    assert code in french, f"add jobs.errors.{code} to frontend/js/i18n.js (fr)"
    assert placeholders(french[code]) == placeholders(MESSAGES[code])


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
