"""Photos of a digit on paper: uneven light, rules and dark areas do not become ink."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from lab_cnn.errors import EmptyImage
from lab_cnn.images import decode_image, prepare_digit, prepare_digit_checked
from lab_common.vision.schemas import InputWarningCode
from tests.conftest import encode_image, stroke_digit_one
from tests.photos import held_out_digits

PAGE_SHAPE = (480, 640)  # a phone photo, landscape
PAPER, PEN = 236.0, 30.0


def digit_ink(index: int = 3) -> np.ndarray:
    """A held-out MNIST digit's ink (0..1) written in the middle-right of the page."""
    images, _ = held_out_digits()
    ink = np.zeros(PAGE_SHAPE, dtype=np.float32)
    enlarged = Image.fromarray(images[index]).resize((220, 220), Image.BICUBIC)
    ink[130:350, 330:550] = np.asarray(enlarged, dtype=np.float32) / 255.0
    return ink


def linear_light() -> np.ndarray:
    """A window on the left: the page darkens to 45 % towards the right."""
    return np.broadcast_to(np.linspace(1.0, 0.45, PAGE_SHAPE[1]), PAGE_SHAPE)


def shadow_light() -> np.ndarray:
    """A hand's soft shadow over the left third of the page (55 % of the light)."""
    cols = np.arange(PAGE_SHAPE[1], dtype=np.float32)
    shadow = 1.0 / (1.0 + np.exp((cols - 220.0) / 25.0))
    return np.broadcast_to(1.0 - 0.45 * shadow, PAGE_SHAPE)


def ruled_paper() -> np.ndarray:
    """Blue-grey printed rules, 2 px wide every 36 px (strokes are ~25 px)."""
    page = np.full(PAGE_SHAPE, PAPER, dtype=np.float32)
    for row in range(20, PAGE_SHAPE[0], 36):
        page[row : row + 2] = 150.0
    return page


def photograph(
    paper: np.ndarray, ink: np.ndarray, light: np.ndarray, seed: int = 1
) -> bytes:
    """The page as a phone saves it: lit, noisy, JPEG."""
    rng = np.random.default_rng(seed)
    page = (paper + ink * (PEN - paper)) * light
    page += rng.normal(0.0, 4.0, page.shape)
    return encode_image(np.clip(page, 0, 255).astype(np.uint8), "JPEG", quality=75)


def prepare(data: bytes) -> np.ndarray:
    return prepare_digit(decode_image(data, max_side_pixels=4096).image)


def ink_outside_the_digit(pixels: np.ndarray, reference: np.ndarray) -> float:
    """The share of ``pixels``' ink lying outside the reference digit's area."""
    digit_area = ndimage.binary_dilation(reference > 0.1, iterations=2)
    ink = pixels > 0.25
    return float((ink & ~digit_area).sum()) / float(ink.sum())


def even_white_page() -> bytes:
    return photograph(np.full(PAGE_SHAPE, PAPER), digit_ink(), np.ones(PAGE_SHAPE))


@pytest.mark.parametrize("light", [linear_light, shadow_light])
def test_uneven_light_does_not_become_a_grey_block(light) -> None:
    reference = prepare(even_white_page())

    pixels = prepare(photograph(np.full(PAGE_SHAPE, PAPER), digit_ink(), light()))

    assert ink_outside_the_digit(pixels, reference) < 0.03
    assert np.abs(pixels - reference).mean() < 0.05


def test_ruled_lines_thinner_than_the_strokes_are_dropped() -> None:
    reference = prepare(even_white_page())

    pixels = prepare(photograph(ruled_paper(), digit_ink(), linear_light()))

    assert ink_outside_the_digit(pixels, reference) < 0.03


def test_a_blank_page_in_uneven_light_is_an_empty_image() -> None:
    blank = np.zeros(PAGE_SHAPE, dtype=np.float32)

    with pytest.raises(EmptyImage):
        prepare(photograph(ruled_paper(), blank, linear_light()))


def test_a_mostly_dark_photo_is_answered_with_a_mostly_ink_warning() -> None:
    dark_table = np.full(PAGE_SHAPE, PAPER, dtype=np.float32)
    dark_table[:, :420] = 25.0  # the sheet covers only the right third
    data = photograph(dark_table, digit_ink(), np.ones(PAGE_SHAPE))

    prepared = prepare_digit_checked(decode_image(data, max_side_pixels=4096).image)

    codes = [warning.code for warning in prepared.warnings]
    assert InputWarningCode.MOSTLY_INK in codes


def test_a_photo_in_dim_light_is_answered_with_a_faint_ink_warning() -> None:
    dim = np.full(PAGE_SHAPE, 0.12, dtype=np.float32)
    data = photograph(np.full(PAGE_SHAPE, PAPER), digit_ink(), dim)

    prepared = prepare_digit_checked(decode_image(data, max_side_pixels=4096).image)

    assert [warning.code for warning in prepared.warnings] == [
        InputWarningCode.FAINT_INK
    ]


@pytest.mark.parametrize(
    "pixels",
    [
        pytest.param(stroke_digit_one(), id="light-on-dark"),
        pytest.param(stroke_digit_one(ink=0, background=255), id="dark-on-white"),
        pytest.param(held_out_digits()[0][0], id="mnist"),
    ],
)
def test_clean_drawings_get_no_warning(pixels: np.ndarray) -> None:
    image = decode_image(encode_image(pixels), max_side_pixels=4096).image

    assert prepare_digit_checked(image).warnings == []


def test_a_photo_in_even_light_gets_no_warning() -> None:
    image = decode_image(even_white_page(), max_side_pixels=4096).image

    assert prepare_digit_checked(image).warnings == []
