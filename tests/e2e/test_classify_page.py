"""User journeys on the digit-recognition page, in a real Chromium against the
real lab (gateway, cnn service and the default model trained at first start)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, TypeVar

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.drawing import draw_stroke

pytestmark = pytest.mark.e2e

# "97,3 %" (French, narrow no-break space) or "97.3%" (English).
FRENCH_PERCENT = re.compile(r"^\d{1,3},\d\s%$")
ENGLISH_PERCENT = re.compile(r"^\d{1,3}\.\d%$")
UPLOADED_DIGIT_LABEL = 3


class LabelledDigit(Protocol):
    """A sample of the root ``mnist_test_digits`` fixture."""

    @property
    def pixels(self) -> np.ndarray: ...

    @property
    def label(self) -> int: ...


DigitT = TypeVar("DigitT", bound=LabelledDigit)


def most_typical_digit(digits: Sequence[DigitT], label: int) -> DigitT:
    """The held-out digit of ``label`` closest to its class's average shape.

    Chosen without asking the model, so the journey does not depend on which
    digits one particular training run happens to get wrong.
    """
    candidates = [digit for digit in digits if digit.label == label]
    vectors = np.stack([d.pixels.ravel() for d in candidates]).astype(np.float32)
    average = vectors.mean(axis=0)
    similarity = vectors @ average / np.linalg.norm(vectors, axis=1)
    return candidates[int(np.argmax(similarity))]


def test_drawing_a_digit_shows_a_prediction(page: Page) -> None:
    page.goto("/")
    canvas = page.get_by_role("img", name="Zone de dessin")

    draw_stroke(page, canvas, [(0.5, 0.15), (0.5, 0.85)])
    page.get_by_role("button", name="Prédire").click()

    results = page.get_by_role("status")
    expect(results.get_by_role("rowheader")).to_have_count(3)
    expect(results.get_by_role("rowheader").first).to_have_text("1")
    expect(results.get_by_role("cell")).to_have_text([FRENCH_PERCENT] * 3)
    network_input = results.get_by_role("img", name="L'image 28×28")
    expect(network_input).to_be_visible()
    expect(network_input).to_have_js_property("naturalWidth", 28)


def test_uploading_a_png_shows_its_label(
    page: Page, tmp_path: Path, mnist_test_digits: list[LabelledDigit]
) -> None:
    digit = most_typical_digit(mnist_test_digits, UPLOADED_DIGIT_LABEL)
    picture = tmp_path / f"mnist-{digit.label}.png"
    Image.fromarray(digit.pixels).save(picture)
    page.goto("/")

    page.get_by_label("Choisir une image").set_input_files(picture)

    results = page.get_by_role("status")
    expect(results.get_by_role("rowheader").first).to_have_text(str(digit.label))
    expect(results.get_by_role("rowheader")).to_have_count(3)
    expect(page.get_by_text(picture.name)).to_be_visible()


def test_switching_to_english_translates_the_page(page: Page) -> None:
    page.goto("/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Reconnaissance de chiffres manuscrits")
    expect(page.get_by_role("button", name="Effacer")).to_be_visible()

    page.get_by_role("button", name="English").click()

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_title("ArchiLab — Digit recognition")
    expect(heading).to_have_text("Handwritten digit recognition")
    expect(page.get_by_role("button", name="Clear", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Predict", exact=True)).to_be_visible()
    expect(page.get_by_label("Choose a picture")).to_be_attached()
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Handwritten digit recognition")
    expect(page.get_by_role("button", name="Français")).to_be_visible()


def test_lang_parameter_shows_english_percentages(page: Page) -> None:
    page.goto("/?lang=en")
    canvas = page.get_by_role("img", name="Drawing area")

    draw_stroke(page, canvas, [(0.5, 0.15), (0.5, 0.85)])
    page.get_by_role("button", name="Predict", exact=True).click()

    results = page.get_by_role("status")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(results.get_by_role("cell")).to_have_text([ENGLISH_PERCENT] * 3)


def test_empty_canvas_shows_a_readable_problem(page: Page) -> None:
    page.goto("/")

    with page.expect_response(lambda r: "/vision/predictions" in r.url) as answer:
        page.get_by_role("button", name="Prédire").click()

    response = answer.value
    problem = response.json()
    assert response.status == 422
    assert problem["type"] == "/problems/empty-image"
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(problem["detail"])
    expect(alert).to_contain_text("L'image est vide")
    expect(page.get_by_role("status").get_by_role("rowheader")).to_have_count(0)
