"""The explorer's details, in a real Chromium against the real lab: captions follow
the language, the chosen map tile is marked, Grad-CAM has its colour scale and the
kernel view says it averages the input channels."""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Locator, Page, expect

from lab_cnn.rendering import _heat_colours
from tests.e2e.drawing import draw_stroke

pytestmark = pytest.mark.e2e

SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.45, 0.85)]


def open_maps_of(page: Page, layer: str) -> Locator:
    """Draw a 7, open the feature maps of ``layer``; the grid image."""
    page.goto("/explorer.html")
    draw_stroke(page, page.get_by_role("img", name="Zone de dessin"), SEVEN)
    page.get_by_role("button", name=re.compile(rf"^{layer} ")).click()
    grid = page.get_by_role(
        "img", name=re.compile(f"cartes d'activation de la couche {layer}")
    )
    expect(grid).to_be_visible()
    return grid


def click_through(page: Page, tile: Locator) -> None:
    """Click the grid where ``tile`` lies, as a mouse user does."""
    box = tile.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_a_test_image_caption_turns_english_with_the_page(page: Page) -> None:
    page.goto("/explorer.html")
    page.get_by_role(
        "button", name=re.compile(r"^Image de test n°\s\d+ \(classe 0\)")
    ).click()
    caption = page.locator("#image-name")
    expect(caption).to_have_text(
        re.compile(r"^Image\s:\sImage de test n°\s\d+ \(classe 0\)$")
    )

    page.get_by_role("button", name="English").click()

    expect(caption).to_have_text(re.compile(r"^Image: Test image #\d+ \(class 0\)$"))


def test_the_chosen_map_tile_is_marked_one_at_a_time(page: Page) -> None:
    open_maps_of(page, "conv_1")
    first = page.get_by_role("button", name="Carte 0", exact=True)
    second = page.get_by_role("button", name="Carte 1", exact=True)
    click_through(page, first)
    expect(first).to_have_attribute("aria-pressed", "true")

    click_through(page, second)

    expect(page.get_by_role("heading", name="Carte 1 de conv_1")).to_be_visible()
    expect(second).to_have_attribute("aria-pressed", "true")
    expect(first).to_have_attribute("aria-pressed", "false")
    expect(page.locator('.map-tile[aria-pressed="true"]')).to_have_count(1)
    assert second.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    assert first.evaluate("el => getComputedStyle(el).outlineStyle") == "none"


def test_the_map_tiles_stay_the_same_while_the_open_map_loads(page: Page) -> None:
    """The open map, its kernel and its pattern arrive one after the other; the grid
    and its tiles are kept, not rebuilt under the pointer or the keyboard focus."""
    open_maps_of(page, "conv_1")
    tile = page.get_by_role("button", name="Carte 1", exact=True)
    tile.evaluate("el => { el.dataset.probe = 'first laid' }")

    click_through(page, tile)

    expect(
        page.get_by_role("img", name=re.compile("motif d'entrée .* filtre 1 de conv_1"))
    ).to_be_visible(timeout=60_000)
    kept = page.locator('.map-tile[data-probe="first laid"]')
    expect(kept).to_have_attribute("aria-pressed", "true")
    expect(kept).to_have_accessible_name("Carte 1")


def test_grad_cam_shows_the_service_s_colour_scale(page: Page) -> None:
    page.goto("/explorer.html")
    draw_stroke(page, page.get_by_role("img", name="Zone de dessin"), SEVEN)

    page.get_by_label("Superposer Grad-CAM").check()

    expect(page.get_by_role("img", name="Carte Grad-CAM superposée")).to_be_visible()
    legend = page.get_by_role(
        "img", name=re.compile("Échelle des couleurs de Grad-CAM")
    )
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Attention faible")
    expect(legend).to_contain_text("Attention forte")
    gradient = legend.locator(".heat-legend-bar").evaluate("el => el.style.background")
    shown = np.array(
        [
            [int(v) for v in rgb]
            for rgb in re.findall(r"rgb\((\d+), (\d+), (\d+)\)", gradient)
        ]
    )
    expected = _heat_colours(np.linspace(0.0, 1.0, len(shown))).astype(int)
    assert len(shown) > 10
    assert np.abs(shown - expected).max() <= 1


def test_the_kernel_view_says_it_averages_the_input_channels(page: Page) -> None:
    open_maps_of(page, "conv_2")

    click_through(page, page.get_by_role("button", name="Carte 0", exact=True))

    expect(
        page.get_by_role("img", name="Les poids du filtre 0 de la couche conv_2")
    ).to_be_visible()
    expect(
        page.get_by_text("la moyenne de ses 32 noyaux, un par canal")
    ).to_be_visible()


def test_the_first_kernel_view_says_it_has_one_channel(page: Page) -> None:
    open_maps_of(page, "conv_1")

    click_through(page, page.get_by_role("button", name="Carte 0", exact=True))

    expect(page.get_by_text("conv_1 n'a qu'un canal d'entrée")).to_be_visible()
