"""Turning an uploaded picture into the input a model expects.

``prepare_input`` chooses by the model's input shape: 28x28 grey models get the
digit treatment below; any other shape (32x32 RGB CIFAR-10, uploaded datasets)
gets the picture stretched to size, as the dataset import did for training.

MNIST digits are white ink on black, the ink's bounding box scaled to fit 20x20
pixels, then placed in a 28x28 frame so that its centre of mass sits in the
middle. Real uploads are anything but: dark pen on white paper, a transparent
canvas, a photo, a tiny icon. Each step below undoes one of those differences;
photos of paper under uneven light are flattened first (``lab_cnn.ink``), and
``lab_cnn.input_checks`` says when the result still looks unreliable.
"""

from __future__ import annotations

import base64
import io
import warnings
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageFilter, UnidentifiedImageError

from lab_cnn.errors import EmptyImage, ImageTooLarge, UnreadableImage
from lab_cnn.ink import InkMap, find_dark_ink
from lab_cnn.input_checks import check_digit_input
from lab_common.vision.schemas import InputWarning

FRAME_SIDE = 28  # MNIST frame
DIGIT_BOX_SIDE = 20  # MNIST fits the ink's longest side in 20 px
# Bigger pictures are reduced first: the result is 28 px, 4x that is plenty.
WORKING_SIDE = 112
# Ink weaker than this share of the strongest ink is background noise.
INK_THRESHOLD = 0.25
# Below this contrast (on a 0..1 scale) the image is considered blank.
MIN_INK_CONTRAST = 0.1
# Smaller pictures are icons or MNIST-sized drawings, not photos of paper: a
# paper estimate needs a window clearly wider than the strokes.
MIN_PAPER_SIDE = 48
ACCEPTED_FORMATS = "PNG, JPEG, WebP, BMP or GIF"


@dataclass(frozen=True)
class DecodedImage:
    image: Image.Image
    format: str


def decode_image(data: bytes, *, max_side_pixels: int) -> DecodedImage:
    """Open ``data`` as an image (first frame), refusing oversized dimensions.

    The size check reads only the header, so a decompression bomb is refused
    before any pixel is decoded.
    """
    if not data:
        raise UnreadableImage("empty-upload")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            if max(width, height) > max_side_pixels:
                raise ImageTooLarge(
                    "side", width=width, height=height, limit=max_side_pixels
                )
            image.seek(0)  # animated GIF/WebP: the first frame
            image.load()
    except (UnidentifiedImageError, Image.DecompressionBombWarning) as exc:
        raise UnreadableImage("not-an-image", formats=ACCEPTED_FORMATS) from exc
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge("bomb") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnreadableImage("corrupt") from exc
    return DecodedImage(image=image, format=image.format or "unknown")


def _shrink(image: Image.Image) -> Image.Image:
    if max(image.size) <= WORKING_SIDE:
        return image
    shrunk = image.copy()
    shrunk.thumbnail((WORKING_SIDE, WORKING_SIDE), Image.Resampling.BOX)
    return shrunk


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _is_dark_on_light(grey: np.ndarray, background: float) -> bool:
    """Whether the ink is darker than the background (paper, a white canvas).

    A light background means paper. A dark one may be paper in dim light too:
    then the darker extreme lies farther from the background than the lighter.
    """
    if background > 0.5:
        return True
    darkest, lightest = np.percentile(grey, [1, 99])
    return background - float(darkest) > float(lightest) - background


def _stroke_contrast(strength: np.ndarray, contrast_range: float) -> float:
    """How far the strokes stand from the background, in 0..1 grey levels."""
    strongest = float(strength.max())
    if strongest == 0.0:
        return 0.0
    strokes = strength[strength >= INK_THRESHOLD * strongest]
    return float(np.median(strokes)) * contrast_range


def extract_ink(image: Image.Image) -> InkMap:
    """Ink intensity in 0..1 (1 = strongest ink), whatever the picture's polarity."""
    image = _shrink(image)
    if _has_transparency(image):
        alpha = np.asarray(image.convert("RGBA"), dtype=np.float32)[..., 3] / 255.0
        if alpha.min() < 0.5:  # a transparent background: strokes are opaque
            return InkMap(strength=alpha, contrast=_stroke_contrast(alpha, 1.0))
    grey = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    background = float(np.median(border))
    # Dark-on-light (paper, white canvas) is inverted to MNIST's light-on-dark.
    if _is_dark_on_light(grey, background):
        if min(grey.shape) >= MIN_PAPER_SIDE:
            return find_dark_ink(grey)
        ink, contrast_range = background - grey, background
    else:
        ink, contrast_range = grey - background, 1.0 - background
    strength = np.clip(ink, 0.0, None) / max(contrast_range, 1e-6)
    return InkMap(strength, contrast=_stroke_contrast(strength, contrast_range))


