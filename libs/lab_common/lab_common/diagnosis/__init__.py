"""The automatic diagnosis of a training job, from its own history.

``diagnose(history, task, confusion, class_names)`` runs a few rules on the
per-epoch metrics (and on the validation confusion matrix when the model
version stored one) and returns each finding with a stable code, its numbers,
the thresholds it crossed, one sentence and two or three things to try, in the
request's language (sentences: ``diagnosis.*`` in ``lab_common.messages``).
Rules that need data the job lacks are listed as not checked, with the reason.

"The watched loss" is the validation loss when the job has one (what the model
does on unseen examples), else the training loss.

Every threshold is in ``lab_common.diagnosis.thresholds.Thresholds``; the rules
are in ``rules``. Pure Python and NumPy: the gateway calls it, no TensorFlow,
no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from lab_common.diagnosis.models import (
    ConfusionPair,
    Diagnosis,
    Finding,
    FindingCode,
    Unchecked,
)
from lab_common.diagnosis.rules import (
    Curves,
    Found,
    NotChecked,
    Result,
    check_diverging,
    check_errors_concentrated,
    check_not_converged,
    check_overfitting,
    check_plateau,
    check_underfitting,
    check_unstable,
    oscillation,
)
from lab_common.diagnosis.thresholds import THRESHOLDS, Thresholds
from lab_common.jobs import EpochMetrics, Task
from lab_common.messages import Language, current_language, render

__all__ = [
    "THRESHOLDS",
    "ConfusionPair",
    "Diagnosis",
    "Finding",
    "Thresholds",
    "Unchecked",
    "diagnose",
    "oscillation",
]

# How many things to try each finding has (``diagnosis.try.<code>.<n>``).
SUGGESTIONS: dict[FindingCode, int] = {
    "overfitting": 3,
    "underfitting": 3,
    "not-converged": 2,
    "plateau": 3,
    "diverging": 3,
    "unstable": 3,
    "errors-concentrated": 3,
}
RULES = len(SUGGESTIONS)


# --- rendering ---------------------------------------------------------------


def _title(code: str, language: Language) -> str:
    return render(f"diagnosis.title.{code}", {}, language)


def _finding(found: Found, language: Language) -> Finding:
    key = f"diagnosis.finding.{found.code}"
    if found.variant:
        key += f".{found.variant}"
    suggestions = [
        render(f"diagnosis.try.{found.code}.{n}", found.params, language)
        for n in range(1, SUGGESTIONS[found.code] + 1)
    ]
    return Finding(
        code=found.code,
        title=_title(found.code, language),
        message=render(key, found.params, language),
        suggestions=suggestions,
        numbers=found.numbers,
        thresholds=found.thresholds,
        pairs=found.pairs,
    )


def _unchecked(item: NotChecked, epochs: int, language: Language) -> Unchecked:
    params = {"finding": _title(item.code, language), "epochs": epochs, **item.params}
    message = render(f"diagnosis.unchecked.{item.reason}", params, language)
    return Unchecked(code=item.code, reason=item.reason, message=message)


def _summary(
    findings: list[Finding], unchecked: list[Unchecked], language: Language
) -> tuple[Literal["healthy", "findings"], str]:
    if findings:
        count = {"count": len(findings)}
        return "findings", render("diagnosis.summary.findings", count, language)
    if unchecked:
        counts = {"checked": RULES - len(unchecked), "unchecked": len(unchecked)}
        return "healthy", render("diagnosis.summary.healthy-partly", counts, language)
    return "healthy", render("diagnosis.summary.healthy", {}, language)


def diagnose(
    history: Sequence[EpochMetrics],
    task: Task,
    confusion: Sequence[Sequence[int]] | None = None,
    class_names: Sequence[str] | None = None,
    *,
    error_code: str | None = None,
    error_params: Mapping[str, Any] | None = None,
    language: Language | None = None,
    thresholds: Thresholds = THRESHOLDS,
) -> Diagnosis:
    """What the job's curves (and validation confusion counts) say, in ``language``.

    ``error_code``/``error_params``: the job's failure, if any (a loss that
    became NaN stops the job before its epoch is recorded).
    """
    language = language or current_language()
    curves = Curves.of(history)
    results: list[Result] = [
        check_diverging(history, error_code, error_params or {}),
    ]
    if curves.epochs == 0 and results[0] is None:
        summary = render("diagnosis.summary.no-epochs", {}, language)
        return Diagnosis(
            status="no-epochs",
            summary=summary,
            epochs=0,
            has_validation=False,
            findings=[],
            unchecked=[],
        )
    if curves.epochs:
        results += [
            check_overfitting(curves, thresholds),
            check_underfitting(curves, task, thresholds),
            check_not_converged(curves, thresholds),
            check_plateau(curves, thresholds),
        ]
        if results[0] is None:
            results.append(check_unstable(curves, thresholds))
        results.append(
            check_errors_concentrated(
                confusion, class_names, curves.has_validation, thresholds
            )
        )
    findings = [_finding(r, language) for r in results if isinstance(r, Found)]
    unchecked = [
        _unchecked(r, curves.epochs, language)
        for r in results
        if isinstance(r, NotChecked)
    ]
    status, summary = _summary(findings, unchecked, language)
    return Diagnosis(
        status=status,
        summary=summary,
        epochs=curves.epochs,
        has_validation=curves.has_validation,
        findings=findings,
        unchecked=unchecked,
    )
