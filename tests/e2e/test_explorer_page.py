"""User journey on the CNN explorer page, in a real Chromium against the real lab:
draw a digit, open a convolution's feature maps, one map with its kernel, and the
Grad-CAM overlay."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.drawing import draw_stroke

pytestmark = pytest.mark.e2e

# The favourite pattern of a filter is computed by gradient ascent on first request.
PATTERN_TIMEOUT_MS = 60_000
SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]


def expect_png_shown(image: Locator, timeout: float | None = None) -> None:
    """The image is visible and its PNG has been decoded (not a broken icon)."""
    expect(image).to_be_visible(timeout=timeout)
    expect(image).to_have_js_property("complete", True)
    assert image.evaluate("img => img.naturalWidth") > 0


def test_exploring_a_drawn_digit_layer_by_layer(page: Page) -> None:
    page.goto("/")
    page.get_by_role("link", name="Explorer le réseau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Explorer le réseau convolutif"
    )
    expect(page.get_by_label("Version du modèle")).to_contain_text("en service")
    expect(page.get_by_role("link", name="Retour à la reconnaissance")).to_be_visible()

    draw_stroke(page, page.get_by_role("img", name="Zone de dessin"), SEVEN)
    page.get_by_role("button", name=re.compile(r"^conv_1 ")).click()

    grid = page.get_by_role(
        "img", name=re.compile("cartes d'activation de la couche conv_1")
    )
    expect_png_shown(grid)
    expect(page.get_by_text("Une convolution fait glisser")).to_be_visible()

    grid.click(position={"x": 3, "y": 3})

    expect(page.get_by_role("heading", name="Carte 0 de conv_1")).to_be_visible()
    expect_png_shown(
        page.get_by_role("img", name="La carte d'activation 0 de la couche conv_1")
    )
    expect_png_shown(
        page.get_by_role("img", name="Les poids du filtre 0 de la couche conv_1")
    )
    expect_png_shown(
        page.get_by_role(
            "img", name=re.compile("motif d'entrée .* filtre 0 de conv_1")
        ),
        timeout=PATTERN_TIMEOUT_MS,
    )

    page.get_by_label("Superposer Grad-CAM").check()

    expect_png_shown(page.get_by_role("img", name="Carte Grad-CAM superposée"))
    expect(
        page.get_by_text(re.compile("Zones qui ont fait pencher le réseau"))
    ).to_be_visible()
