"""Arrays to PNG: feature-map grids, kernels and Grad-CAM overlays.

The browser only shows these images, so every choice of scale and colour is
made here, once.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

# Tiles are enlarged (nearest neighbour) to at least this many pixels a side.
MIN_TILE_PIXELS = 56
GAP_PIXELS = 1
GAP_GREY = 96


@dataclass(frozen=True)
class Grid:
    png: bytes
    columns: int
    tile_pixels: int


def to_png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG")
    return buffer.getvalue()


def normalise(values: np.ndarray) -> np.ndarray:
    """Stretch to 0..255 (uint8); a constant array becomes black."""
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:
        return np.zeros(values.shape, dtype=np.uint8)
    return ((values - low) / (high - low) * 255).astype(np.uint8)


def enlarge(pixels: np.ndarray, side: int) -> np.ndarray:
    scale = max(1, math.ceil(side / max(pixels.shape[:2])))
    return np.kron(pixels, np.ones((scale, scale), dtype=pixels.dtype))


def render_grid(tiles: np.ndarray) -> Grid:
    """Tiles shaped (count, h, w), each normalised alone, in a near-square grid."""
    count = tiles.shape[0]
    columns = math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    enlarged = [enlarge(normalise(tile), MIN_TILE_PIXELS) for tile in tiles]
    side = enlarged[0].shape[0]
    step = side + GAP_PIXELS
    canvas = np.full((rows * step - GAP_PIXELS, columns * step - GAP_PIXELS), GAP_GREY,
                     dtype=np.uint8)  # fmt: skip
    for index, tile in enumerate(enlarged):
        top, left = (index // columns) * step, (index % columns) * step
        canvas[top : top + side, left : left + tile.shape[1]] = tile
    return Grid(png=to_png(canvas), columns=columns, tile_pixels=side)


def render_single(values: np.ndarray, side: int = 224) -> bytes:
    return to_png(enlarge(normalise(values), side))


def render_pattern(pattern: np.ndarray) -> bytes:
    """A generated input image (height, width, channels); colour shown as grey."""
    return render_single(pattern.mean(axis=-1))


def _heat_colours(heat: np.ndarray) -> np.ndarray:
    """A blue -> green -> yellow -> red ramp for 0..1 values, as uint8 RGB."""
    red = np.clip(1.5 * heat - 0.25, 0, 1)
    green = np.clip(1.5 - np.abs(2 * heat - 1.1) * 1.5, 0, 1)
    blue = np.clip(1.0 - 2 * heat, 0, 1)
    return (np.stack([red, green, blue], axis=-1) * 255).astype(np.uint8)


def render_overlay(image: np.ndarray, heatmap: np.ndarray, side: int = 224) -> bytes:
    """The input (grey, or HxWx1 / HxWx3) with the heatmap blended over it."""
    if image.ndim == 2:
        image = image[..., None]
    pixels_0_255 = (np.clip(image, 0, 1) * 255).astype(np.uint8)
    base = np.repeat(pixels_0_255, 3, -1) if image.shape[-1] == 1 else pixels_0_255
    alpha = (0.25 + 0.6 * heatmap)[..., None]
    blended = (1 - alpha) * base + alpha * _heat_colours(heatmap)
    pixels = blended.astype(np.uint8)
    scale = max(1, side // pixels.shape[0])
    return to_png(np.kron(pixels, np.ones((scale, scale, 1), dtype=np.uint8)))
