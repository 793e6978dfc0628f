"""Realistic test pictures of digits, generated with fixed seeds.

Two kinds, both labelled:

- phone photos of a digit written on paper (``photo_samples``): a held-out MNIST
  digit becomes dark pen ink on white, beige or grey paper, under a linear or
  radial light gradient or a hand's soft shadow, on ruled or squared paper,
  slightly rotated and off-centre, with sensor noise, blur and JPEG;
- drawings like the classify page's canvas (``canvas_samples``): thick
  round-capped strokes on a transparent canvas (ink in alpha) or on white.

Used by the preprocessing tests, the integration test and
``bench/photo_accuracy.py``, so every number comes from the same pictures.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

PHOTO_SEED = 10_2024
CANVAS_SEED = 7_2024
# Every photo has one dominant condition; accuracy is reported per condition.
CONDITIONS = (
    "white-even",
    "beige",
    "grey",
    "linear-gradient",
    "radial-gradient",
    "shadow",
    "ruled",
    "squared",
)
PAPERS = {
    "white": (238, 236, 230),
    "beige": (226, 210, 178),
    "grey": (188, 188, 184),
}
INKS = ((28, 30, 40), (30, 40, 110), (45, 45, 50))  # black, blue, dark grey pen
RULE_COLOURS = ((120, 150, 215), (150, 160, 175))  # blue, grey printed lines


@dataclass(frozen=True)
class Sample:
    data: bytes  # the encoded file, as a user would upload it
    label: int
    condition: str


def held_out_digits() -> tuple[np.ndarray, np.ndarray]:
    """(images 28x28 uint8 white-on-black, labels) the ``digits`` model never saw:
    the test split of ``load_mnist_5k`` (the split the default model is trained on)."""
    from lab_common.datasets.image_readers import load_mnist_5k

    dataset = load_mnist_5k()
    return dataset.x_test.reshape(-1, 28, 28), dataset.y_test.astype(int)


# --- paper photos ------------------------------------------------------------


def _linear_light(shape: tuple[int, int], rng: np.random.Generator, depth: float):
    """Brightness falling by ``depth`` across the page in a random direction."""
    height, width = shape
    angle = rng.uniform(0, 2 * math.pi)
    rows, cols = np.mgrid[0:height, 0:width] / max(height, width)
    ramp = rows * math.sin(angle) + cols * math.cos(angle)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    return 1.0 - depth * ramp


def _radial_light(shape: tuple[int, int], rng: np.random.Generator, depth: float):
    """A lamp's bright spot somewhere on the page, darker towards the corners."""
    height, width = shape
    centre = (rng.uniform(0.2, 0.8) * height, rng.uniform(0.2, 0.8) * width)
    rows, cols = np.mgrid[0:height, 0:width]
    distance = np.hypot(rows - centre[0], cols - centre[1]) / math.hypot(height, width)
    return 1.0 - depth * np.clip(distance / 0.75, 0, 1) ** 1.5


def _hand_shadow(shape: tuple[int, int], rng: np.random.Generator, depth: float):
    """A soft-edged shadow (hand or phone) over one side of the page."""
    height, width = shape
    rows, cols = np.mgrid[0:height, 0:width] / max(height, width)
    angle = rng.uniform(0, 2 * math.pi)
    # The shadow edge passes 15-35 % into the page, so it reaches near the digit.
    offset = rng.uniform(0.15, 0.35)
    side = rows * math.sin(angle) + cols * math.cos(angle)
    side = side - (side.min() + offset * float(np.ptp(side)))
    softness = rng.uniform(0.02, 0.08)
    shadow = 1.0 / (1.0 + np.exp(side / softness))  # 1 in the shadow
    return 1.0 - depth * shadow


def _rules(shape: tuple[int, int], rng: np.random.Generator, squared: bool):
    """(mask, colour) of printed lines 1-3 px wide, thinner than any stroke."""
    height, width = shape
    spacing = int(rng.uniform(0.06, 0.1) * max(height, width))
    thickness = int(rng.integers(1, 4))
    mask = np.zeros(shape, dtype=np.float32)
    start = int(rng.integers(0, spacing))
    for row in range(start, height, spacing):
        mask[row : row + thickness] = 1.0
    if squared:
        for col in range(int(rng.integers(0, spacing)), width, spacing):
            mask[:, col : col + thickness] = 1.0
    colour = RULE_COLOURS[int(rng.integers(len(RULE_COLOURS)))]
    return mask * rng.uniform(0.6, 1.0), np.array(colour, dtype=np.float32)


