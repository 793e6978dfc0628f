"""Problems come back in the language the page asks for, through the real stack
(gateway -> nlp -> fake Mistral), with a stable ``code`` and the ``params``."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import LabStack

pytestmark = pytest.mark.integration

FRENCH = {"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en-GB,en;q=0.9"}


@pytest.fixture(scope="module")
def api(lab_stack: LabStack) -> httpx.Client:
    return httpx.Client(base_url=lab_stack.base_url + "/api/v1", timeout=60)


def test_a_relayed_422_is_french_for_french_and_english_for_english(
    api: httpx.Client,
) -> None:
    body = {"text": "   \n", "language": "fr"}

    french = api.post("/sentiment/predictions", json=body, headers=FRENCH)
    english = api.post("/sentiment/predictions", json=body, headers=ENGLISH)

    for response in (french, english):
        assert response.status_code == 422, response.text
        assert response.json()["type"] == "/problems/validation"
        assert response.json()["code"] == "validation"
        assert response.json()["errors"][0]["code"] == "empty_text"
    assert french.json()["title"] == "Requête invalide"
    assert "est vide ou ne contient que des espaces" in french.json()["detail"]
    assert english.json()["title"] == "Invalid request"
    assert "is empty or only whitespace" in english.json()["detail"]
    assert french.headers["content-language"] == "fr"


def test_an_unknown_model_is_a_404_told_in_the_asked_language(
    api: httpx.Client,
) -> None:
    french = api.get("/models/chiffres-de-l-equipe/versions", headers=FRENCH)
    english = api.get("/models/chiffres-de-l-equipe/versions", headers=ENGLISH)

    for response in (french, english):
        assert response.status_code == 404, response.text
        assert response.json()["type"] == "/problems/model-not-found"
        assert response.json()["code"] == "model-not-found"
        assert response.json()["params"] == {"name": "chiffres-de-l-equipe"}
    assert french.json()["detail"].startswith("Il n'y a pas de modèle «\u00a0chiffres")
    assert english.json()["detail"].startswith("There is no model 'chiffres")


def test_an_unknown_route_is_a_french_404_by_default(api: httpx.Client) -> None:
    silent = api.get("/nulle-part")
    english = api.get("/nulle-part", headers=ENGLISH)

    assert silent.status_code == english.status_code == 404
    assert silent.json()["type"] == "about:blank"
    assert silent.json()["code"] == english.json()["code"] == "not-found"
    assert silent.json()["title"] == "Introuvable"
    assert "l'API est documentée sur /api/docs" in silent.json()["detail"]
    assert english.json()["title"] == "Not Found"


def test_mistral_refusing_the_key_asks_the_teacher_in_each_language(
    api: httpx.Client,
) -> None:
    body = {"text": "Un film « génial », j'ai adoré 😊 [fake-401]"}

    french = api.post("/sentiment/comparisons", json=body, headers=FRENCH)
    english = api.post("/sentiment/comparisons", json=body, headers=ENGLISH)

    for response in (french, english):
        assert response.status_code == 502, response.text
        assert response.json()["type"] == "/problems/upstream-auth"
        assert response.json()["params"] == {"status": 401}
        assert "NLP_MISTRAL_API_KEY" not in response.text
    assert french.json()["title"] == "Clé Mistral refusée"
    assert "prévenez votre enseignant" in french.json()["detail"]
    assert "tell your teacher" in english.json()["detail"]


def test_a_failing_upstream_is_a_5xx_problem_in_each_language(
    api: httpx.Client,
) -> None:
    body = {"text": "Pas mal, mais l'histoire traîne [fake-500]"}

    french = api.post("/sentiment/comparisons", json=body, headers=FRENCH)
    english = api.post("/sentiment/comparisons", json=body, headers=ENGLISH)

    for response in (french, english):
        assert response.status_code == 502, response.text
        assert response.json()["type"] == "/problems/upstream-unavailable"
        assert response.json()["code"] == "upstream-unavailable"
        assert response.json()["params"] == {"status": 500}
    assert french.json()["detail"] == (
        "Mistral a répondu HTTP 500\u00a0; réessayez dans une minute."
    )
    assert (
        english.json()["detail"] == "Mistral answered HTTP 500; try again in a minute."
    )
