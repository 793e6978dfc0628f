"""Preprocessing: any reasonable picture of a digit becomes an MNIST-like input."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from lab_cnn.errors import EmptyImage, ImageTooLarge, UnreadableImage
from lab_cnn.images import DIGIT_BOX_SIDE, FRAME_SIDE, decode_image, prepare_digit
from tests.conftest import encode_image, stroke_digit_one

MAX_SIDE = 4096


def prepare(data: bytes) -> np.ndarray:
    return prepare_digit(decode_image(data, max_side_pixels=MAX_SIDE).image)


def centre_of_mass(pixels: np.ndarray) -> tuple[float, float]:
    rows, cols = np.indices(pixels.shape)
    mass = pixels.sum()
    return float((rows * pixels).sum() / mass), float((cols * pixels).sum() / mass)


def ink_box(pixels: np.ndarray, threshold: float = 0.05) -> tuple[int, int]:
    rows, cols = np.nonzero(pixels > threshold)
    return int(rows.max() - rows.min() + 1), int(cols.max() - cols.min() + 1)


def test_prepare_digit_returns_a_28x28_frame_scaled_to_one() -> None:
    pixels = prepare(encode_image(stroke_digit_one()))

    assert pixels.shape == (FRAME_SIDE, FRAME_SIDE)
    assert pixels.dtype == np.float32
    assert pixels.max() == pytest.approx(1.0)
    assert pixels.min() >= 0.0


def test_prepare_digit_fits_longest_side_in_20_pixels() -> None:
    pixels = prepare(encode_image(stroke_digit_one()))

    height, width = ink_box(pixels)

    assert height == DIGIT_BOX_SIDE
    assert width < height


def test_prepare_digit_treats_dark_on_light_like_light_on_dark() -> None:
    light_on_dark = prepare(encode_image(stroke_digit_one(ink=255, background=0)))
    dark_on_light = prepare(encode_image(stroke_digit_one(ink=0, background=255)))

    np.testing.assert_allclose(dark_on_light, light_on_dark, atol=2e-3)


def test_prepare_digit_uses_alpha_as_ink_on_a_transparent_canvas() -> None:
    rgba = np.zeros((200, 200, 4), dtype=np.uint8)
    rgba[..., 3] = stroke_digit_one()  # black strokes, visible only through alpha
    reference = prepare(encode_image(stroke_digit_one()))

    pixels = prepare(encode_image(rgba))

    np.testing.assert_allclose(pixels, reference, atol=2e-3)


def test_prepare_digit_centres_an_off_centre_digit_by_mass() -> None:
    canvas = np.zeros((300, 300), dtype=np.uint8)
    canvas[10:90, 200:215] = 255  # a short bar in the top-right corner

    pixels = prepare(encode_image(canvas))
    row, col = centre_of_mass(pixels)

    assert abs(row - FRAME_SIDE / 2) <= 1.0
    assert abs(col - FRAME_SIDE / 2) <= 1.0


def test_prepare_digit_enlarges_a_tiny_image() -> None:
    tiny = np.zeros((9, 7), dtype=np.uint8)
    tiny[1:8, 3] = 255

    pixels = prepare(encode_image(tiny))

    assert ink_box(pixels)[0] == DIGIT_BOX_SIDE


def test_prepare_digit_handles_a_huge_photo_like_image() -> None:
    huge = np.full((3000, 4000), 230, dtype=np.uint8)  # grey paper
    huge[600:2400, 1900:2100] = 20  # dark pen stroke

    pixels = prepare(encode_image(huge, "JPEG", quality=90))

    assert ink_box(pixels)[0] == DIGIT_BOX_SIDE
    assert abs(centre_of_mass(pixels)[1] - FRAME_SIDE / 2) <= 1.0


def test_prepare_digit_ignores_salt_noise_around_the_digit() -> None:
    rng = np.random.default_rng(7)
    noisy = stroke_digit_one().astype(np.int16)
    noisy += rng.normal(0, 12, noisy.shape).astype(np.int16)  # sensor noise
    salt = rng.random(noisy.shape) < 0.002  # isolated bright specks
    noisy[salt] = 255
    clean = prepare(encode_image(stroke_digit_one()))

    pixels = prepare(encode_image(np.clip(noisy, 0, 255).astype(np.uint8)))

    assert ink_box(pixels, threshold=0.3) == ink_box(clean, threshold=0.3)
    assert np.abs(pixels - clean).mean() < 0.05


def test_prepare_digit_rejects_a_blank_canvas() -> None:
    blank = np.full((280, 280), 255, dtype=np.uint8)

    with pytest.raises(EmptyImage):
        prepare(encode_image(blank))


def test_prepare_digit_rejects_a_fully_transparent_canvas() -> None:
    with pytest.raises(EmptyImage):
        prepare(encode_image(np.zeros((280, 280, 4), dtype=np.uint8)))


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP", "BMP", "GIF"])
def test_decode_image_reads_common_formats(image_format: str) -> None:
    data = encode_image(stroke_digit_one(), image_format)

    pixels = prepare(data)

    assert ink_box(pixels)[0] == DIGIT_BOX_SIDE


def test_decode_image_takes_the_first_frame_of_an_animated_gif() -> None:
    first = Image.fromarray(stroke_digit_one())
    second = Image.fromarray(np.zeros((200, 200), dtype=np.uint8))
    buffer = io.BytesIO()
    first.save(buffer, format="GIF", save_all=True, append_images=[second])

    pixels = prepare(buffer.getvalue())

    assert pixels.max() == pytest.approx(1.0)


def test_decode_image_rejects_text() -> None:
    with pytest.raises(UnreadableImage):
        decode_image(b"not an image at all", max_side_pixels=MAX_SIDE)


def test_decode_image_rejects_a_truncated_png() -> None:
    data = encode_image(stroke_digit_one())

    with pytest.raises(UnreadableImage):
        decode_image(data[: len(data) // 2], max_side_pixels=MAX_SIDE)


def test_decode_image_rejects_dimensions_over_the_limit() -> None:
    data = encode_image(np.zeros((10, 5000), dtype=np.uint8))

    with pytest.raises(ImageTooLarge):
        decode_image(data, max_side_pixels=MAX_SIDE)


def test_decode_image_refuses_a_decompression_bomb_before_decoding() -> None:
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, format="PNG")  # ~100 KB file

    with pytest.raises(ImageTooLarge):
        decode_image(buffer.getvalue(), max_side_pixels=MAX_SIDE)
