"""The rules of play: states, quotas and the ladder rule (Blum & Hardt, 2015).

Every number a rule uses is named here, once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from lab_common.challenges.errors import ChallengeStateConflict

DEFAULT_SUBMISSION_QUOTA = 10
MAX_SUBMISSION_QUOTA = 100
# Jobs of one team queued or running at once while a challenge is open: with
# 8 teams on 2 workers, more would only make the others wait.
MAX_RUNNING_JOBS_PER_TEAM = 2
# What a team told to wait is told to wait (about one short job).
RUNNING_JOBS_RETRY_AFTER_SECONDS = 60
MAX_NOTE_CHARACTERS = 500
# The shown public score moves by steps of one standard error, rounded to this
# share (0.1 point of accuracy).
SHOWN_SCORE_ROUNDING = 0.001
# A gain under this many standard errors is "not significant".
SIGNIFICANCE_STANDARD_ERRORS = 2.0


class ChallengeStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    FROZEN = "frozen"
    REVEALED = "revealed"


# action -> (the state it needs, the state it leads to)
TRANSITIONS: dict[str, tuple[ChallengeStatus, ChallengeStatus]] = {
    "open": (ChallengeStatus.DRAFT, ChallengeStatus.OPEN),
    "freeze": (ChallengeStatus.OPEN, ChallengeStatus.FROZEN),
    "reveal": (ChallengeStatus.FROZEN, ChallengeStatus.REVEALED),
}


def next_status(current: ChallengeStatus, action: str) -> ChallengeStatus:
    """The state ``action`` leads to from ``current``; 409 if it cannot be done."""
    needed, reached = TRANSITIONS[action]
    if current != needed:
        raise ChallengeStateConflict(
            "transition", action=action, status=str(current), needed=str(needed)
        )
    return reached


def standard_error(accuracy: float, examples: int) -> float:
    """√(p(1−p)/n): the standard error of an accuracy measured on ``examples``."""
    return math.sqrt(accuracy * (1.0 - accuracy) / examples)


def round_shown(accuracy: float) -> float:
    return round(round(accuracy / SHOWN_SCORE_ROUNDING) * SHOWN_SCORE_ROUNDING, 6)


@dataclass(frozen=True)
class LadderStep:
    shown: float  # the team's shown public score after this submission
    moved: bool  # whether this submission moved it
    significant: bool  # gain over the reference ≥ 2 standard errors


def ladder_step(
    shown_best: float | None, reference: float | None, score: float, examples: int
) -> LadderStep:
    """Where a new public ``score`` leaves a team's shown score.

    ``shown_best`` is the team's shown score so far (None at its first
    submission); the score moves only when it beats it by one standard error.
    ``reference`` is what the gain is measured against for significance: the
    shown best, or at the first submission the baseline's public score.
    """
    step = standard_error(score, examples)
    if shown_best is None:
        shown, moved = round_shown(score), True
    elif score >= shown_best + step:
        shown, moved = round_shown(score), True
    else:
        shown, moved = shown_best, False
    against = shown_best if shown_best is not None else reference
    significant = (
        against is not None and score - against >= SIGNIFICANCE_STANDARD_ERRORS * step
    )
    return LadderStep(shown=shown, moved=moved, significant=significant)


def errors_removed(score: float, baseline: float) -> float | None:
    """Share of the baseline's errors this score removes (negative if worse)."""
    if baseline >= 1.0:
        return None
    return (score - baseline) / (1.0 - baseline)
