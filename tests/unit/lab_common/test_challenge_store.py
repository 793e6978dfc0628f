"""Challenges and submissions in the job store, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest

from lab_common.challenges.data import draw_splits
from lab_common.challenges.errors import ChallengeNotFound, ChallengeStateConflict
from lab_common.challenges.leaderboard import Leaderboard, build_leaderboard
from lab_common.challenges.rules import ChallengeStatus
from lab_common.challenges.templates import TEMPLATES
from lab_common.jobs import JobStatus, TrainingJobSpec
from lab_common.store import (
    ChallengeStore,
    JobStore,
    connect_database,
    upgrade_database,
)

QUOTA = 2
LABELS = np.repeat(np.arange(10), 500)


@pytest.fixture
def stores(empty_database_url: str) -> Iterator[tuple[ChallengeStore, JobStore]]:
    upgrade_database(empty_database_url)
    engine = connect_database(empty_database_url)
    yield ChallengeStore(engine), JobStore(engine)
    engine.dispose()


def make_challenge(store: ChallengeStore, challenge_id: str = "c" * 32) -> str:
    template = TEMPLATES["chiffres-dense"]
    store.create_challenge(
        challenge_id=challenge_id,
        template=template.id,
        title="Défi",
        dataset=template.dataset,
        quota=QUOTA,
        allow_external=False,
        seed=7,
        manifest=draw_splits(template, LABELS, 7).manifest(),
        created_by="admin",
    )
    return challenge_id


def test_a_new_challenge_is_a_draft_with_its_manifest(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, _ = stores

    challenge = challenges.get_challenge(make_challenge(challenges))

    assert challenge.status == ChallengeStatus.DRAFT
    assert challenge.manifest.seed == 7
    assert challenge.manifest.splits["private"].rows == 1000


def test_advance_walks_the_states_and_refuses_a_repeat(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, _ = stores
    challenge_id = make_challenge(challenges)

    for action in ("open", "freeze", "reveal"):
        challenges.advance(challenge_id, action)

    revealed = challenges.get_challenge(challenge_id)
    assert revealed.status == ChallengeStatus.REVEALED
    assert revealed.opened_at and revealed.frozen_at and revealed.revealed_at
    with pytest.raises(ChallengeStateConflict):
        challenges.advance(challenge_id, "reveal")


def test_unknown_challenge_is_not_found(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, _ = stores

    with pytest.raises(ChallengeNotFound):
        challenges.get_challenge("0" * 32)


def test_quota_counts_a_teams_submissions_but_not_failed_ones(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, _ = stores
    challenge_id = make_challenge(challenges)
    first = challenges.add_submission(
        challenge_id, team="red", job_id="j1", note="", quota=QUOTA
    )
    assert first is not None
    challenges.record_failure(first.id, "boom")

    taken = [
        challenges.add_submission(
            challenge_id, team="red", job_id=f"j{n}", note="", quota=QUOTA
        )
        for n in (2, 3, 4)
    ]
    other_team = challenges.add_submission(
        challenge_id, team="blue", job_id="j5", note="", quota=QUOTA
    )

    assert [s is not None for s in taken] == [True, True, False]
    assert other_team is not None
    assert challenges.submissions_used(challenge_id, "red") == QUOTA


def test_jobs_in_a_challenge_are_counted_per_team_while_active(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, jobs = stores
    challenge_id = make_challenge(challenges)
    spec = TrainingJobSpec(
        task="image-classification",
        dataset="mnist-5k",
        architecture="dense",
        challenge_id=challenge_id,
    )
    running = jobs.create_job(spec, owner="team:red")
    jobs.create_job(spec, owner="team:red")
    jobs.create_job(spec.model_copy(update={"challenge_id": None}), owner="team:red")
    jobs.start_attempt(running.id, worker="w")
    jobs.finish(running.id, JobStatus.SUCCEEDED)

    active = jobs.count_active_in_challenge("team:red", challenge_id)
    outside = jobs.list_jobs(outside_challenges=True)

    assert active == 1
    assert [job.spec.challenge_id for job in outside] == [None]


def score(challenges: ChallengeStore, submission_id: str, public: float) -> None:
    challenges.record_score(
        submission_id,
        public_score=public,
        private_score=public - 0.01,
        shown_public_score=public,
        significant=True,
        public_examples=500,
        private_examples=1000,
        architecture="dense",
        parameters=50890,
        latency_ms_per_image=0.05,
    )


def leaderboard_of(challenges: ChallengeStore, challenge_id: str) -> Leaderboard:
    challenge = challenges.get_challenge(challenge_id)
    return build_leaderboard(challenge, challenges.list_submissions(challenge_id))


def test_leaderboard_pins_the_baseline_and_hides_private_until_reveal(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, _ = stores
    challenge_id = make_challenge(challenges)
    challenges.advance(challenge_id, "open")
    for team, job, public in (
        (None, "b", 0.86),
        ("red", "r", 0.93),
        ("blue", "u", 0.95),
    ):
        submission = challenges.add_submission(
            challenge_id, team=team, job_id=job, note=""
        )
        assert submission is not None
        score(challenges, submission.id, public)

    board = build_leaderboard(
        challenges.get_challenge(challenge_id),
        challenges.list_submissions(challenge_id),
    )

    assert board.baseline is not None and board.baseline.rank is None
    assert [(r.rank, r.team) for r in board.rows] == [(1, "blue"), (2, "red")]
    assert board.rows[0].delta_points == 9.0
    assert board.rows[0].errors_removed == pytest.approx(0.643, abs=1e-3)
    assert all(r.private_score is None for r in [*board.rows, board.baseline])


def test_leaderboard_after_reveal_gives_final_rank_and_change(
    stores: tuple[ChallengeStore, JobStore],
) -> None:
    challenges, _ = stores
    challenge_id = make_challenge(challenges)
    for action in ("open", "freeze", "reveal"):
        challenges.advance(challenge_id, action)
    for team, public, private in (("red", 0.95, 0.90), ("blue", 0.93, 0.94)):
        submission = challenges.add_submission(
            challenge_id, team=team, job_id=team, note=""
        )
        assert submission is not None
        score(challenges, submission.id, public)
        challenges.record_score(submission.id, private_score=private)

    board = build_leaderboard(
        challenges.get_challenge(challenge_id),
        challenges.list_submissions(challenge_id),
    )

    rows = {r.team: r for r in board.rows}
    assert (rows["red"].rank, rows["red"].final_rank, rows["red"].rank_change) == (
        1,
        2,
        -1,
    )
    assert (rows["blue"].final_rank, rows["blue"].rank_change) == (1, 1)
    assert rows["blue"].private_score == 0.94
