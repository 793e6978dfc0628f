"""The nlp service on real French: accents, elisions, « guillemets », emoji.

A small French LSTM (Allociné reviews cut to their first 40 words, two epochs)
is enough to check that words survive the trip with their accents; labels are
checked on the full models through the gateway (tests/integration).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keras
import pytest
import tensorflow as tf
from fastapi.testclient import TestClient
from pydantic import SecretStr

from lab_common.datasets.texts import get_entry, load_split
from lab_common.text.models import standardize_text
from lab_common.text.schemas import has_words
from lab_nlp.main import create_app
from lab_nlp.settings import Settings
from lab_trainer.models.texts import build_sentiment_lstm
from tests.conftest import course_data_dir, wait_for_job
from tests.fakes.mistral_server import FakeMistral
from tests.unit.nlp.sentiment_models import post, register_sentiment_model

NNBSP = "\u202f"  # the narrow no-break space French puts inside « » and before : ! ?
FRENCH = [
    "Ce film était nul",
    "Très réussi, j'ai adoré",
    f"L’acteur n’a qu’un rôle{NNBSP}: «{NNBSP}sublime{NNBSP}», c’est un chef-d’œuvre",
    "Génial 😍👍 on en redemande",
    "ÉNORME déception, je n'ai PAS aimé du tout",
]
LONE_SURROGATE = "\\ud800"  # a valid JSON escape that is no character


def train_small_french_model() -> keras.Model:
    reviews = load_split(get_entry("allocine"), "train", course_data_dir())
    texts = [" ".join(review.split()[:40]) for review in reviews.texts]
    keras.utils.set_random_seed(1)
    model = build_sentiment_lstm(texts, None, name="sentiment-fr")
    model.compile(optimizer="adam", loss="binary_crossentropy")
    data = tf.data.Dataset.from_tensor_slices(
        (tf.constant(texts), tf.constant(reviews.labels, tf.float32))
    )
    model.fit(data.shuffle(2000, seed=1).batch(64), epochs=2, verbose=0)
    return model


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models")
    return register_sentiment_model(
        root, train_small_french_model(), "sentiment-fr", "allocine", 1998
    )


@pytest.fixture(scope="module")
def client(models_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(models_dir=models_dir))) as test_client:
        yield test_client


def post_raw(client: TestClient, path: str, raw: str) -> dict:
    """``raw`` JSON sent as written: httpx cannot encode a lone surrogate."""
    response = client.post(
        f"/v1/sentiment/{path}",
        content=raw.encode("utf-8"),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    result: dict = response.json()
    return result


@pytest.mark.parametrize("text", FRENCH)
def test_a_french_explanation_has_one_entry_per_word_with_its_accents(
    client: TestClient, text: str
) -> None:
    body = post(client, "explanations", {"text": text})
    tokens = body["tokens"]

    assert [t["token"] for t in tokens] == text.split()
    assert [text[t["start"] : t["end"]] for t in tokens] == text.split()
    assert len(body["trajectory"]) == len(tokens)
    assert body["prediction"]["language"] == "fr"


def test_french_words_keep_their_accents_in_an_explanation(client: TestClient) -> None:
    body = post(client, "explanations", {"text": "Ce film était nul"})
    etait = next(t for t in body["tokens"] if t["token"] == "était")

    assert etait["in_vocabulary"] is True  # "était" reached the model whole
    assert (etait["start"], etait["end"]) == (8, 13)


def test_emoji_and_guillemets_are_words_without_a_score(client: TestClient) -> None:
    text = f"«{NNBSP}Génial{NNBSP}» 😍👍"
    body = post(client, "explanations", {"text": text})
    by_word = {t["token"]: t for t in body["tokens"]}

    assert list(by_word) == ["«", "Génial", "»", "😍👍"]
    assert by_word["😍👍"]["in_vocabulary"] is False
    assert by_word["«"]["gradient_x_input"] == 0.0


@pytest.mark.parametrize(
    ("upper", "lower"),
    [
        ("ÉTAIT NUL, UNE HORREUR", "était nul, une horreur"),
        ("Ça m'a ÉMU, à revoir", "ça m'a ému, à revoir"),
    ],
)
def test_capitals_with_accents_read_as_the_same_words(
    client: TestClient, upper: str, lower: str
) -> None:
    body = post(client, "predictions", {"texts": [upper, lower]})
    first, second = body["predictions"]

    assert first["positive_probability"] == pytest.approx(
        second["positive_probability"], abs=1e-6
    )


def test_both_apostrophes_split_elisions_the_same_way(client: TestClient) -> None:
    straight = "J'ai adoré, c'est l'histoire qu'il faut"
    texts = [straight, straight.replace("'", "’")]

    body = post(client, "predictions", {"texts": texts})
    first, second = body["predictions"]

    assert first["language"] == second["language"] == "fr"
    assert first["positive_probability"] == pytest.approx(
        second["positive_probability"], abs=1e-6
    )


def test_a_batch_of_real_french_is_answered_in_order(client: TestClient) -> None:
    body = post(client, "predictions", {"texts": FRENCH})

    assert len(body["predictions"]) == len(FRENCH)
    assert {p["language"] for p in body["predictions"]} == {"fr"}


@pytest.mark.parametrize(
    ("path", "raw", "pointer"),
    [
        ("predictions", f'{{"text": "Ce film {LONE_SURROGATE} nul"}}', "/text"),
        (
            "predictions",
            f'{{"texts": ["Très réussi", "Génial", "Nul", "était {LONE_SURROGATE}"]}}',
            "/texts/3",
        ),
        ("explanations", f'{{"text": "{LONE_SURROGATE}"}}', "/text"),
        ("comparisons", f'{{"text": "J’ai adoré {LONE_SURROGATE}"}}', "/text"),
        ("comparisons/evaluations", f'{{"dataset": "{LONE_SURROGATE}"}}', "/dataset"),
    ],
)
def test_a_lone_surrogate_is_a_422_naming_the_field(
    client: TestClient, path: str, raw: str, pointer: str
) -> None:
    body = post_raw(client, path, raw)

    assert body["type"] == "/problems/validation"
    assert [error["pointer"] for error in body["errors"]] == [pointer]
    assert [error["code"] for error in body["errors"]] == ["lone_surrogate"]
    assert "UTF-16" in body["detail"]


# Texts in which the models find no word: the LSTM cannot run an empty sequence.
WORDLESS = ["😍👍", "!!! ???", "« »", "<br/>", "\u000b\U000a6e7b"]


@pytest.mark.parametrize("path", ["predictions", "explanations", "comparisons"])
@pytest.mark.parametrize("text", WORDLESS)
def test_a_text_without_a_word_is_a_422_not_a_crash(
    client: TestClient, path: str, text: str
) -> None:
    body = post_raw(client, path, json.dumps({"text": text, "language": "fr"}))

    assert body["type"] == "/problems/validation"
    assert [error["code"] for error in body["errors"]] == ["no_words"]


def test_a_wordless_text_in_a_batch_is_named_by_its_pointer(client: TestClient) -> None:
    body = post_raw(client, "predictions", json.dumps({"texts": ["Très bien", "👍👍"]}))

    assert [error["pointer"] for error in body["errors"]] == ["/texts/1"]


@pytest.mark.parametrize("text", [*WORDLESS, *FRENCH, "Top 10", "½", "ok<br />"])
def test_has_words_agrees_with_the_models_standardisation(text: str) -> None:
    words = tf.strings.split(standardize_text(tf.constant([text])))

    assert has_words(text) == (int(words.row_lengths()[0]) > 0)


def test_a_surrogate_pair_is_an_emoji_not_an_error(client: TestClient) -> None:
    response = client.post(
        "/v1/sentiment/predictions",
        content=b'{"text": "G\\u00e9nial \\ud83d\\ude0d"}',
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 200, response.text


@contextmanager
def client_with_mistral(models_dir: Path) -> Iterator[TestClient]:
    """The service on the small French model, its Mistral a fake on 127.0.0.1."""
    with FakeMistral() as fake:
        settings = Settings(
            models_dir=models_dir,
            mistral_api_key=SecretStr("test-key"),
            mistral_server_url=fake.url,
        )
        with TestClient(create_app(settings)) as client:
            yield client


def test_a_french_comparison_keeps_the_accents(models_dir: Path) -> None:
    with client_with_mistral(models_dir) as client:
        body = post(client, "comparisons", {"text": "Ce film était nul, déçu"})

    assert body["language"] == "fr" and body["lstm"]["language"] == "fr"
    assert body["mistral"]["label"] == "negative"  # the fake's rule: "nul", "déçu"


FRENCH_CSV = (
    "text,label\n"
    "Ce film était nul,0\n"
    '"Très réussi, j’ai adoré",1\n'
    f"«{NNBSP}Un chef-d’œuvre{NNBSP}» 😍👍,positive\n"
    "L'histoire n'a aucun intérêt,negative\n"
)


def test_an_evaluation_of_an_uploaded_french_csv(models_dir: Path) -> None:
    with client_with_mistral(models_dir) as client:
        started = client.post(
            "/v1/sentiment/comparisons/evaluations",
            files={"file": ("critiques.csv", FRENCH_CSV.encode(), "text/csv")},
            data={"sample_size": "4"},
        )
        assert started.status_code == 202, started.text
        job = wait_for_job(lambda: client.get(started.headers["location"]).json(), 60)

    assert job["status"] == "succeeded", job
    assert job["result"]["examples"] == 4
