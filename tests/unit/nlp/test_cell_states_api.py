"""POST /v1/sentiment/models/{name}/versions/{version}/cell-states on tiny
untrained models: the served French BiLSTM (v1), a GRU version that is not
served (v2), and an embedding bag without any recurrent layer."""

from __future__ import annotations

from collections.abc import Iterator

import keras
import pytest
from fastapi.testclient import TestClient

from lab_common.text.models import EMBEDDING, RECURRENT, VECTORIZE, standardize_text
from lab_nlp.main import create_app
from lab_nlp.settings import Settings
from lab_trainer.models.texts import build_embedding_bag, build_sentiment_lstm
from tests.unit.nlp.sentiment_models import register_sentiment_model

TEXT = "L'acteur n'était pas mauvais, c'était génial !"
TRAIN = [TEXT, "Un film ennuyeux, je n'ai rien aimé", "Quelle réussite, bravo"]
PATH = "/v1/sentiment/models/{name}/versions/{version}/cell-states"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def tiny_gru() -> keras.Model:
    vectorize = keras.layers.TextVectorization(
        standardize=standardize_text, name=VECTORIZE
    )
    vectorize.adapt(TRAIN)
    inputs = keras.Input(shape=(), dtype="string")
    x = keras.layers.Embedding(
        vectorize.vocabulary_size(), 8, mask_zero=True, name=EMBEDDING
    )(vectorize(inputs))
    x = keras.layers.GRU(6, name=RECURRENT)(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    return keras.Model(inputs, outputs)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("models")
    keras.utils.set_random_seed(1)
    lstm = build_sentiment_lstm(TRAIN, None, name="sentiment-fr")
    register_sentiment_model(root, lstm, "sentiment-fr", "allocine", 3)
    register_sentiment_model(
        root, tiny_gru(), "sentiment-fr", "allocine", 3, promote=False
    )
    bag = build_embedding_bag(TRAIN, None, name="bag")
    register_sentiment_model(root, bag, "bag", "allocine", 3)
    with TestClient(create_app(Settings(models_dir=root))) as test_client:
        yield test_client


def post_cells(
    client: TestClient,
    body: dict,
    name: str = "sentiment-fr",
    version: str = "1",
    **headers: str,
) -> object:
    return client.post(
        PATH.format(name=name, version=version), json=body, headers=headers
    )


def test_an_lstm_shows_its_three_gates_and_two_states_per_word(
    client: TestClient,
) -> None:
    response = post_cells(client, {"text": TEXT})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["cell"] == "lstm" and body["bidirectional"] is True
    assert body["model"] == {"name": "sentiment-fr", "version": "1"}
    assert [w["text"] for w in body["words"]] == TEXT.split()
    assert [w["tokens"] for w in body["words"]] == [2, 2, 1, 1, 2, 1, 0]
    assert len(body["units"]) == 8
    assert [g["name"] for g in body["gates"]] == ["input", "forget", "output"]
    for signal in [*body["gates"], body["cell_state"], body["hidden_state"]]:
        assert len(signal["values"]) == 8
        assert all(len(row) == len(body["words"]) for row in signal["values"])
    assert body["gates"][0]["values"][0][-1] is None  # "!" is not read
    assert body["gates"][1]["label"] == "Porte d'oubli"
    assert body["gates"][1]["explanation"].count(".") == 2
    assert "corrélation de Pearson" in body["selection"]
    assert len(body["trajectory"]) == len(body["words"])


def test_a_version_that_is_not_served_is_loaded_with_its_own_cell(
    client: TestClient,
) -> None:
    response = post_cells(client, {"text": TEXT, "units": 3}, version="2")

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["cell"] == "gru" and body["cell_state"] is None
    assert [g["name"] for g in body["gates"]] == ["update", "reset"]
    assert len(body["units"]) == 3


def test_english_is_answered_with_accept_language(client: TestClient) -> None:
    body = post_cells(client, {"text": TEXT}, **{"Accept-Language": "en"}).json()

    assert body["gates"][1]["label"] == "Forget gate"
    assert body["gates"][1]["explanation"].startswith("The forget gate decides")
    assert body["hidden_state"]["label"] == "Hidden state"
    assert "Pearson correlation" in body["selection"]


def test_a_png_heat_map_is_answered_when_asked(client: TestClient) -> None:
    response = post_cells(client, {"text": TEXT, "units": 2}, Accept="image/png")

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(PNG_SIGNATURE)


def test_a_model_without_recurrent_layer_is_a_422_naming_those_with_one(
    client: TestClient,
) -> None:
    response = post_cells(client, {"text": TEXT}, name="bag")

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "/problems/no-recurrent-layer"
    assert "sentiment-fr v1, sentiment-fr v2" in problem["detail"]
    assert "bag v1" not in problem["detail"].split(":")[-1]


def test_more_than_300_words_is_a_422(client: TestClient) -> None:
    response = post_cells(client, {"text": "bien " * 301})

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"
    assert response.json()["params"] == {"words": 301, "limit": 300}


@pytest.mark.parametrize(("name", "version"), [("nope", "1"), ("sentiment-fr", "9")])
def test_an_unknown_model_or_version_is_a_404(
    client: TestClient, name: str, version: str
) -> None:
    response = post_cells(client, {"text": TEXT}, name=name, version=version)

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/model-not-found"


def test_units_outside_1_to_32_are_refused(client: TestClient) -> None:
    response = post_cells(client, {"text": TEXT, "units": 33})

    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "/units"


def test_the_openapi_documents_the_png_and_the_problems(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()

    operation = openapi["paths"][PATH.format(name="{name}", version="{version}")][
        "post"
    ]
    assert "image/png" in operation["responses"]["200"]["content"]
    for status in ("400", "404", "422", "503"):
        assert "application/problem+json" in operation["responses"][status]["content"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["units"]["maximum"] == 32
