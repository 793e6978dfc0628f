"""/api/v1/challenges on the real Redis (db 7) and a SQLite job store.

No worker runs: jobs are moved through the store as a worker would, and the
scoring messages are read off the ``scoring`` queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from lab_common.challenges.external import external_model_path
from lab_common.job_messages import job_error
from lab_common.jobs import SCORING_QUEUE, TRAINING_QUEUE, JobStatus
from lab_common.messages import render
from lab_gateway.main import create_app
from tests.conftest import course_data_dir
from tests.unit.gateway.labs import GatewayLab, gateway_lab

REDIS_URL = "redis://127.0.0.1:6379/7"
CHALLENGES = "/api/v1/challenges"
JOBS = "/api/v1/training-jobs"
QUOTA = 2


class Lab(GatewayLab):
    def create_open_challenge(self, **options: Any) -> dict[str, Any]:
        return self.open_challenge(**{"quota": QUOTA, "seed": 7, **options})

    def start_job(self, who: str, challenge_id: str | None, **changes: Any) -> str:
        spec = {
            "task": "image-classification",
            "dataset": "mnist-5k",
            "architecture": "dense",
            "epochs": 1,
            "challenge_id": challenge_id,
            **changes,
        }
        response = self.client.post(JOBS, json=spec, headers=self.auth(who))
        assert response.status_code == 202, response.text
        job_id: str = response.json()["id"]
        return job_id

    def succeed(self, job_id: str) -> None:
        self.store.start_attempt(job_id, worker="w")
        self.store.finish(
            job_id, JobStatus.SUCCEEDED, model_name="m", model_version="1"
        )

    def submit(self, who: str, challenge_id: str, job_id: str) -> Any:
        return self.client.post(
            f"{CHALLENGES}/{challenge_id}/submissions",
            json={"job_id": job_id, "note": "moins de taux d'apprentissage"},
            headers=self.auth(who),
        )


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with gateway_lab(tmp_path, Lab, redis_url=REDIS_URL) as running:
        yield running


def problem_of(response: Any) -> tuple[int, str]:
    return response.status_code, response.json()["type"]


def test_create_queues_the_baseline_job_owned_by_the_admin(lab: Lab) -> None:
    challenge = lab.create_open_challenge()

    baseline = lab.store.get_job(challenge["baseline_job_id"])

    assert baseline.owner == "admin"
    assert baseline.spec.challenge_id == challenge["id"]
    assert baseline.spec.architecture == "dense"
    assert challenge["manifest"]["splits"]["public"]["rows"] == 500
    assert lab.broker.llen(TRAINING_QUEUE) == 1


def test_only_an_admin_creates_a_challenge(lab: Lab) -> None:
    response = lab.client.post(
        CHALLENGES, json={"template": "chiffres-dense"}, headers=lab.auth("red")
    )

    assert problem_of(response) == (403, "/problems/forbidden")


def test_an_unavailable_template_is_refused_with_its_reason(lab: Lab) -> None:
    response = lab.client.post(
        CHALLENGES, json={"template": "sentiment-faible"}, headers=lab.auth("admin")
    )

    assert problem_of(response) == (422, "/problems/template-unavailable")


def test_a_sentiment_challenge_is_created_when_allocine_is_here(lab: Lab) -> None:
    settings = lab.settings.model_copy(update={"data_dir": course_data_dir()})
    with TestClient(create_app(settings)) as client:
        templates = client.get(
            f"{CHALLENGES}/templates", headers=lab.auth("admin")
        ).json()["templates"]
        created = client.post(
            CHALLENGES,
            json={"template": "sentiment-faible", "seed": 7},
            headers=lab.auth("admin"),
        )

    assert {t["id"]: t["available"] for t in templates}["sentiment-faible"]
    assert created.status_code == 201, created.text
    challenge = created.json()
    sizes = {k: v["rows"] for k, v in challenge["manifest"]["splits"].items()}
    assert (sizes["validation"], sizes["public"], sizes["private"]) == (300, 400, 800)
    baseline = lab.store.get_job(challenge["baseline_job_id"])
    assert baseline.spec.task == "text-classification"
    assert baseline.spec.dataset == "allocine"
    assert baseline.spec.challenge_id == challenge["id"]


def test_an_unavailable_template_says_why_in_the_readers_language(lab: Lab) -> None:
    for language, said in (("fr", "ARCHILAB_DATA_DIR sur"), ("en", "Set ARCHILAB")):
        response = lab.client.get(
            f"{CHALLENGES}/templates",
            headers={**lab.auth("admin"), "Accept-Language": language},
        )
        by_id = {t["id"]: t for t in response.json()["templates"]}
        assert not by_id["sentiment-faible"]["available"]
        assert said in by_id["sentiment-faible"]["unavailable_reason"]


def test_challenges_need_a_key_even_when_reading_is_open(lab: Lab) -> None:
    assert problem_of(lab.client.get(CHALLENGES)) == (401, "/problems/unauthorized")


def test_a_team_does_not_see_a_draft(lab: Lab) -> None:
    created = lab.client.post(
        CHALLENGES, json={"template": "chiffres-dense"}, headers=lab.auth("admin")
    ).json()

    listed = lab.client.get(CHALLENGES, headers=lab.auth("red")).json()
    one = lab.client.get(f"{CHALLENGES}/{created['id']}", headers=lab.auth("red"))

    assert listed["challenges"] == []
    assert problem_of(one) == (404, "/problems/challenge-not-found")


def test_a_challenge_job_on_another_dataset_is_refused(lab: Lab) -> None:
    challenge = lab.create_open_challenge()

    response = lab.client.post(
        JOBS,
        json={
            "task": "image-classification",
            "dataset": "sklearn-digits",
            "architecture": "dense",
            "challenge_id": challenge["id"],
        },
        headers=lab.auth("red"),
    )

    assert problem_of(response) == (422, "/problems/validation")


def test_a_third_running_job_of_a_team_waits_with_retry_after(lab: Lab) -> None:
    challenge = lab.create_open_challenge()
    for _ in range(2):
        lab.start_job("red", challenge["id"])

    response = lab.client.post(
        JOBS,
        json={
            "task": "image-classification",
            "dataset": "mnist-5k",
            "architecture": "dense",
            "challenge_id": challenge["id"],
        },
        headers=lab.auth("red"),
    )

    assert problem_of(response) == (429, "/problems/challenge-quota-exceeded")
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["remaining_submissions"] == QUOTA
    assert lab.start_job("blue", challenge["id"])  # other teams are not held


def test_challenge_jobs_need_a_key_and_stay_with_their_team(lab: Lab) -> None:
    challenge = lab.create_open_challenge()
    job_id = lab.start_job("red", challenge["id"])

    anonymous = lab.client.get(f"{JOBS}/{job_id}")
    other_team = lab.client.get(f"{JOBS}/{job_id}", headers=lab.auth("blue"))
    listed = lab.client.get(JOBS).json()["jobs"]

    assert problem_of(anonymous) == (401, "/problems/unauthorized")
    assert problem_of(other_team) == (404, "/problems/job-not-found")
    assert listed == []


def test_a_submission_is_queued_for_scoring(lab: Lab) -> None:
    challenge = lab.create_open_challenge()
    job_id = lab.start_job("red", challenge["id"])
    lab.succeed(job_id)

    response = lab.submit("red", challenge["id"], job_id)
    detail = lab.client.get(
        f"{CHALLENGES}/{challenge['id']}", headers=lab.auth("red")
    ).json()

    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"
    assert lab.broker.llen(SCORING_QUEUE) == 1
    assert detail["remaining_submissions"] == QUOTA - 1
    assert [s["job_id"] for s in detail["submissions"]] == [job_id]


@pytest.mark.parametrize(
    ("case", "variant"),
    [
        ("other-team", "not-your-job"),
        ("unfinished", "job-not-finished"),
        ("failed", "job-failed"),
        ("outside", "outside-challenge"),
        ("other-dataset", "other-dataset"),
        ("twice", "already-submitted"),
    ],
)
def test_a_bad_submission_is_refused_saying_what_to_fix(
    lab: Lab, case: str, variant: str
) -> None:
    challenge = lab.create_open_challenge()
    owner = "blue" if case == "other-team" else "red"
    inside = case not in ("outside", "other-dataset")
    dataset = "sklearn-digits" if case == "other-dataset" else "mnist-5k"
    job_id = lab.start_job(owner, challenge["id"] if inside else None, dataset=dataset)
    if case == "failed":
        lab.store.fail_queued(job_id, job_error("queue-unavailable", reason="x"))
    elif case != "unfinished":
        lab.succeed(job_id)
    if case == "twice":
        assert lab.submit("red", challenge["id"], job_id).status_code == 202

    response = lab.submit("red", challenge["id"], job_id)

    body = response.json()
    said = render(f"problem.submission-refused.{variant}", body["params"], "fr")
    assert problem_of(response) == (422, "/problems/submission-refused")
    assert body["detail"] == said
    assert job_id in body["detail"]


def test_over_quota_is_429_with_no_submission_left(lab: Lab) -> None:
    challenge = lab.create_open_challenge()
    answers = []
    for _ in range(QUOTA + 1):
        job_id = lab.start_job("red", challenge["id"])
        lab.succeed(job_id)
        answers.append(lab.submit("red", challenge["id"], job_id))

    assert [a.status_code for a in answers] == [202] * QUOTA + [429]
    assert answers[-1].json()["type"] == "/problems/challenge-quota-exceeded"
    assert answers[-1].json()["remaining_submissions"] == 0


def test_a_frozen_challenge_takes_no_submission(lab: Lab) -> None:
    challenge = lab.create_open_challenge()
    job_id = lab.start_job("red", challenge["id"])
    lab.succeed(job_id)
    lab.client.post(f"{CHALLENGES}/{challenge['id']}/freeze", headers=lab.auth("admin"))

    response = lab.submit("red", challenge["id"], job_id)

    assert problem_of(response) == (409, "/problems/challenge-closed")


def test_states_out_of_order_are_409(lab: Lab) -> None:
    challenge = lab.create_open_challenge()

    response = lab.client.post(
        f"{CHALLENGES}/{challenge['id']}/reveal", headers=lab.auth("admin")
    )

    assert problem_of(response) == (409, "/problems/challenge-state-conflict")


def test_problems_speak_english_on_request(lab: Lab) -> None:
    response = lab.client.get(
        f"{CHALLENGES}/{'0' * 32}",
        headers={**lab.auth("admin"), "Accept-Language": "en"},
    )

    assert response.json()["title"] == "Challenge not found"


def test_results_csv_is_for_the_admin(lab: Lab) -> None:
    challenge = lab.create_open_challenge()
    job_id = lab.start_job("red", challenge["id"])
    lab.succeed(job_id)
    lab.submit("red", challenge["id"], job_id)

    csv = lab.client.get(
        f"{CHALLENGES}/{challenge['id']}/results.csv", headers=lab.auth("admin")
    )
    refused = lab.client.get(
        f"{CHALLENGES}/{challenge['id']}/results.csv", headers=lab.auth("red")
    )

    assert csv.headers["content-type"].startswith("text/csv")
    assert csv.text.splitlines()[0].startswith("team,submission_id,job_id")
    assert "red" in csv.text and "moins de taux" in csv.text
    assert problem_of(refused) == (403, "/problems/forbidden")


# --- a .keras file trained elsewhere -------------------------------------------

# The gateway never opens the model (no TensorFlow): a zip is all it checks.
KERAS_LIKE = b"PK\x03\x04" + b"\x00" * 60


def send_model(
    lab: Lab, challenge_id: str, content: bytes = KERAS_LIKE, who: str = "red"
) -> Any:
    return lab.client.post(
        f"{CHALLENGES}/{challenge_id}/submissions/file",
        files={"file": ("mon-modèle.keras", content)},
        data={"note": "entraîné sur Colab, augmentation « forte »"},
        headers=lab.auth(who),
    )


def test_a_model_file_is_kept_and_queued_for_scoring_unranked(lab: Lab) -> None:
    challenge = lab.create_open_challenge(allow_external=True)

    response = send_model(lab, challenge["id"])

    submission = response.json()
    path = external_model_path(
        lab.settings.datasets_dir, challenge["id"], submission["id"]
    )
    assert response.status_code == 202, response.text
    assert (submission["external"], submission["job_id"]) == (True, None)
    assert submission["note"] == "entraîné sur Colab, augmentation « forte »"
    assert path.read_bytes() == KERAS_LIKE
    assert lab.broker.llen(SCORING_QUEUE) == 1
    assert not list(path.parent.glob("*.partial"))


def test_a_model_file_needs_the_teachers_leave(lab: Lab) -> None:
    challenge = lab.create_open_challenge()

    response = send_model(lab, challenge["id"])

    assert problem_of(response) == (422, "/problems/submission-refused")
    assert response.json()["detail"] == render(
        "problem.submission-refused.external-not-allowed", {}, "fr"
    )


@pytest.mark.parametrize(
    ("content", "variant"),
    [
        (b"\x89HDF\r\n\x1a\n" + b"\x00" * 40, "external-not-keras"),  # a .h5
        (b"", "external-not-keras"),
    ],
)
def test_a_file_that_is_no_keras_archive_is_refused(
    lab: Lab, content: bytes, variant: str
) -> None:
    challenge = lab.create_open_challenge(allow_external=True)

    response = send_model(lab, challenge["id"], content)

    assert problem_of(response) == (422, "/problems/submission-refused")
    assert response.json()["detail"] == render(
        f"problem.submission-refused.{variant}", {"filename": "mon-modèle.keras"}, "fr"
    )
    assert lab.broker.llen(SCORING_QUEUE) == 0


def test_a_model_file_over_the_limit_is_413_and_nothing_is_kept(lab: Lab) -> None:
    challenge = lab.create_open_challenge(allow_external=True)
    lab.settings.max_submission_file_bytes = 1024

    response = send_model(lab, challenge["id"], KERAS_LIKE + b"\x00" * 200_000)

    assert problem_of(response) == (413, "/problems/payload-too-large")
    assert not (lab.settings.datasets_dir / "_challenge-models").exists()


def test_a_model_file_must_come_as_multipart_in_field_file(lab: Lab) -> None:
    challenge = lab.create_open_challenge(allow_external=True)
    url = f"{CHALLENGES}/{challenge['id']}/submissions/file"

    raw = lab.client.post(url, content=KERAS_LIKE, headers=lab.auth("red"))
    misnamed = lab.client.post(
        url, files={"model": ("m.keras", KERAS_LIKE)}, headers=lab.auth("red")
    )

    assert problem_of(raw) == (415, "/problems/unsupported-media-type")
    assert problem_of(misnamed) == (422, "/problems/submission-refused")


def test_model_files_count_against_the_quota_and_stop_at_the_freeze(lab: Lab) -> None:
    challenge = lab.create_open_challenge(allow_external=True)
    for _ in range(QUOTA):
        assert send_model(lab, challenge["id"]).status_code == 202

    over = send_model(lab, challenge["id"])
    lab.client.post(f"{CHALLENGES}/{challenge['id']}/freeze", headers=lab.auth("admin"))
    frozen = send_model(lab, challenge["id"], who="blue")
    admin = send_model(lab, challenge["id"], who="admin")

    assert problem_of(over) == (429, "/problems/challenge-quota-exceeded")
    assert problem_of(frozen) == (409, "/problems/challenge-closed")
    assert problem_of(admin) == (422, "/problems/submission-refused")
