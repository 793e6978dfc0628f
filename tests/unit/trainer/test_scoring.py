"""Scoring a submission on the hidden splits, and the baseline's own row."""

from __future__ import annotations

import zipfile

import keras
import pytest

from lab_common.challenges.data import draw_splits, pool_of
from lab_common.challenges.external import external_model_path
from lab_common.challenges.leaderboard import build_leaderboard
from lab_common.challenges.schemas import Submission
from lab_common.challenges.templates import TEMPLATES, baseline_model_name
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.jobs import JobStatus, TrainingJobSpec
from lab_common.messages import use_language
from lab_common.registry import MODEL_FILENAME, DatasetRef, ModelMetadata, ModelRegistry
from lab_common.store import ChallengeStore, JobStore, connect_database
from lab_trainer.baselines import queue_baseline_scoring
from lab_trainer.models.images import build_dense
from lab_trainer.scoring import score_submission
from lab_trainer.settings import Settings

CHALLENGE_ID = "c" * 32
TEMPLATE = TEMPLATES["chiffres-dense"]


@pytest.fixture
def challenges(settings: Settings) -> ChallengeStore:
    engine = connect_database(settings.database_url)
    store = ChallengeStore(engine)
    labels = pool_of(load_image_dataset("mnist-5k", None, None))[1]
    store.create_challenge(
        challenge_id=CHALLENGE_ID,
        template=TEMPLATE.id,
        title="Défi",
        dataset=TEMPLATE.dataset,
        quota=10,
        allow_external=False,
        seed=7,
        manifest=draw_splits(TEMPLATE, labels, 7).manifest(),
        created_by="admin",
    )
    store.advance(CHALLENGE_ID, "open")
    return store


def finished_job(store: JobStore, settings: Settings, owner: str, name: str) -> str:
    """A succeeded challenge job whose model (untrained, seeded) is registered."""
    spec = TEMPLATE.baseline_spec(CHALLENGE_ID, name)
    job = store.create_job(spec, owner=owner)
    keras.utils.set_random_seed(1)
    model = build_dense()
    metadata = ModelMetadata(
        name=name,
        task="image-classification",
        class_names=[str(d) for d in range(10)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={"train": 3000}),
        training_config=spec.model_dump(mode="json"),
        duration_seconds=1.0,
        owner=owner,
        job_id=job.id,
    )
    stored = ModelRegistry(settings.models_dir).register(
        metadata, lambda folder: model.save(folder / MODEL_FILENAME)
    )
    store.start_attempt(job.id, worker="w")
    store.finish(
        job.id, JobStatus.SUCCEEDED, model_name=name, model_version=stored.version
    )
    return job.id


def test_baseline_gets_its_row_and_its_scoring_is_sent(
    settings: Settings, store: JobStore, challenges: ChallengeStore
) -> None:
    job_id = finished_job(store, settings, "admin", baseline_model_name(CHALLENGE_ID))
    sent: list[str] = []

    submission_id = queue_baseline_scoring(job_id, settings, sent.append)
    again = queue_baseline_scoring(job_id, settings, sent.append)

    baseline = challenges.get_submission(str(submission_id))
    assert sent == [submission_id] and again is None
    assert (baseline.is_baseline, baseline.team) == (True, None)


def test_a_team_job_is_not_taken_for_the_baseline(
    settings: Settings, store: JobStore, challenges: ChallengeStore
) -> None:
    job_id = finished_job(store, settings, "team:red", "red-digits")

    assert queue_baseline_scoring(job_id, settings, print) is None


def test_scoring_stores_aggregates_of_both_hidden_splits(
    settings: Settings, store: JobStore, challenges: ChallengeStore
) -> None:
    job_id = finished_job(store, settings, "team:red", "red-digits")
    submission = challenges.add_submission(
        CHALLENGE_ID, team="red", job_id=job_id, note="essai"
    )
    assert submission is not None

    status = score_submission(submission.id, settings)

    scored = challenges.get_submission(submission.id)
    assert status == "scored"
    assert (scored.public_examples, scored.private_examples) == (500, 1000)
    assert 0.0 <= (scored.public_score or -1) <= 1.0
    assert scored.shown_public_score == round(scored.public_score or 0, 3)
    assert scored.parameters == build_dense().count_params()
    assert scored.architecture == "dense"
    assert (scored.latency_ms_per_image or 0) > 0
    assert score_submission(submission.id, settings) == "scored"  # idempotent