def _place_digit(
    digit: np.ndarray, shape: tuple[int, int], rng: np.random.Generator
) -> np.ndarray:
    """The digit's ink (0..1) enlarged, slightly rotated and off-centre on the page."""
    height, width = shape
    side = int(rng.uniform(0.35, 0.6) * min(height, width))
    ink = Image.fromarray(digit).resize((side, side), Image.Resampling.BICUBIC)
    ink = ink.rotate(rng.uniform(-12, 12), Image.Resampling.BICUBIC, expand=True)
    page = Image.new("L", (width, height), 0)
    spare_x, spare_y = width - ink.width, height - ink.height
    left = int(spare_x / 2 + rng.uniform(-0.35, 0.35) * spare_x)
    top = int(spare_y / 2 + rng.uniform(-0.35, 0.35) * spare_y)
    page.paste(ink, (left, top))
    return np.asarray(page, dtype=np.float32) / 255.0


def _page_shape(rng: np.random.Generator) -> tuple[int, int]:
    """A phone photo's proportions at 300-800 px, portrait or landscape."""
    long_side = int(rng.integers(300, 801))
    short_side = int(long_side * rng.uniform(0.7, 1.0))
    return (long_side, short_side) if rng.random() < 0.5 else (short_side, long_side)


def _light_for(condition: str, shape, rng: np.random.Generator) -> np.ndarray:
    if condition == "linear-gradient":
        return _linear_light(shape, rng, rng.uniform(0.35, 0.6))
    if condition == "radial-gradient":
        return _radial_light(shape, rng, rng.uniform(0.35, 0.6))
    if condition == "shadow":
        return _hand_shadow(shape, rng, rng.uniform(0.35, 0.55))
    if condition == "white-even":
        return _linear_light(shape, rng, rng.uniform(0.0, 0.08))
    return _linear_light(shape, rng, rng.uniform(0.1, 0.3))  # any real photo


def _paper_for(condition: str, rng: np.random.Generator) -> np.ndarray:
    if condition in PAPERS:
        name = condition
    elif condition == "white-even":
        name = "white"
    else:
        name = ("white", "white", "beige", "grey")[int(rng.integers(4))]
    return np.array(PAPERS[name], dtype=np.float32)


def render_photo(digit: np.ndarray, condition: str, rng: np.random.Generator) -> bytes:
    """A JPEG phone photo of ``digit`` (28x28 white-on-black) written on paper."""
    shape = _page_shape(rng)
    page = np.broadcast_to(_paper_for(condition, rng), (*shape, 3)).copy()
    if condition in ("ruled", "squared"):
        lines, colour = _rules(shape, rng, squared=condition == "squared")
        page += lines[..., None] * (colour - page)
    ink = _place_digit(digit, shape, rng)[..., None]
    ink_colour = np.array(INKS[int(rng.integers(len(INKS)))], dtype=np.float32)
    page += ink * rng.uniform(0.85, 1.0) * (ink_colour - page)
    page *= _light_for(condition, shape, rng)[..., None]
    page += rng.normal(0, rng.uniform(2, 7), page.shape)  # sensor noise
    photo = Image.fromarray(np.clip(page, 0, 255).astype(np.uint8), "RGB")
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.4)))
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=int(rng.integers(60, 91)))
    return buffer.getvalue()


def photo_samples(count: int, seed: int = PHOTO_SEED) -> Iterator[Sample]:
    """``count`` photos of held-out digits, conditions in turn, digits in order."""
    images, labels = held_out_digits()
    rng = np.random.default_rng(seed)
    for index in range(count):
        condition = CONDITIONS[index % len(CONDITIONS)]
        digit = index % len(labels)
        data = render_photo(images[digit], condition, rng)
        yield Sample(data=data, label=int(labels[digit]), condition=condition)


# --- canvas drawings -----------------------------------------------------------

CANVAS_SIDE = 280  # the page's canvas
STROKE_WIDTH_PER_PIXEL = 0.08  # as frontend/js/components/drawing-canvas.js


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float):
    """Points along an ellipse arc, angles in degrees (0 = right, 90 = down)."""
    steps = max(int(abs(end - start) / 12), 2)
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in np.linspace(start, end, steps)
    ]


