"""User journey on the sentiment page, in a real Chromium against the real lab:
type a French sentence, see the verdict, the coloured words and the running
opinion, then compare with (the fake) Mistral."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import save_for_readers

pytestmark = pytest.mark.e2e

SENTENCE = "Un film magnifique, les acteurs sont excellents mais la fin est ennuyeuse."


def test_a_french_sentence_explained_and_compared_with_mistral(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Analyse de sentiment").click()

    page.get_by_label("Votre texte").fill(SENTENCE)
    page.get_by_role("button", name="Analyser").click()

    result = page.locator("#sentiment-result")
    expect(result).to_contain_text(re.compile("Positif|Négatif"))
    expect(result).to_contain_text("Langue détectée")
    expect(result).to_contain_text("français")
    words = page.locator("#token-highlights .token")
    expect(words).to_have_count(len(SENTENCE.split()))
    directions = set(words.evaluate_all("els => els.map(e => e.dataset.direction)"))
    assert directions <= {"positive", "negative", "neutral"} and len(directions) > 1
    expect(
        page.get_by_role("img", name=re.compile("Courbe de la probabilité positive"))
    ).to_be_visible()

    page.get_by_role("button", name="Comparer avec Mistral").click()

    comparison = page.locator("#comparison")
    expect(comparison).to_contain_text("Mistral")
    expect(comparison).to_contain_text(re.compile("d'accord"))
    # The fake Mistral's rationale, in the text's language (French).
    expect(comparison).to_contain_text(re.compile(r"Le texte (ne )?contient"))
    save_for_readers(page, "sentiment")


def test_the_page_in_english(page: Page) -> None:
    page.goto("/sentiment.html?lang=en")
    page.get_by_label("Your text").fill("A wonderful film with a brilliant cast.")
    page.get_by_role("button", name="Analyse", exact=True).click()

    expect(page.locator("#sentiment-result")).to_contain_text("Positive")
    expect(page.locator("#sentiment-result")).to_contain_text("English")


# Accents, both apostrophes, « » with narrow no-break spaces, œ and an emoji.
ACCENTED = (
    "Très réussi, j’ai adoré «\u202fl'histoire\u202f» : un vrai chef-d’œuvre, "
    "les acteurs étaient formidables 😍"
)


def token_words(page: Page) -> list[str]:
    """Each coloured word as written (its first text node; the tooltip follows)."""
    words: list[str] = page.locator("#token-highlights .token").evaluate_all(
        "els => els.map(e => e.firstChild.textContent)"
    )
    return words


def test_an_accented_french_text_shows_its_verdict_and_coloured_words(
    page: Page,
) -> None:
    page.goto("/sentiment.html")

    page.get_by_label("Votre texte").fill(ACCENTED)
    page.get_by_role("button", name="Analyser").click()

    result = page.locator("#sentiment-result")
    expect(result).to_contain_text(re.compile("Positif|Négatif"))
    expect(result).to_contain_text("français")
    expect(page.locator("#token-highlights .token")).to_have_count(
        len(ACCENTED.split())
    )
    assert token_words(page) == ACCENTED.split()
    expect(page.locator("#problem")).to_be_hidden()


def answer_500(route: Route) -> None:
    route.fulfill(
        status=500,
        content_type="application/problem+json",
        body=json.dumps(
            {
                "type": "about:blank",
                "title": "Internal Server Error",
                "status": 500,
                "detail": "The server could not answer; the error is in its log.",
            }
        ),
    )


def test_the_verdict_shows_when_only_the_explanation_fails(page: Page) -> None:
    page.route("**/api/v1/sentiment/explanations", answer_500)
    page.goto("/sentiment.html")

    page.get_by_label("Votre texte").fill("Ce film était nul, je n’ai rien aimé.")
    page.get_by_role("button", name="Analyser").click()

    result = page.locator("#sentiment-result")
    expect(result).to_contain_text(re.compile("Positif|Négatif"))
    expect(result).to_contain_text("Langue détectée")
    highlights = page.locator("#token-highlights")
    expect(highlights).to_contain_text("L'explication n'a pas pu être calculée")
    expect(highlights.locator(".token")).to_have_count(0)
    expect(page.locator("#problem")).to_be_hidden()


# Elisions (two tokens a word) and a "!" the model does not read.
ELIDED = "L'acteur n'était pas mauvais, c'était génial !"


def test_looking_inside_the_lstm_shows_each_gate_word_by_word(page: Page) -> None:
    page.goto("/sentiment.html")
    page.get_by_label("Votre texte").fill(ELIDED)
    page.get_by_role("button", name="Analyser").click()
    expect(page.locator("#sentiment-result")).to_contain_text(
        re.compile("Positif|Négatif")
    )

    page.get_by_role("button", name="Voir l'intérieur du LSTM").click()

    heat_map = page.get_by_role("table", name=re.compile("L'intérieur de la cellule"))
    expect(heat_map.get_by_role("columnheader")).to_have_count(len(ELIDED.split()) + 1)
    # Three gates, the cell state and the hidden state, 8 units each.
    expect(heat_map.locator("tbody")).to_have_count(5)
    expect(heat_map.get_by_role("row")).to_have_count(1 + 5 * 9)
    expect(heat_map.locator("td.is-unread")).to_have_count(3 * 8)  # "!"'s gates
    expect(page.locator("#cells-status")).to_contain_text(
        "Cellule LSTM de sentiment-fr"
    )
    expect(page.locator(".cell-explanations")).to_contain_text("La porte d'oubli")
    save_for_readers(page, "sentiment-cells")

    page.get_by_role("button", name="English").click()

    expect(page.locator(".cell-explanations")).to_contain_text(
        "The forget gate decides"
    )
    expect(page.get_by_role("columnheader", name="Unit")).to_be_visible()
