"""The leaderboard, built from a challenge's scored submissions (no I/O).

Each team is ranked by its shown public score (the ladder's), ties going to
the team that reached it first. The baseline is a pinned, unranked row, and so
is each team's best model trained outside ArchiLab (``external_rows``: a
notebook may have seen the hidden images, so it never moves a rank). Only
after the reveal do rows carry the private score, the final rank (by private
score of the same submission) and the change of rank.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from lab_common.challenges.rules import ChallengeStatus, errors_removed
from lab_common.challenges.schemas import Challenge, Submission

POINTS = 100.0  # accuracy shares are shown as points (%)
# Redis pub/sub channel prefix: a message wakes the live leaderboards of one
# challenge up early (the scoring worker and the state-change routes send it).
LEADERBOARD_CHANNEL_PREFIX = "archilab:leaderboard:"


def leaderboard_channel(challenge_id: str) -> str:
    return f"{LEADERBOARD_CHANNEL_PREFIX}{challenge_id}"


class LeaderboardRow(BaseModel):
    rank: int | None = Field(
        description="null: the baseline, a model trained elsewhere, or no score yet."
    )
    team: str | None
    is_baseline: bool
    external: bool = Field(
        default=False, description="« Entraîné hors plateforme »: never ranked."
    )
    public_score: float | None = Field(description="Shown (ladder) accuracy, 0–1.")
    delta_points: float | None = Field(description="Δ vs the baseline, in points.")
    errors_removed: float | None = Field(
        description="Share of the baseline's public errors removed (0–1)."
    )
    significant: bool | None
    submissions_used: int
    quota: int
    architecture: str | None
    parameters: int | None
    latency_ms_per_image: float | None
    last_submission_at: datetime | None
    best_submission_at: datetime | None = Field(
        description="When the shown score was reached (breaks ties: first wins)."
    )
    private_score: float | None = None
    final_rank: int | None = None
    rank_change: int | None = Field(
        default=None, description="Public rank − final rank (positive: moved up)."
    )


class Leaderboard(BaseModel):
    challenge_id: str
    status: ChallengeStatus
    revealed: bool
    public_examples: int | None
    baseline: LeaderboardRow | None
    rows: list[LeaderboardRow]
    external_rows: list[LeaderboardRow] = Field(
        default=[], description="Each team's best model trained elsewhere, unranked."
    )


def _best(scored: list[Submission]) -> Submission:
    """The submission that set the team's shown score (the first to reach it)."""
    top = max(s.shown_public_score or 0.0 for s in scored)
    return next(s for s in scored if s.shown_public_score == top)


def _row(
    submissions: list[Submission],
    challenge: Challenge,
    baseline: Submission | None,
    *,
    used: int | None = None,
) -> LeaderboardRow:
    """The row of ``submissions`` (one team's, one kind); ``used``: its quota use."""
    scored = [s for s in submissions if s.status == "scored"]
    best = _best(scored) if scored else None
    reference = baseline.public_score if baseline is not None else None
    shown = best.shown_public_score if best is not None else None
    delta = removed = None
    if shown is not None and reference is not None:
        delta = round((shown - reference) * POINTS, 1)
        removed = errors_removed(shown, reference)
    return LeaderboardRow(
        rank=None,
        team=submissions[0].team,
        is_baseline=submissions[0].is_baseline,
        external=submissions[0].external,
        public_score=shown,
        delta_points=delta,
        errors_removed=None if removed is None else round(removed, 3),
        significant=None if best is None else best.significant,
        submissions_used=(
            used if used is not None else sum(s.status != "failed" for s in submissions)
        ),
        quota=challenge.quota,
        architecture=None if best is None else best.architecture,
        parameters=None if best is None else best.parameters,
        latency_ms_per_image=None if best is None else best.latency_ms_per_image,
        last_submission_at=max(s.created_at for s in submissions),
        best_submission_at=None if best is None else best.created_at,
        private_score=best.private_score if best is not None else None,
    )


def build_leaderboard(
    challenge: Challenge, submissions: list[Submission]
) -> Leaderboard:
    """``submissions`` oldest first, as ``ChallengeStore.list_submissions`` gives."""
    revealed = challenge.status == ChallengeStatus.REVEALED
    baseline_rows = [s for s in submissions if s.is_baseline]
    baseline = next((s for s in baseline_rows if s.status == "scored"), None)
    teams: dict[str, list[Submission]] = {}
    for submission in submissions:
        if submission.team is not None:
            teams.setdefault(submission.team, []).append(submission)
    rows: list[LeaderboardRow] = []
    external_rows: list[LeaderboardRow] = []
    for team in teams.values():
        used = sum(s.status != "failed" for s in team)  # one quota for both kinds
        platform = [s for s in team if not s.external]
        elsewhere = [s for s in team if s.external]
        if platform:
            rows.append(_row(platform, challenge, baseline, used=used))
        if elsewhere:
            external_rows.append(_row(elsewhere, challenge, baseline, used=used))
    if not revealed:
        for row in external_rows:
            row.private_score = None
    ranked = sorted(
        (r for r in rows if r.public_score is not None),
        key=lambda r: (-(r.public_score or 0.0), r.best_submission_at),
    )
    for rank, row in enumerate(ranked, start=1):
        row.rank = rank
    if revealed:
        final = sorted(ranked, key=lambda r: -(r.private_score or 0.0))
        for rank, row in enumerate(final, start=1):
            row.final_rank = rank
            row.rank_change = (row.rank or rank) - rank
    else:
        for row in rows:
            row.private_score = None
    pinned = _row(baseline_rows, challenge, baseline) if baseline_rows else None
    if pinned is not None and not revealed:
        pinned.private_score = None
    return Leaderboard(
        challenge_id=challenge.id,
        status=challenge.status,
        revealed=revealed,
        public_examples=None if baseline is None else baseline.public_examples,
        baseline=pinned,
        rows=[*ranked, *(r for r in rows if r.public_score is None)],
        external_rows=external_rows,
    )
