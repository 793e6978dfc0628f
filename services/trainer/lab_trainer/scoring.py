"""Scoring a challenge submission on the hidden splits: ``score_submission``.

Runs in the ``scoring`` worker. Loads the submitted job's model version,
measures its accuracy on the public and private splits (drawn again from the
challenge's seed and checked against its manifest), its parameters and its
latency per example (per image, or per text for a text challenge: the stored
field keeps its name ``latency_ms_per_image``), applies the ladder rule and
stores aggregates only: no prediction of a hidden example is ever written
anywhere.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from lab_common.challenges.data import (
    checked_splits,
    hidden_split,
    load_challenge_data,
    pool_of,
)
from lab_common.challenges.external import external_model_path
from lab_common.challenges.leaderboard import leaderboard_channel
from lab_common.challenges.rules import ladder_step, round_shown
from lab_common.challenges.schemas import Submission
from lab_common.challenges.templates import IMAGE_TASK, TEMPLATES
from lab_common.confusion import predicted_classes
from lab_common.registry import ModelRegistry
from lab_common.store import ChallengeStore, JobStore, connect_database
from lab_trainer.settings import Settings
from lab_trainer.training.image_pipeline import EVALUATION_BATCH_SIZE, PIXEL_SCALE
from lab_trainer.training.reporting import WakeUpPublisher
from lab_trainer.training.text import EVALUATION_BATCH_SIZE as TEXT_BATCH_SIZE

logger = logging.getLogger(__name__)

MAX_ERROR_CHARACTERS = 600


def measure(
    model: keras.Model, examples: np.ndarray, labels: np.ndarray
) -> tuple[float, float]:
    """(accuracy, seconds of the prediction pass) of ``model`` on these examples:
    images (uint8 pixels) or texts (an object array of ``str``, read raw: a text
    model vectorises inside itself)."""
    if examples.dtype == object:
        inputs, batch_size = tf.constant(examples.tolist()), TEXT_BATCH_SIZE
    else:
        inputs = examples.astype(np.float32) / PIXEL_SCALE
        batch_size = EVALUATION_BATCH_SIZE
    started = time.perf_counter()
    scores = model.predict(inputs, batch_size=batch_size, verbose=0)
    seconds = time.perf_counter() - started
    return float(np.mean(predicted_classes(scores) == labels)), seconds


def _team_reference(
    earlier: list[Submission], baseline_score: float | None
) -> tuple[float | None, float | None]:
    """The team's shown best before this submission, and the significance reference."""
    shown = [s.shown_public_score for s in earlier if s.shown_public_score is not None]
    best = max(shown) if shown else None
    return best, best if best is not None else baseline_score


def ladder_values(
    submission: Submission, others: list[Submission], public: float, examples: int
) -> dict[str, object]:
    """The shown score and significance flag this public score earns."""
    if submission.is_baseline:
        return {"shown_public_score": round_shown(public), "significant": None}
    baseline = next((s for s in others if s.is_baseline and s.status == "scored"), None)
    earlier = [
        s
        for s in others
        if s.team == submission.team
        # A model trained elsewhere climbs its own ladder, apart from the ranked one.
        and s.external == submission.external
        and s.status == "scored"
        and s.id != submission.id
        and s.created_at <= submission.created_at
    ]
    best, reference = _team_reference(
        earlier, None if baseline is None else baseline.public_score
    )
    step = ladder_step(best, reference, public, examples)
    return {"shown_public_score": step.shown, "significant": step.significant}


class SubmissionUnusable(Exception):
    """The submitted model cannot be scored; ``code`` names the sentence."""

    def __init__(self, code: str, **params: str | int) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def load_external_model(path: Path) -> keras.Model:
    """A .keras file trained elsewhere, opened in safe mode: no Lambda layer
    (its bytecode would run here), no custom class."""
    try:
        return keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises ValueError, TypeError, OSError…
        reason = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARACTERS]
        raise SubmissionUnusable("external-unloadable", reason=reason) from exc


def _shape(shape: object) -> str:
    return "×".join("?" if size is None else str(size) for size in tuple(shape)[1:])


