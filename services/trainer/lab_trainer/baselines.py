"""A challenge's baseline job, once it succeeded, is scored like a submission.

No TensorFlow here: the training task calls it after the job ended.
"""

from __future__ import annotations

from collections.abc import Callable

from lab_common.challenges.templates import baseline_model_name
from lab_common.store import ChallengeStore, JobStore, connect_database
from lab_trainer.settings import Settings


def queue_baseline_scoring(
    job_id: str, settings: Settings, send: Callable[[str], object]
) -> str | None:
    """If ``job_id`` is a challenge's baseline: add its (unranked) row and queue
    its scoring with ``send(submission_id)``. The submission's id, or None."""
    engine = connect_database(settings.database_url)
    try:
        job = JobStore(engine).get_job(job_id)
        challenge_id = job.spec.challenge_id
        if challenge_id is None:
            return None
        challenges = ChallengeStore(engine)
        challenge = challenges.get_challenge(challenge_id)
        # By name, not baseline_job_id: the job may end before that is stored.
        is_baseline = job.owner == challenge.created_by and (
            job.spec.model_name == baseline_model_name(challenge_id)
        )
        if not is_baseline:
            return None
        if challenges.find_submission_of_job(challenge_id, job_id) is not None:
            return None  # a redelivered message: already queued
        submission = challenges.add_submission(
            challenge_id, team=None, job_id=job_id, note="baseline"
        )
        assert submission is not None  # the baseline has no quota
        send(submission.id)
        return submission.id
    finally:
        engine.dispose()