def _ink_bounding_box(ink: np.ndarray) -> tuple[int, int, int, int]:
    """(top, bottom, left, right) of the ink, ignoring isolated noise pixels."""
    mask = ink >= INK_THRESHOLD * float(ink.max())
    # A 3x3 median removes salt noise; fall back for hair-thin strokes it erases.
    filtered = Image.fromarray(mask.astype(np.uint8) * 255).filter(
        ImageFilter.MedianFilter(3)
    )
    cleaned = np.asarray(filtered) > 0
    if cleaned.any():
        mask = cleaned
    rows, cols = np.nonzero(mask)
    return int(rows.min()), int(rows.max()) + 1, int(cols.min()), int(cols.max()) + 1


def _fit_in_box(ink: np.ndarray) -> np.ndarray:
    """Scale so the longest side is ``DIGIT_BOX_SIDE`` px, keeping the aspect."""
    height, width = ink.shape
    scale = DIGIT_BOX_SIDE / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = Image.fromarray(ink.astype(np.float32)).resize(
        size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BILINEAR
    )
    return np.clip(np.asarray(resized), 0.0, 1.0)


def _centre_by_mass(digit: np.ndarray) -> np.ndarray:
    """Place ``digit`` in the frame so that its centre of mass is the centre."""
    frame = np.zeros((FRAME_SIDE, FRAME_SIDE), dtype=np.float32)
    rows, cols = np.indices(digit.shape)
    mass = float(digit.sum())
    centre_row = float((rows * digit).sum()) / mass
    centre_col = float((cols * digit).sum()) / mass
    top = int(round(FRAME_SIDE / 2 - centre_row))
    left = int(round(FRAME_SIDE / 2 - centre_col))
    # Keep the whole box inside the frame even when the mass is lopsided.
    top = min(max(top, 0), FRAME_SIDE - digit.shape[0])
    left = min(max(left, 0), FRAME_SIDE - digit.shape[1])
    frame[top : top + digit.shape[0], left : left + digit.shape[1]] = digit
    return frame


@dataclass(frozen=True)
class PreparedInput:
    """What the network receives, and why it may not show what the user meant."""

    pixels: np.ndarray
    warnings: list[InputWarning] = field(default_factory=list)


def prepare_digit_checked(image: Image.Image) -> PreparedInput:
    """The 28x28 float32 array (0..1, light ink on black) the network receives,
    with warnings when the picture's ink looks unreliable."""
    ink = extract_ink(image)
    strength = ink.strength
    if float(strength.max()) < MIN_INK_CONTRAST:
        raise EmptyImage("blank")
    top, bottom, left, right = _ink_bounding_box(strength)
    cropped = np.where(
        strength >= INK_THRESHOLD * float(strength.max()) / 2, strength, 0.0
    )
    digit = _fit_in_box(cropped[top:bottom, left:right])
    if float(digit.sum()) == 0.0:
        raise EmptyImage("faint")
    frame = _centre_by_mass(digit)
    frame = frame / float(frame.max())
    return PreparedInput(pixels=frame, warnings=check_digit_input(frame, ink.contrast))


def prepare_digit(image: Image.Image) -> np.ndarray:
    """The 28x28 float32 array (0..1, light ink on black) the network receives."""
    return prepare_digit_checked(image).pixels


DIGIT_INPUT_SHAPE = (FRAME_SIDE, FRAME_SIDE, 1)
# A transparent picture is laid on white, as uploaded datasets are at import.
PICTURE_BACKGROUND = (255, 255, 255)


def prepare_picture(image: Image.Image, input_shape: tuple[int, ...]) -> np.ndarray:
    """The whole picture resized to ``(height, width, channels)``, 0..1 float32."""
    height, width, channels = input_shape
    if _has_transparency(image):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (*PICTURE_BACKGROUND, 255))
        image = Image.alpha_composite(background, rgba)
    mode = "L" if channels == 1 else "RGB"
    resized = image.convert(mode).resize((width, height), Image.Resampling.LANCZOS)
    pixels = np.asarray(resized, dtype=np.float32) / 255.0
    return pixels.reshape(height, width, channels)


def prepare_input_checked(
    image: Image.Image, input_shape: tuple[int, ...]
) -> PreparedInput:
    """What a model with ``input_shape`` receives for ``image``, with warnings
    (only digits are checked: a stretched picture has no ink to judge)."""
    if tuple(input_shape) == DIGIT_INPUT_SHAPE:
        prepared = prepare_digit_checked(image)
        return PreparedInput(prepared.pixels[..., np.newaxis], prepared.warnings)
    return PreparedInput(prepare_picture(image, tuple(input_shape)))


def prepare_input(image: Image.Image, input_shape: tuple[int, ...]) -> np.ndarray:
    """What a model with ``input_shape`` receives for ``image``."""
    return prepare_input_checked(image, input_shape).pixels


def encode_png_b64(pixels: np.ndarray) -> str:
    """A 0..1 grey (or RGB) array as a base64 PNG, for showing images."""
    buffer = io.BytesIO()
    if pixels.ndim == 3 and pixels.shape[-1] == 1:
        pixels = pixels[..., 0]
    grey = (np.clip(pixels, 0.0, 1.0) * 255).astype(np.uint8)
    Image.fromarray(grey).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")
