"""Drawing on the page's canvas with real mouse events."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


def draw_stroke(page: Page, canvas: Locator, points: list[tuple[float, float]]) -> None:
    """Drag the mouse through ``points``, given as fractions of the canvas box."""
    box = canvas.bounding_box()
    assert box is not None, "the drawing canvas is not visible"

    def to_page(point: tuple[float, float]) -> tuple[float, float]:
        return box["x"] + point[0] * box["width"], box["y"] + point[1] * box["height"]

    page.mouse.move(*to_page(points[0]))
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*to_page(point), steps=12)
    page.mouse.up()
