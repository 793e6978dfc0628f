"""The nlp service on a small English LSTM (French missing on purpose)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import keras
import numpy as np
import pytest
import tensorflow as tf
from fastapi.testclient import TestClient
from pydantic import SecretStr

from lab_common.datasets.texts import TextSplit, get_entry, load_split
from lab_common.job_files import JobFiles
from lab_common.registry import ModelRegistry
from lab_common.text.models import load_sentiment_model
from lab_nlp.evaluations import INTERRUPTED, EvaluationJob
from lab_nlp.explanations import gradient_x_input
from lab_nlp.main import create_app
from lab_nlp.settings import Settings
from lab_trainer.models.texts import build_sentiment_lstm
from tests.conftest import course_data_dir, wait_for_job
from tests.fakes.mistral_server import FakeMistral
from tests.unit.nlp.sentiment_models import post, register_sentiment_model

CLEAR_POSITIVE = "a wonderful , moving and beautifully acted film"
CLEAR_NEGATIVE = "a dull , boring and badly written mess"

ENGLISH = {"Accept-Language": "en"}


def train_small_english_model() -> keras.Model:
    """3,000 SST-2 phrases, two epochs: seconds, and clearly better than chance."""
    phrases = load_split(get_entry("sst2"), "train", course_data_dir())
    small = TextSplit(phrases.texts[:3000], phrases.labels[:3000])
    keras.utils.set_random_seed(1)
    model = build_sentiment_lstm(small.texts, None, name="sentiment-en")
    model.compile(optimizer="adam", loss="binary_crossentropy")
    data = tf.data.Dataset.from_tensor_slices(
        (tf.constant(small.texts), tf.constant(small.labels, tf.float32))
    )
    model.fit(data.shuffle(3000, seed=1).batch(64), epochs=2, verbose=0)
    return model


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models")
    return register_sentiment_model(
        root, train_small_english_model(), "sentiment-en", "sst2", 3000
    )


@pytest.fixture(scope="module")
def client(models_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(models_dir=models_dir))) as test_client:
        yield test_client


def test_the_saved_model_takes_raw_strings_and_gives_the_same_answers(
    models_dir: Path,
) -> None:
    registry = ModelRegistry(models_dir)
    loaded = load_sentiment_model(registry.model_path("sentiment-en", "1"))
    fresh = train_small_english_model()
    texts = tf.constant([CLEAR_POSITIVE, CLEAR_NEGATIVE, "émotions 😊 <b>bold</b>"])

    np.testing.assert_allclose(loaded(texts), fresh(texts), atol=1e-5)


def test_clear_sentences_get_their_label_and_language(client: TestClient) -> None:
    body = post(client, "predictions", {"texts": [CLEAR_POSITIVE, CLEAR_NEGATIVE]})
    first, second = body["predictions"]

    assert (first["label"], second["label"]) == ("positive", "negative")
    assert first["language"] == "en" and first["language_detected"] is True
    assert first["probability"] == pytest.approx(first["positive_probability"])
    assert second["probability"] == pytest.approx(1 - second["positive_probability"])
    assert first["model"] == {"name": "sentiment-en", "version": "1"}


def test_the_language_hint_replaces_detection(client: TestClient) -> None:
    body = post(client, "predictions", {"text": CLEAR_POSITIVE, "language": "en"})

    assert body["predictions"][0]["language_detected"] is False


def test_a_missing_language_model_is_a_503_saying_how_to_provide_data(
    client: TestClient,
) -> None:
    response = client.post(
        "/v1/sentiment/predictions",
        json={"text": "Un film magnifique et très émouvant"},
    )

    assert response.status_code == 503
    assert response.json()["type"] == "/problems/model-unavailable"
    assert "ARCHILAB_DATA_DIR" in response.json()["detail"]


def test_health_names_the_missing_model(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 503
    assert "sentiment-fr" in response.json()["detail"]


def test_an_explanation_has_one_score_per_word_and_ends_at_the_prediction(
    client: TestClient,
) -> None:
    text = "Not  a  wonderful film, alas!"
    body = post(client, "explanations", {"text": text})
    tokens = body["tokens"]

    assert [t["token"] for t in tokens] == ["Not", "a", "wonderful", "film,", "alas!"]
    assert [text[t["start"] : t["end"]] for t in tokens] == [t["token"] for t in tokens]
    assert len(body["trajectory"]) == len(tokens)
    # The last prefix is every word: the text up to spacing, which the model ignores.
    assert body["trajectory"][-1] == pytest.approx(
        body["prediction"]["positive_probability"], abs=1e-5
    )


def test_occlusion_is_the_probability_change_without_the_word(
    client: TestClient,
) -> None:
    body = post(client, "explanations", {"text": CLEAR_POSITIVE})
    without = post(
        client, "predictions", {"text": CLEAR_POSITIVE.replace("wonderful ", "")}
    )
    wonderful = next(t for t in body["tokens"] if t["token"] == "wonderful")

    expected = (
        body["prediction"]["positive_probability"]
        - without["predictions"][0]["positive_probability"]
    )
    assert wonderful["occlusion"] == pytest.approx(expected, abs=1e-5)
    assert wonderful["occlusion"] > 0  # removing "wonderful" makes it less positive


def test_gradient_x_input_follows_the_model_to_its_logit(models_dir: Path) -> None:
    registry = ModelRegistry(models_dir)
    model = load_sentiment_model(registry.model_path("sentiment-en", "1"))

    scores, ids, logit = gradient_x_input(model, CLEAR_NEGATIVE)

    probability = float(model(tf.constant([CLEAR_NEGATIVE]))[0, 0])
    assert 1 / (1 + np.exp(-logit)) == pytest.approx(probability, abs=1e-5)
    assert len(scores) == len(ids) == 7  # 8 words, but "," is not a token


@pytest.mark.parametrize(
    ("body", "pointer_or_text"),
    [
        ({"text": ""}, "empty"),
        ({"text": "   \n"}, "empty"),
        ({"text": "x" * 5001}, "5000"),
        ({"texts": ["fine"] * 257}, "256"),
        ({"texts": []}, "empty list"),
        ({"text": "a", "texts": ["b"]}, "exactly one"),
        ({}, "exactly one"),
        ({"text": 42}, "/text"),
        ({"texts": "not a list"}, "/texts"),
        ({"text": "bonjour", "language": "de"}, "/language"),
        ({"text": "hello", "colour": "red"}, "/colour"),
    ],
)
def test_bad_requests_are_422_problems_naming_the_field(
    client: TestClient, body: dict, pointer_or_text: str
) -> None:
    response = client.post("/v1/sentiment/predictions", json=body, headers=ENGLISH)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/problems/validation"
    assert pointer_or_text in response.json()["detail"]


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe not utf-8", b'{"text": "unterminated', b"[1, 2"]
)
def test_bodies_that_are_not_json_are_400_problems(
    client: TestClient, raw: bytes
) -> None:
    response = client.post(
        "/v1/sentiment/predictions",
        content=raw,
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["type"] == "/problems/invalid-json"


def test_emoji_accents_html_and_long_words_are_valid_text(client: TestClient) -> None:
    texts = ["Great 😊 movie!", "<b>loved</b> it", "x" * 300, "naïve café déjà vu"]

    body = post(client, "predictions", {"texts": texts, "language": "en"})

    assert len(body["predictions"]) == 4


def test_too_many_words_for_an_explanation_is_a_422_with_the_limit(
    client: TestClient,
) -> None:
    response = client.post("/v1/sentiment/explanations", json={"text": "good " * 301})

    assert response.status_code == 422
    assert "300" in response.json()["detail"]


def test_comparison_without_a_key_is_a_503_asking_the_teacher(
    client: TestClient,
) -> None:
    response = client.post(
        "/v1/sentiment/comparisons", json={"text": CLEAR_POSITIVE}, headers=ENGLISH
    )
    health = client.get("/healthz").json()

    assert response.status_code == 503
    assert response.json()["type"] == "/problems/feature-unavailable"
    assert "ask your teacher" in response.json()["detail"]
    assert "NLP_MISTRAL_API_KEY" not in response.text  # a student cannot set it
    assert "NLP_MISTRAL_API_KEY" in health["checks"]["mistral"]["info"]["hint"]


def test_comparison_puts_the_lstm_and_mistral_side_by_side(models_dir: Path) -> None:
    with FakeMistral() as fake:
        settings = Settings(
            models_dir=models_dir,
            mistral_api_key=SecretStr("test-key"),
            mistral_server_url=fake.url,
        )
        with TestClient(create_app(settings)) as client:
            body = post(client, "comparisons", {"text": CLEAR_NEGATIVE})

    assert body["language"] == "en"
    assert body["lstm"]["label"] == "negative" and body["lstm"]["latency_ms"] > 0
    assert body["lstm"]["language_detected"] is True  # no hint was sent
    assert body["mistral"]["label"] == "negative"  # the fake's rule: "boring"
    assert body["agree"] is True


def test_an_evaluation_reports_both_accuracies_agreement_and_disagreements(
    models_dir: Path,
) -> None:
    with FakeMistral() as fake:
        settings = Settings(
            models_dir=models_dir,
            data_dir=course_data_dir(),
            mistral_api_key=SecretStr("test-key"),
            mistral_server_url=fake.url,
        )
        with TestClient(create_app(settings)) as client:
            started = client.post(
                "/v1/sentiment/comparisons/evaluations",
                json={"dataset": "sst2", "sample_size": 20, "seed": 3},
            )
            assert started.status_code == 202, started.text
            job = wait_for_job(
                lambda: client.get(started.headers["location"]).json(), 60
            )

    result = job["result"]
    assert job["status"] == "succeeded", job
    assert result["examples"] == 20 and result["mistral_failures"] == 0
    matrix = result["agreement_matrix"]
    agreeing = matrix["positive"]["positive"] + matrix["negative"]["negative"]
    assert sum(sum(row.values()) for row in matrix.values()) == 20
    assert len(result["disagreements"]) == 20 - agreeing
    assert result["agreement"] == pytest.approx(agreeing / 20)
    assert 0 <= result["lstm_accuracy"] <= 1 and 0 <= result["mistral_accuracy"] <= 1
    assert result["mistral_prompt_tokens"] > 0
    assert result["lstm_latency"]["p50_ms"] <= result["lstm_latency"]["p99_ms"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"dataset": "sst2", "sample_size": 0}, 422),
        ({"dataset": "sst2", "sample_size": 501}, 422),
        ({"dataset": "nope"}, 404),
        ({"dataset": "sst2", "split": "train"}, 422),
    ],
)
def test_bad_evaluation_requests_are_problems(
    client: TestClient, body: dict, status: int
) -> None:
    response = client.post("/v1/sentiment/comparisons/evaluations", json=body)

    assert response.status_code == status, response.text


def test_an_evaluation_without_a_mistral_key_is_a_503(models_dir: Path) -> None:
    settings = Settings(models_dir=models_dir, data_dir=course_data_dir())
    with TestClient(create_app(settings)) as client:
        response = client.post(
            "/v1/sentiment/comparisons/evaluations", json={"dataset": "sst2"}
        )

    assert response.status_code == 503
    assert response.json()["type"] == "/problems/feature-unavailable"


def test_an_evaluation_without_the_data_is_a_503_saying_how_to_add_it(
    client: TestClient,
) -> None:
    response = client.post(
        "/v1/sentiment/comparisons/evaluations", json={"dataset": "allocine"}
    )

    assert response.status_code == 503
    assert response.json()["type"] == "/problems/dataset-missing"
    assert "ARCHILAB_DATA_DIR" in response.json()["detail"]


UPLOADED_CSV = (
    "text,label\n"
    "A wonderful and moving film,1\n"
    "A dull and boring mess,0\n"
    '"Un film magnifique, très émouvant",positive\n'
    "Un film nul et ennuyeux,negative\n"
)


def test_an_evaluation_of_an_uploaded_csv(models_dir: Path) -> None:
    with FakeMistral() as fake:
        settings = Settings(
            models_dir=models_dir,
            mistral_api_key=SecretStr("test-key"),
            mistral_server_url=fake.url,
        )
        with TestClient(create_app(settings)) as client:
            started = client.post(
                "/v1/sentiment/comparisons/evaluations",
                files={"file": ("mine.csv", UPLOADED_CSV.encode(), "text/csv")},
                data={"sample_size": "2", "language": "en"},
            )
            assert started.status_code == 202, started.text
            job = wait_for_job(
                lambda: client.get(started.headers["location"]).json(), 60
            )

    assert job["status"] == "succeeded", job
    assert job["source"] == "upload: mine.csv (4 rows)"
    assert job["result"]["examples"] == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"words,label\nhello,1\n", "header"),
        (b"text,label\nfine,1\nbad,maybe\n", "line 3"),
        (b"text,label\n\xff\xfe,1\n", "UTF-8"),
        (b"text,label\n", "no rows"),
    ],
)
def test_a_bad_uploaded_csv_is_a_422_naming_the_line(
    client: TestClient, content: bytes, message: str
) -> None:
    response = client.post(
        "/v1/sentiment/comparisons/evaluations",
        files={"file": ("bad.csv", content, "text/csv")},
        headers=ENGLISH,
    )

    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/problems/validation"
    assert message in response.json()["detail"]


def test_evaluations_outlive_a_restart_and_an_interrupted_one_says_so(
    tmp_path: Path, models_dir: Path
) -> None:
    evaluations = tmp_path / "evaluations"
    interrupted = EvaluationJob(
        id="0" * 32, source="sst2/test", sample_size=50, status="running",
        created_at=datetime.now(UTC),
    )  # fmt: skip
    JobFiles(evaluations, EvaluationJob).save(interrupted)
    with FakeMistral() as fake:
        settings = Settings(
            models_dir=models_dir,
            evaluations_dir=evaluations,
            mistral_api_key=SecretStr("test-key"),
            mistral_server_url=fake.url,
        )
        with TestClient(create_app(settings)) as client:
            started = client.post(
                "/v1/sentiment/comparisons/evaluations",
                files={"file": ("mine.csv", UPLOADED_CSV.encode(), "text/csv")},
                data={"sample_size": "4", "language": "en"},
            )
            location = started.headers["location"]
            finished = wait_for_job(lambda: client.get(location).json(), 60)
        with TestClient(create_app(settings)) as restarted:
            after_restart = restarted.get(location).json()
            cut_short = restarted.get(
                f"/v1/sentiment/comparisons/evaluations/{interrupted.id}"
            ).json()

    assert finished["status"] == "succeeded", finished["error"]
    assert after_restart == finished
    assert cut_short["status"] == "failed"
    assert cut_short["error"] == INTERRUPTED
