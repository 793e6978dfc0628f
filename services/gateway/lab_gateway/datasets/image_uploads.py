"""Turning a zip of class folders of images into a normalised image dataset.

Every image is decoded with Pillow and resized (stretched, not cropped) to
28x28 grey (``color_mode="grey"``) or 32x32 RGB (``"rgb"``), the two input
shapes training supports. With ``"auto"`` the files decide: if every image is
stored grey-scale (modes 1, L, LA, I, I;16, F, or a palette of greys) the
dataset is 28x28 grey, otherwise 32x32 RGB. Transparent pixels are shown on
white, as image viewers do; grey values are kept (no inversion to MNIST's
bright-on-dark).
"""

from __future__ import annotations

import io
import warnings
import zipfile
from typing import BinaryIO, Literal

import numpy as np
from PIL import Image, UnidentifiedImageError

from lab_common.datasets.images import ImageDataset
from lab_gateway.datasets.archives import ClassFolders, open_class_folders
from lab_gateway.datasets.errors import (
    ArchiveImageTooLarge,
    InvalidArchive,
    UndecodableImage,
)
from lab_gateway.datasets.rules import UploadLimits, check_class_counts, split_upload

ColorMode = Literal["auto", "grey", "rgb"]
GREY_SIDE_PIXELS = 28
RGB_SIDE_PIXELS = 32
_GREY_MODES = {"1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F"}


def _open_image(name: str, data: bytes, limits: UploadLimits) -> Image.Image:
    """The image with its header read (pixels not decoded yet)."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ArchiveImageTooLarge("bomb", name=name) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise UndecodableImage(
            "unreadable", name=name, error=exc.__class__.__name__
        ) from exc
    width, height = image.size
    if width * height > limits.max_image_pixels:
        raise ArchiveImageTooLarge(
            "pixels",
            name=name,
            width=width,
            height=height,
            limit=limits.max_image_pixels,
        )
    return image


def _is_grey(image: Image.Image) -> bool:
    if image.mode in _GREY_MODES:
        return True
    if image.mode != "P":
        return False
    palette = image.getpalette() or []
    triples = zip(palette[0::3], palette[1::3], palette[2::3], strict=False)
    return all(red == green == blue for red, green, blue in triples)


def _decode_rgba(image: Image.Image) -> Image.Image:
    if image.mode.startswith("I") or image.mode == "F":
        # Pillow clips 16-bit grey to 255 when converting: rescale it first.
        pixels = np.asarray(image, dtype=np.float64)
        top = 65535.0 if pixels.max() > 255 else 255.0
        image = Image.fromarray(np.rint(pixels * (255 / top)).astype(np.uint8))
    return image.convert("RGBA")


def _to_array(name: str, image: Image.Image, grey: bool) -> np.ndarray:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            rgba = _decode_rgba(image)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombWarning) as exc:
        raise UndecodableImage("undecodable", name=name, error=str(exc)) from exc
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(background, rgba)
    if grey:
        side = GREY_SIDE_PIXELS
        small = flat.convert("L").resize((side, side), Image.LANCZOS)
        return np.asarray(small, dtype=np.uint8)[..., np.newaxis]
    side = RGB_SIDE_PIXELS
    small = flat.convert("RGB").resize((side, side), Image.LANCZOS)
    return np.asarray(small, dtype=np.uint8)


def _choose_grey(folders: ClassFolders, color_mode: ColorMode) -> bool:
    """Check every image's header; decide grey or RGB."""
    all_grey = True
    for infos in folders.classes.values():
        for info in infos:
            image = _open_image(info.filename, folders.read(info), folders.limits)
            all_grey = all_grey and _is_grey(image)
    return all_grey if color_mode == "auto" else color_mode == "grey"


def read_image_archive(
    source: BinaryIO, dataset_id: str, limits: UploadLimits, color_mode: ColorMode
) -> ImageDataset:
    """The archive's images, normalised and split about 80/20 in every class."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InvalidArchive("unreadable", error=str(exc)) from exc
    with archive:
        folders = open_class_folders(archive, limits)
        check_class_counts(
            {name: len(infos) for name, infos in folders.classes.items()}, "images"
        )
        grey = _choose_grey(folders, color_mode)
        # The first pass counted bytes against the limit; count this one afresh.
        folders.bytes_read = 0
        images: list[np.ndarray] = []
        labels: list[int] = []
        for label, infos in enumerate(folders.classes.values()):
            for info in infos:
                image = _open_image(info.filename, folders.read(info), limits)
                images.append(_to_array(info.filename, image, grey))
                labels.append(label)
    x = np.stack(images)
    y = np.asarray(labels, dtype=np.int64)
    splits = split_upload(y)
    train, test = splits["train"], splits["test"]
    return ImageDataset(
        x_train=x[train],
        y_train=y[train],
        x_test=x[test],
        y_test=y[test],
        class_names=list(folders.classes),
        id=dataset_id,
    )
