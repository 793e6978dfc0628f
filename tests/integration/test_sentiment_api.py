"""The sentiment API over real HTTP: gateway -> nlp service -> (fake) Mistral."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import FAKE_MISTRAL_KEY, LabStack, wait_for_job

pytestmark = pytest.mark.integration

SENTIMENT = "/api/v1/sentiment"
NNBSP = "\u202f"  # the narrow no-break space of French typography
CLEAR = [
    ("A wonderful, moving film with brilliant acting.", "en", "positive"),
    ("A boring, stupid and painfully bad movie.", "en", "negative"),
    ("Un film magnifique, émouvant et très bien joué.", "fr", "positive"),
    ("Un film nul, ennuyeux et très mal joué.", "fr", "negative"),
    ("Très réussi, j'ai adoré, un chef-d’œuvre 😍👍", "fr", "positive"),
    ("Ce film était nul, je n’ai rien aimé, une vraie déception.", "fr", "negative"),
]
# Accents, elisions with ' and ’, « » with narrow no-break spaces, œ, emoji, capitals.
FRENCH = [
    "Ce film était nul",
    "Très réussi, j'ai adoré",
    f"L’acteur n’a qu’un rôle{NNBSP}: «{NNBSP}sublime{NNBSP}», c’est un chef-d’œuvre",
    "Génial 😍👍 on en redemande",
    "ÉNORME déception, je n'ai PAS aimé du tout",
]


@pytest.fixture(scope="module")
def api(lab_stack: LabStack) -> httpx.Client:
    return httpx.Client(base_url=lab_stack.base_url + SENTIMENT, timeout=60)


def test_clear_sentences_in_both_languages(api: httpx.Client) -> None:
    response = api.post("/predictions", json={"texts": [t for t, _, _ in CLEAR]})
    predictions = response.json()["predictions"]

    assert response.status_code == 200, response.text
    assert [(p["language"], p["label"]) for p in predictions] == [
        (language, label) for _, language, label in CLEAR
    ]
    assert {p["model"]["name"] for p in predictions} == {"sentiment-en", "sentiment-fr"}


def test_an_explanation_through_the_gateway(api: httpx.Client) -> None:
    text = "Un film magnifique mais trop long."
    response = api.post("/explanations", json={"text": text})
    body = response.json()

    assert response.status_code == 200, response.text
    assert [t["token"] for t in body["tokens"]] == text.split()
    assert len(body["trajectory"]) == len(body["tokens"])


@pytest.mark.parametrize("text", FRENCH)
def test_a_french_explanation_keeps_every_word_and_its_accents(
    api: httpx.Client, text: str
) -> None:
    response = api.post("/explanations", json={"text": text})
    body = response.json()

    assert response.status_code == 200, response.text
    assert [t["token"] for t in body["tokens"]] == text.split()
    assert [text[t["start"] : t["end"]] for t in body["tokens"]] == text.split()
    assert body["prediction"]["language"] == "fr"


def test_an_accented_word_is_known_to_the_french_model(api: httpx.Client) -> None:
    response = api.post("/explanations", json={"text": "Ce film était nul"})
    etait = next(t for t in response.json()["tokens"] if t["token"] == "était")

    assert response.status_code == 200, response.text
    assert etait["in_vocabulary"] is True


@pytest.mark.parametrize(
    ("path", "raw", "pointer"),
    [
        ("/predictions", '{"text": "Ce film \\ud800 nul"}', "/text"),
        ("/predictions", '{"texts": ["Génial", "Nul", "Bof", "\\udfff"]}', "/texts/3"),
        ("/explanations", '{"text": "était \\ud800"}', "/text"),
        ("/comparisons", '{"text": "J’ai adoré \\udbff"}', "/text"),
        ("/comparisons/evaluations", '{"dataset": "\\ud800"}', "/dataset"),
    ],
)
def test_a_lone_surrogate_is_a_422_naming_the_field(
    api: httpx.Client, path: str, raw: str, pointer: str
) -> None:
    response = api.post(
        path, content=raw.encode(), headers={"content-type": "application/json"}
    )

    assert response.status_code == 422, response.text
    assert response.json()["type"] == "/problems/validation"
    assert [e["pointer"] for e in response.json()["errors"]] == [pointer]


def test_the_comparison_reaches_mistral_through_the_real_sdk(api: httpx.Client) -> None:
    response = api.post("/comparisons", json={"text": "Un film ennuyeux et nul."})
    body = response.json()

    assert response.status_code == 200, response.text
    assert body["language"] == "fr"
    assert body["mistral"]["label"] == "negative"
    assert body["mistral"]["latency_ms"] > 0
    assert body["agree"] == (body["lstm"]["label"] == "negative")
    assert FAKE_MISTRAL_KEY not in response.text


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": " "}, 422),
        ({"text": "x" * 5001}, 422),
        ({"texts": ["ok"] * 257}, 422),
        ({"text": 3}, 422),
        ({"text": "hola", "language": "es"}, 422),
    ],
)
def test_bad_input_is_a_problem_through_the_gateway(
    api: httpx.Client, body: dict, status: int
) -> None:
    response = api.post("/predictions", json=body)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


def test_non_utf8_bytes_are_a_400_problem(api: httpx.Client) -> None:
    response = api.post(
        "/predictions",
        content=b"\xff\xfe",
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 400
    assert response.json()["type"] == "/problems/invalid-json"


def test_a_body_over_the_limit_is_a_413_problem(api: httpx.Client) -> None:
    response = api.post(
        "/predictions",
        content=b"x" * (6 * 1024 * 1024 + 1),
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 413


def test_models_and_health_list_both_languages(
    api: httpx.Client, lab_stack: LabStack
) -> None:
    models = api.get("/models").json()["models"]
    health = httpx.get(f"{lab_stack.base_url}/api/v1/health", timeout=10).json()

    assert {m["metadata"]["name"] for m in models} == {"sentiment-en", "sentiment-fr"}
    assert all(m["metadata"]["metrics"]["test_accuracy"] > 0.7 for m in models)
    assert set(health["checks"]["nlp"]["info"]["models"]["info"]) == {"en", "fr"}


@pytest.mark.parametrize(
    ("scenario", "status", "problem"),
    [
        ("fake-401", 502, "/problems/upstream-auth"),
        ("fake-429", 503, "/problems/upstream-rate-limited"),
        ("fake-500", 502, "/problems/upstream-unavailable"),
        ("fake-malformed", 502, "/problems/upstream-invalid-output"),
        ("fake-slow", 504, "/problems/upstream-timeout"),
    ],
)
def test_each_mistral_failure_is_a_problem_and_the_key_stays_secret(
    api: httpx.Client, scenario: str, status: int, problem: str
) -> None:
    response = api.post("/comparisons", json={"text": f"A fine film [{scenario}]"})

    assert response.status_code == status, response.text
    assert response.json()["type"] == problem
    assert FAKE_MISTRAL_KEY not in response.text
    if scenario == "fake-429":
        assert response.headers["retry-after"] == "1"


def test_content_as_chunks_is_read_like_a_string(api: httpx.Client) -> None:
    response = api.post("/comparisons", json={"text": "Great fun [fake-chunks]"})

    assert response.status_code == 200, response.text
    assert response.json()["mistral"]["label"] == "positive"


def test_an_evaluation_job_through_the_gateway(api: httpx.Client) -> None:
    started = api.post(
        "/comparisons/evaluations",
        json={"dataset": "allocine", "sample_size": 10},
    )
    assert started.status_code == 202, started.text
    location = started.headers["location"]
    assert location.startswith(f"{SENTIMENT}/comparisons/evaluations/")

    path = location.removeprefix(SENTIMENT)
    job = wait_for_job(lambda: api.get(path).json(), timeout_seconds=120)

    assert job["status"] == "succeeded", job
    assert job["result"]["examples"] == 10
    assert job["result"]["mistral_failures"] == 0


# --- inside the LSTM cell, relayed by the gateway --------------------------------

CELL_TEXT = "L'acteur n'était pas mauvais, c'était génial !"


def served_french_model(api: httpx.Client) -> str:
    """``/models/<name>/versions/<version>`` of the model that serves French."""
    response = api.post("/predictions", json={"text": CELL_TEXT, "language": "fr"})
    model = response.json()["predictions"][0]["model"]
    return f"/models/{model['name']}/versions/{model['version']}"


def test_the_cell_states_come_through_the_gateway_in_english(
    api: httpx.Client,
) -> None:
    path = served_french_model(api) + "/cell-states"

    response = api.post(
        path, json={"text": CELL_TEXT, "units": 4}, headers={"Accept-Language": "en"}
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["cell"] == "lstm" and len(body["units"]) == 4
    assert [g["label"] for g in body["gates"]] == [
        "Input gate",
        "Forget gate",
        "Output gate",
    ]
    assert response.headers["content-language"] == "en"


def test_the_cell_heat_map_png_is_relayed_untouched(api: httpx.Client) -> None:
    path = served_french_model(api) + "/cell-states"

    response = api.post(path, json={"text": CELL_TEXT}, headers={"Accept": "image/png"})

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def test_a_bad_model_segment_is_refused_by_the_gateway(api: httpx.Client) -> None:
    response = api.post(
        "/models/Not..A..Name/versions/1/cell-states", json={"text": CELL_TEXT}
    )

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"
