"""Challenges and their submissions in the job store.

Status changes are conditional updates, like jobs': two admins clicking
"freeze" at once change it once. Submissions hold aggregates only.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, and_, func, insert, select, update
from sqlalchemy.engine import RowMapping

from lab_common.challenges.errors import ChallengeNotFound, ChallengeStateConflict
from lab_common.challenges.rules import ChallengeStatus, next_status
from lab_common.challenges.schemas import Challenge, Submission
from lab_common.datasets.splits import SplitManifest
from lab_common.messages import render
from lab_common.store.database import as_utc, challenge_submissions, challenges

# Timestamp column each status is reached at.
REACHED_AT = {
    ChallengeStatus.OPEN: "opened_at",
    ChallengeStatus.FROZEN: "frozen_at",
    ChallengeStatus.REVEALED: "revealed_at",
}
COUNTED_STATUSES = ("queued", "scored")  # a failed scoring is our fault: free


def _now() -> datetime:
    return datetime.now(UTC)


def _to_challenge(row: RowMapping) -> Challenge:
    values = dict(row)
    for column in ("created_at", *REACHED_AT.values()):
        values[column] = as_utc(values[column])
    values["manifest"] = SplitManifest.model_validate(values["manifest"])
    return Challenge.model_validate(values)


def _to_submission(row: RowMapping) -> Submission:
    values = dict(row)
    for column in ("created_at", "scored_at"):
        values[column] = as_utc(values[column])
    values["error_params"] = values["error_params"] or {}
    submission = Submission.model_validate(values)
    if submission.error_code is None:
        return submission
    # Told in the reader's language (the request's), like a job's error.
    error = render(f"submission.error.{submission.error_code}", submission.error_params)
    return submission.model_copy(update={"error": error})


class ChallengeStore:
    """Reads and writes challenges and submissions; safe to share between threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # --- challenges ------------------------------------------------------------

    def create_challenge(
        self,
        *,
        challenge_id: str,
        template: str,
        title: str,
        dataset: str,
        quota: int,
        allow_external: bool,
        seed: int,
        manifest: SplitManifest,
        created_by: str,
    ) -> Challenge:
        with self.engine.begin() as db:
            db.execute(
                insert(challenges).values(
                    id=challenge_id,
                    template=template,
                    title=title,
                    dataset=dataset,
                    status=ChallengeStatus.DRAFT,
                    quota=quota,
                    allow_external=allow_external,
                    seed=seed,
                    manifest=manifest.model_dump(mode="json"),
                    created_by=created_by,
                    created_at=_now(),
                )
            )
        return self.get_challenge(challenge_id)

    def set_baseline_job(self, challenge_id: str, job_id: str) -> None:
        with self.engine.begin() as db:
            db.execute(
                update(challenges)
                .where(challenges.c.id == challenge_id)
                .values(baseline_job_id=job_id)
            )

    def get_challenge(self, challenge_id: str) -> Challenge:
        with self.engine.connect() as db:
            row = (
                db.execute(select(challenges).where(challenges.c.id == challenge_id))
                .mappings()
                .first()
            )
        if row is None:
            raise ChallengeNotFound("unknown", challenge_id=challenge_id)
        return _to_challenge(row)

    def list_challenges(
        self, statuses: tuple[ChallengeStatus, ...] | None = None
    ) -> list[Challenge]:
        """Newest first; only ``statuses`` if given."""
        query = select(challenges).order_by(challenges.c.created_at.desc())
        if statuses is not None:
            query = query.where(challenges.c.status.in_([str(s) for s in statuses]))
        with self.engine.connect() as db:
            return [_to_challenge(row) for row in db.execute(query).mappings()]

    def advance(self, challenge_id: str, action: str) -> Challenge:
        """Apply ``action`` (open, freeze, reveal); 409 if the state forbids it."""
        current = self.get_challenge(challenge_id)
        reached = next_status(current.status, action)
        with self.engine.begin() as db:
            result = db.execute(
                update(challenges)
                .where(
                    challenges.c.id == challenge_id,
                    challenges.c.status == str(current.status),
                )
                .values(status=reached, **{REACHED_AT[reached]: _now()})
            )
        if result.rowcount == 0:  # another request moved it meanwhile
            latest = self.get_challenge(challenge_id)
            raise ChallengeStateConflict(
                "transition",
                action=action,
                status=str(latest.status),
                needed=str(current.status),
            )
        return self.get_challenge(challenge_id)

    def leaderboard_stamp(self, challenge_id: str) -> str:
        """A cheap stamp that changes whenever the leaderboard may have: the
        status, and the count and latest times of the submissions. The live
        leaderboard rebuilds only when it moves."""
        summary = select(
            func.count(),
            func.count(challenge_submissions.c.scored_at),
            func.max(challenge_submissions.c.created_at),
            func.max(challenge_submissions.c.scored_at),
        ).where(challenge_submissions.c.challenge_id == challenge_id)
        status = select(challenges.c.status).where(challenges.c.id == challenge_id)
        with self.engine.connect() as db:
            counts = db.execute(summary).one()
            state = db.execute(status).scalar_one_or_none()
        return "|".join(str(part) for part in (state, *counts))

    # --- submissions -----------------------------------------------------------

    def add_submission(
        self,
        challenge_id: str,
        *,
        team: str | None,
        job_id: str | None,
        note: str,
        quota: int | None = None,
        external: bool = False,
    ) -> Submission | None:
        """Store a queued submission; None if ``team`` already used ``quota``.

        Count and insert happen in one transaction (on PostgreSQL the challenge
        row is locked), so two requests at once cannot both take the last one.
        """
        submission_id = uuid.uuid4().hex
        with self.engine.begin() as db:
            db.execute(
                select(challenges.c.id)
                .where(challenges.c.id == challenge_id)
                .with_for_update()
            )
            if quota is not None and self._used(db, challenge_id, team) >= quota:
                return None
            db.execute(
                insert(challenge_submissions).values(
                    id=submission_id,
                    challenge_id=challenge_id,
                    team=team,
                    is_baseline=team is None,
                    job_id=job_id,
                    external=external,
                    note=note,
                    status="queued",
                    created_at=_now(),
                )
            )
        return self.get_submission(submission_id)

    def _used(self, db: Any, challenge_id: str, team: str | None) -> int:
        query = select(func.count()).where(
            challenge_submissions.c.challenge_id == challenge_id,
            challenge_submissions.c.team == team,
            challenge_submissions.c.status.in_(COUNTED_STATUSES),
        )
        return int(db.execute(query).scalar_one())

    def submissions_used(self, challenge_id: str, team: str) -> int:
        with self.engine.connect() as db:
            return self._used(db, challenge_id, team)

    def get_submission(self, submission_id: str) -> Submission:
        with self.engine.connect() as db:
            row = (
                db.execute(
                    select(challenge_submissions).where(
                        challenge_submissions.c.id == submission_id
                    )
                )
                .mappings()
                .one()
            )
        return _to_submission(row)

    def list_submissions(
        self, challenge_id: str, team: str | None = None
    ) -> list[Submission]:
        """Oldest first: the baseline, then every team's (``team``'s only if given)."""
        condition = challenge_submissions.c.challenge_id == challenge_id
        if team is not None:
            condition = and_(condition, challenge_submissions.c.team == team)
        query = (
            select(challenge_submissions)
            .where(condition)
            .order_by(challenge_submissions.c.created_at, challenge_submissions.c.id)
        )
        with self.engine.connect() as db:
            return [_to_submission(row) for row in db.execute(query).mappings()]

    def find_submission_of_job(
        self, challenge_id: str, job_id: str
    ) -> Submission | None:
        for submission in self.list_submissions(challenge_id):
            if submission.job_id == job_id and submission.status != "failed":
                return submission
        return None

    def record_score(self, submission_id: str, **scores: Any) -> Submission:
        """Mark scored with its aggregates (public, private, shown score…)."""
        return self._finish(submission_id, "scored", scores)

    def record_failure(
        self,
        submission_id: str,
        error: str,
        code: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> Submission:
        """Mark failed; ``code`` names a catalogue sentence told to each reader."""
        values = {"error": error, "error_code": code, "error_params": params}
        return self._finish(submission_id, "failed", values)

    def _finish(
        self, submission_id: str, status: str, values: dict[str, Any]
    ) -> Submission:
        with self.engine.begin() as db:
            db.execute(
                update(challenge_submissions)
                .where(challenge_submissions.c.id == submission_id)
                .values(status=status, scored_at=_now(), **values)
            )
        return self.get_submission(submission_id)