def _eight() -> list[tuple[float, float]]:
    return [
        (0.5 + 0.2 * math.sin(2 * t), 0.5 - 0.36 * math.cos(t))
        for t in np.linspace(0, 2 * math.pi, 40)
    ]


# Each digit as the strokes a student draws, in a unit square (y down).
STROKES: dict[int, Callable[[], list[list[tuple[float, float]]]]] = {
    0: lambda: [_arc(0.5, 0.5, 0.24, 0.36, -90, 270)],
    1: lambda: [[(0.42, 0.24), (0.54, 0.14), (0.54, 0.86)]],
    2: lambda: [_arc(0.5, 0.33, 0.22, 0.19, 190, 380) + [(0.26, 0.85), (0.78, 0.85)]],
    3: lambda: [
        _arc(0.48, 0.32, 0.2, 0.17, 200, 450),
        _arc(0.48, 0.67, 0.22, 0.19, 270, 520),
    ],
    4: lambda: [[(0.58, 0.86), (0.58, 0.14), (0.22, 0.62), (0.8, 0.62)]],
    5: lambda: [
        [(0.72, 0.15), (0.33, 0.15), (0.3, 0.47)]
        + _arc(0.48, 0.64, 0.23, 0.21, 235, 500)
    ],
    6: lambda: [[(0.66, 0.14), (0.4, 0.38)] + _arc(0.49, 0.66, 0.2, 0.2, 200, 560)],
    7: lambda: [[(0.24, 0.15), (0.76, 0.15), (0.42, 0.87)]],
    8: lambda: [_eight()],
    9: lambda: [_arc(0.5, 0.33, 0.2, 0.19, 0, 360) + [(0.7, 0.33), (0.64, 0.87)]],
}


def _jitter(strokes, rng: np.random.Generator) -> list[list[tuple[float, float]]]:
    """The template drawn by a hand: scaled, slanted, moved, wobbling a little."""
    scale = rng.uniform(0.65, 1.0)
    slant = rng.uniform(-0.2, 0.2)
    shift = rng.uniform(-0.12, 0.12, size=2)
    drawn = []
    for stroke in strokes:
        points = np.array(stroke) - 0.5
        points[:, 0] += slant * -points[:, 1]
        points = points * scale + 0.5 + shift + rng.normal(0, 0.012, points.shape)
        drawn.append([tuple(p) for p in np.clip(points, 0.04, 0.96)])
    return drawn


def render_canvas(label: int, rng: np.random.Generator, transparent: bool) -> bytes:
    """A PNG like the page's canvas: light strokes in alpha, or dark ink on white."""
    side = CANVAS_SIDE
    width = round(side * STROKE_WIDTH_PER_PIXEL * rng.uniform(0.8, 1.2))
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    for stroke in _jitter(STROKES[label](), rng):
        points = [(x * side, y * side) for x, y in stroke]
        draw.line(points, fill=255, width=width, joint="curve")
        for x, y in (points[0], points[-1]):  # round caps
            draw.ellipse(
                (x - width / 2, y - width / 2, x + width / 2, y + width / 2), 255
            )
    if transparent:
        rgba = np.zeros((side, side, 4), dtype=np.uint8)
        rgba[..., :3] = (248, 250, 252)
        rgba[..., 3] = np.asarray(mask)
        image = Image.fromarray(rgba, "RGBA")
    else:
        image = Image.fromarray(255 - np.asarray(mask), "L")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def canvas_samples(count: int, seed: int = CANVAS_SEED) -> Iterator[Sample]:
    """``count`` canvas drawings, digits 0-9 in turn, transparent then white."""
    rng = np.random.default_rng(seed)
    for index in range(count):
        label = index % 10
        transparent = (index // 10) % 2 == 0
        data = render_canvas(label, rng, transparent)
        condition = "transparent" if transparent else "white"
        yield Sample(data=data, label=label, condition=condition)


def mnist_samples(count: int) -> Iterator[Sample]:
    """The first ``count`` held-out MNIST digits as PNG, as the dataset stores them."""
    images, labels = held_out_digits()
    for image, label in zip(images[:count], labels[:count], strict=True):
        buffer = io.BytesIO()
        Image.fromarray(image).save(buffer, format="PNG")
        yield Sample(data=buffer.getvalue(), label=int(label), condition="mnist")
