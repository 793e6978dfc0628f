"""User journey on the CNN explorer page, in a real Chromium against the real lab:
draw a digit, open a convolution's feature maps, one map with its kernel, the
Grad-CAM overlay, a test image of the dataset, and the analysis report."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import TEST_OUTPUT, save_for_readers
from tests.e2e.drawing import draw_stroke

pytestmark = pytest.mark.e2e

# The favourite pattern of a filter is computed by gradient ascent on first request.
PATTERN_TIMEOUT_MS = 60_000
# The report measures the whole test split: tens of seconds on two busy cores.
REPORT_TIMEOUT_MS = 240_000
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

    save_for_readers(page, "explorer-drawing")


def test_a_test_image_and_the_analysis_report(page: Page) -> None:
    page.goto("/explorer.html")
    page.get_by_role(
        "button", name=re.compile(r"^Image de test n°\s\d+ \(classe 0\)")
    ).click()

    expect(
        page.get_by_text(re.compile(r"Image\s:\sImage de test n°\s\d+ \(classe 0\)"))
    ).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^relu_2 ")).click()
    expect_png_shown(
        page.get_by_role("img", name=re.compile("cartes d'activation de la couche"))
    )

    page.get_by_role("button", name="Générer le rapport").click()
    expect(
        page.get_by_role("progressbar", name="Avancement du rapport")
    ).to_be_visible()
    pdf_link = page.get_by_role("link", name="Télécharger le PDF")
    expect(pdf_link).to_be_visible(timeout=REPORT_TIMEOUT_MS)
    expect(page.get_by_text(re.compile(r"Rapport prêt \(rédigé en"))).to_be_visible()
    save_for_readers(page, "explorer-report")

    with page.expect_download() as download:
        pdf_link.click()
    saved = TEST_OUTPUT / download.value.suggested_filename
    download.value.save_as(saved)

    assert saved.name.startswith("archilab-report-digits-v")
    assert saved.read_bytes().startswith(b"%PDF-")