def check_model_shapes(model: keras.Model, images: np.ndarray, classes: int) -> None:
    """The model takes the challenge's images and gives one score per class."""
    inputs = model.inputs
    found = tuple(inputs[0].shape) if len(inputs) == 1 else None
    expected = (None, *images.shape[1:])
    fits = (
        found is not None
        and all(
            size is None or size == want
            for size, want in zip(found[1:], expected[1:], strict=False)
        )
        and len(found) == len(expected)
    )
    outputs = model.outputs
    out_shape = tuple(outputs[0].shape) if len(outputs) == 1 else ()
    if not fits or out_shape[-1:] != (classes,):
        raise SubmissionUnusable(
            "external-shape",
            found=" + ".join(_shape(tensor.shape) for tensor in inputs),
            outputs=" + ".join(_shape(tensor.shape) for tensor in outputs),
            expected=_shape(expected),
            classes=classes,
        )


def _load_submitted(
    submission: Submission, jobs: JobStore, settings: Settings
) -> tuple[keras.Model, str | None]:
    """The submitted model and its architecture's name (None: trained elsewhere)."""
    if submission.external:
        path = external_model_path(
            settings.datasets_dir, submission.challenge_id, submission.id
        )
        return load_external_model(path), None
    if submission.job_id is None:
        raise ValueError(f"submission {submission.id} names no job")
    job = jobs.get_job(submission.job_id)
    if job.model_name is None or job.model_version is None:
        raise ValueError(f"job {job.id} has no model version")
    registry = ModelRegistry(settings.models_dir)
    model = keras.saving.load_model(
        registry.model_path(job.model_name, job.model_version), compile=False
    )
    return model, job.spec.architecture


def _evaluate(
    submission: Submission,
    challenges: ChallengeStore,
    jobs: JobStore,
    settings: Settings,
) -> dict[str, object]:
    challenge = challenges.get_challenge(submission.challenge_id)
    template = TEMPLATES[challenge.template]
    dataset = load_challenge_data(template, settings.data_dir, settings.datasets_dir)
    splits = checked_splits(
        template, pool_of(dataset)[1], challenge.seed, challenge.manifest
    )
    model, architecture = _load_submitted(submission, jobs, settings)
    public_examples, public_labels = hidden_split(dataset, splits, "public")
    private_examples, private_labels = hidden_split(dataset, splits, "private")
    if submission.external and template.task == IMAGE_TASK:
        check_model_shapes(model, public_examples, len(dataset.class_names))
    public, seconds = measure(model, public_examples, public_labels)
    private, _ = measure(model, private_examples, private_labels)
    others = challenges.list_submissions(challenge.id)
    return {
        "public_score": public,
        "private_score": private,
        "public_examples": len(public_labels),
        "private_examples": len(private_labels),
        "architecture": architecture,
        "parameters": int(model.count_params()),
        "latency_ms_per_image": round(seconds * 1000 / len(public_labels), 4),
        **ladder_values(submission, others, public, len(public_labels)),
    }


def announce_change(settings: Settings, challenge_id: str) -> None:
    """Wake the challenge's live leaderboards up (never raises: they poll too)."""
    publisher = WakeUpPublisher(settings.redis_url, leaderboard_channel(challenge_id))
    try:
        publisher.publish(0)
    finally:
        publisher.close()


def score_submission(submission_id: str, settings: Settings) -> str:
    """Score one submission; its final status. Idempotent: a scored one is left."""
    engine = connect_database(settings.database_url)
    try:
        challenges = ChallengeStore(engine)
        submission = challenges.get_submission(submission_id)
        if submission.status != "queued":
            return submission.status
        try:
            scores = _evaluate(submission, challenges, JobStore(engine), settings)
        except SubmissionUnusable as exc:
            # The team's model, not the server: said in the team's words.
            error = f"{exc.code}: {exc.params}"[:MAX_ERROR_CHARACTERS]
            failed = challenges.record_failure(
                submission_id, error, exc.code, exc.params
            )
            announce_change(settings, failed.challenge_id)
            return failed.status
        except Exception as exc:
            logger.error(
                "submission.failed",
                extra={"submission_id": submission_id},
                exc_info=exc,
            )
            error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARACTERS]
            failed = challenges.record_failure(submission_id, error)
            announce_change(settings, failed.challenge_id)
            return failed.status
        scored = challenges.record_score(submission_id, **scores)
        announce_change(settings, scored.challenge_id)
        logger.info(
            "submission.scored",
            extra={"submission_id": submission_id, "team": scored.team},
        )
        return scored.status
    finally:
        engine.dispose()
        # The child scores the next submission too: drop this model's graph.
        keras.backend.clear_session()