def test_scoring_a_job_without_model_fails_the_submission(
    settings: Settings, store: JobStore, challenges: ChallengeStore
) -> None:
    spec = TrainingJobSpec.model_validate(
        {**TEMPLATE.baseline, "dataset": "mnist-5k", "challenge_id": CHALLENGE_ID}
    )
    job = store.create_job(spec, owner="team:red")
    submission = challenges.add_submission(
        CHALLENGE_ID, team="red", job_id=job.id, note=""
    )
    assert isinstance(submission, Submission)

    status = score_submission(submission.id, settings)

    assert status == "failed"
    assert "no model version" in (challenges.get_submission(submission.id).error or "")


# --- models trained elsewhere ------------------------------------------------


def external_submission(
    settings: Settings, challenges: ChallengeStore, model: keras.Model
) -> Submission:
    """A .keras file of team red, kept where the gateway keeps it."""
    submission = challenges.add_submission(
        CHALLENGE_ID, team="red", job_id=None, note="notebook", external=True
    )
    assert submission is not None
    path = external_model_path(settings.datasets_dir, CHALLENGE_ID, submission.id)
    path.parent.mkdir(parents=True)
    model.save(path)
    return submission


def test_a_model_trained_elsewhere_is_scored_marked_and_never_ranked(
    settings: Settings, challenges: ChallengeStore
) -> None:
    keras.utils.set_random_seed(1)
    submission = external_submission(settings, challenges, build_dense())

    status = score_submission(submission.id, settings)

    scored = challenges.get_submission(submission.id)
    board = build_leaderboard(
        challenges.get_challenge(CHALLENGE_ID),
        challenges.list_submissions(CHALLENGE_ID),
    )
    assert status == "scored"
    assert (scored.external, scored.architecture, scored.public_examples) == (
        True,
        None,
        500,
    )
    assert board.rows == []  # nothing ranked
    [row] = board.external_rows
    assert (row.team, row.external, row.rank) == ("red", True, None)
    assert row.public_score == scored.shown_public_score


def test_a_lambda_layer_is_refused_by_safe_mode_and_told_in_french(
    settings: Settings, challenges: ChallengeStore
) -> None:
    inputs = keras.Input((28, 28, 1))
    flat = keras.layers.Flatten()(keras.layers.Lambda(lambda x: x * 2.0)(inputs))
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(flat))
    submission = external_submission(settings, challenges, model)

    status = score_submission(submission.id, settings)

    failed = challenges.get_submission(submission.id)
    assert status == "failed"
    assert failed.error_code == "external-unloadable"
    assert (failed.error or "").startswith("Le fichier ne s'ouvre pas en mode sûr")


def test_a_model_of_the_wrong_shape_fails_naming_both_shapes(
    settings: Settings, challenges: ChallengeStore
) -> None:
    inputs = keras.Input((32, 32, 3))
    flat = keras.layers.Flatten()(inputs)
    model = keras.Model(inputs, keras.layers.Dense(5, activation="softmax")(flat))
    submission = external_submission(settings, challenges, model)

    status = score_submission(submission.id, settings)

    failed = challenges.get_submission(submission.id)
    assert status == "failed"
    assert failed.error_code == "external-shape"
    with use_language("en"):
        english = challenges.get_submission(submission.id).error
    assert english == (
        "The model takes inputs 32×32×3 and gives 5; this challenge gives "
        "images 28×28×1 and expects 10 classes out."
    )


def test_a_file_that_is_no_keras_model_fails_the_submission(
    settings: Settings, challenges: ChallengeStore
) -> None:
    submission = challenges.add_submission(
        CHALLENGE_ID, team="red", job_id=None, note="", external=True
    )
    assert submission is not None
    path = external_model_path(settings.datasets_dir, CHALLENGE_ID, submission.id)
    path.parent.mkdir(parents=True)
    with zipfile.ZipFile(path, "w") as archive:  # a zip, but not a model
        archive.writestr("notes.txt", "bonjour")

    assert score_submission(submission.id, settings) == "failed"
    assert challenges.get_submission(submission.id).error_code == "external-unloadable"
