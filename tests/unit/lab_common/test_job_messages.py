"""Job messages: every code (log line or error) has its sentence in French and
English in the server's catalogue, and readers get it in their language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lab_common.job_messages import (
    ERROR_MESSAGES,
    LOG_MESSAGES,
    job_error,
    job_log,
    render_job_message,
)
from lab_common.jobs import JobStatus, TrainingJobSpec
from lab_common.messages import placeholders, use_language
from lab_common.store import JobStore
from lab_common.store.database import connect_database, sqlite_url
from lab_common.store.migration import upgrade_database

FRONTEND = Path(__file__).resolve().parents[3] / "frontend" / "js"


@pytest.mark.parametrize(
    ("code", "sentences"), sorted({**ERROR_MESSAGES, **LOG_MESSAGES}.items())
)
def test_every_job_message_has_french_and_english_with_the_same_values(
    code: str, sentences: tuple[str, str]
) -> None:
    french, english = sentences

    assert french and english and french != english, code
    assert placeholders(french) == placeholders(english), code


def test_the_browser_no_longer_keeps_its_own_job_sentences() -> None:
    scripts = "".join(p.read_text(encoding="utf-8") for p in FRONTEND.rglob("*.js"))

    assert "jobs.errors." not in scripts
    assert "jobs.log.code." not in scripts
    assert "translateJobMessage" not in scripts


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


def test_render_job_message_tells_a_term_in_french() -> None:
    error = job_error("loss-diverged-in-validation", value="infinite", epoch=2)

    french = render_job_message("error", error.code, error.params, "fr")

    assert french.startswith("La perte est devenue infinie à l'époque 2 (validation)")


def test_data_unusable_tells_the_problem_behind_it_in_each_language() -> None:
    error = job_error(
        "data-unusable",
        problem="problem.dataset-not-found.unknown",
        detail="No dataset 'chats-et-chiens'; GET /api/v1/datasets lists them all.",
        dataset="chats-et-chiens",
    )

    french = render_job_message("error", error.code, error.params, "fr")
    english = render_job_message("error", error.code, error.params, "en")

    assert french.startswith("Données inutilisables\u00a0: Il n'y a pas de jeu")
    assert "« chats-et-chiens »" in french.replace("\u00a0", " ")
    assert english == f"Data unusable: {error.params['detail']}"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[JobStore]:
    database_url = sqlite_url(tmp_path / "jobs.db")
    upgrade_database(database_url)
    engine = connect_database(database_url)
    yield JobStore(engine)
    engine.dispose()


def test_job_store_renders_log_lines_and_reasons_in_the_readers_language(
    store: JobStore,
) -> None:
    spec = TrainingJobSpec(task="image-classification", dataset="mnist-5k",
                           architecture="tiny-cnn")  # fmt: skip
    job = store.create_job(spec, owner="team:été")
    store.start_attempt(job.id, worker="w")
    store.add_log(job.id, job_log("registered", name="chiffres-équipe", version="2"))
    store.finish(job.id, JobStatus.FAILED, error=job_error("out-of-memory"))

    with use_language("en"):
        english = store.get_job(job.id)
        english_events = store.events_since(job.id)
    french = store.get_job(job.id, language="fr")
    french_events = store.events_since(job.id, language="fr")

    assert english.error == (
        "The job ran out of memory: lower the batch size or use a smaller model."
    )
    assert french.error == (
        "La mémoire a manqué\u00a0: baissez la taille des lots ou prenez un modèle "
        "plus petit."
    )
    logs = [e.data["message"] for e in french_events if e.kind == "log"]
    assert logs == ["Modèle chiffres-équipe enregistré en version 2."]
    statuses = [e.data.get("error") for e in english_events if e.kind == "status"]
    assert statuses[-1] == english.error
