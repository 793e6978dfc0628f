"""User journey on the sentiment page, in a real Chromium against the real lab:
type a French sentence, see the verdict, the coloured words and the running
opinion, then compare with (the fake) Mistral."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

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
