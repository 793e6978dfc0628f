"""Finding the ink in a picture of a digit on paper, whatever the light.

The paper of a phone photo is not one grey: a lamp, a window or a hand's shadow
darken one part of the page, and a single threshold then calls that part "ink"
(the network receives a grey block beside the digit). So the paper's own
brightness is estimated everywhere and divided out first; only then is the ink
thresholded, and printed rules thinner than the strokes, specks and fragments
are dropped. Pictures with dark ink on a light background go through here;
light ink (MNIST, a transparent canvas) is read by ``lab_cnn.images``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

# The closing window, as a share of the picture's longest side: wider than any
# stroke (the page's canvas draws them 8 % wide), so strokes vanish from the
# paper estimate, while a shadow's edge, wider still, stays in it.
PAPER_WINDOW_SHARE = 0.25
# Where the median of the window is darker than this share of the closing,
# ink fills the window: pen ink reflects well under half of its paper's light.
INK_FILLED_SHARE = 0.5
# Paper under the deepest real shadow keeps about a third of the light of the
# brightest paper; anything darker over a large area is taken as ink, so a
# picture that is mostly dark still shows as dark (and gets a warning).
DARKEST_PAPER_SHARE = 0.35
# Ink must stand out from its paper by at least this share of the paper's light;
# below, it is paper grain, JPEG blocks or sensor noise.
MIN_INK_STRENGTH = 0.18
# A printed rule runs across much of the page; a stroke of a digit does not.
RULE_LENGTH_SHARE = 0.5
# Pieces smaller than this share of the biggest piece of ink are specks.
FRAGMENT_SHARE = 0.1
# Other pieces of the digit's ink are at least this share as strong as its main
# piece (ink the same pen left), where a shadow's edge or a rule is weaker.
WEAK_PIECE_SHARE = 0.6
THREE_BY_THREE = np.ones((3, 3), dtype=bool)


@dataclass(frozen=True)
class InkMap:
    """How much ink each pixel holds, and how visible the strokes are."""

    strength: np.ndarray  # 0..1, 1 = the strongest ink; 0 where there is none
    contrast: float  # the strokes against their background, 0..1 grey levels


def estimate_paper(grey: np.ndarray) -> np.ndarray:
    """The paper's brightness at every pixel, as if nothing were written on it."""
    window = max(3, round(max(grey.shape) * PAPER_WINDOW_SHARE))
    # A grey closing fills dark features narrower than the window (strokes,
    # rules) with the paper around them, but overshoots where a shadow's soft
    # edge bends (it fills the knee like a valley).
    closed = ndimage.grey_closing(grey, size=(window, window), mode="nearest")
    # The median keeps any soft edge where it is, but turns to ink where ink
    # fills half its window (strokes crossing): it is trusted unless it is
    # much darker than the closing.
    median = _coarse_median(grey, window)
    paper = np.where(median >= INK_FILLED_SHARE * closed, median, closed)
    floor = DARKEST_PAPER_SHARE * float(np.percentile(paper, 95))
    return np.maximum(paper, max(floor, 1e-3))


def _coarse_median(grey: np.ndarray, window: int) -> np.ndarray:
    """A ``window``-wide median filter of ``grey``, computed at half size: the
    paper's light varies slowly, and a full-size median costs ten times more."""
    half = grey[: grey.shape[0] // 2 * 2, : grey.shape[1] // 2 * 2]
    half = half.reshape(half.shape[0] // 2, 2, half.shape[1] // 2, 2).mean(axis=(1, 3))
    size = max(3, window // 2)
    median = ndimage.median_filter(half, size=(size, size), mode="nearest")
    full = np.repeat(np.repeat(median, 2, axis=0), 2, axis=1)
    return np.pad(
        full,
        [(0, grey.shape[0] - full.shape[0]), (0, grey.shape[1] - full.shape[1])],
        mode="edge",
    )


def otsu_threshold(values: np.ndarray, bins: int = 128) -> float:
    """The threshold that best splits ``values`` (0..1) into two classes."""
    counts, edges = np.histogram(values, bins=bins, range=(0.0, 1.0))
    centres = (edges[:-1] + edges[1:]) / 2
    weight_low = np.cumsum(counts)
    weight_high = weight_low[-1] - weight_low
    mass_low = np.cumsum(counts * centres)
    mean_low = mass_low / np.maximum(weight_low, 1)
    mean_high = (mass_low[-1] - mass_low) / np.maximum(weight_high, 1)
    between = weight_low * weight_high * (mean_low - mean_high) ** 2
    return float(edges[int(np.argmax(between)) + 1])


def drop_rules(mask: np.ndarray, faint: np.ndarray) -> np.ndarray:
    """``mask`` without long horizontal or vertical lines thinner than 3 px.

    Rules are traced in ``faint`` (a lower threshold), where they run unbroken
    although only stretches of them pass the ink threshold. Strokes at the
    working size are wider than 3 px, so where a rule crosses a stroke the
    stroke stays whole; only the rule's thin stretches go.
    """
    height, width = mask.shape
    across = np.ones((1, max(3, round(width * RULE_LENGTH_SHARE))), dtype=bool)
    down = np.ones((max(3, round(height * RULE_LENGTH_SHARE)), 1), dtype=bool)
    rules = ndimage.binary_opening(faint, across) | ndimage.binary_opening(faint, down)
    thick = ndimage.binary_opening(mask, THREE_BY_THREE)
    return mask & ~(rules & ~thick)


def keep_digit_pieces(mask: np.ndarray, strength: np.ndarray) -> np.ndarray:
    """The pieces of ``mask`` that look like the digit's ink.

    The piece with the most ink is the digit (or part of it). Pen ink keeps the
    same share of its paper's light across the page, so another piece of the
    digit is about as strong; specks are small, and what the paper estimate
    missed (a shadow's soft edge, a rule) is much weaker.
    """
    labels, count = ndimage.label(mask, structure=THREE_BY_THREE)
    if count <= 1:
        return mask
    pieces = np.arange(1, count + 1)
    sizes = ndimage.sum_labels(mask, labels, pieces)
    mean_strength = ndimage.mean(strength, labels, pieces)
    main = int(np.argmax(sizes * mean_strength))
    kept = (sizes >= FRAGMENT_SHARE * sizes[main]) & (
        mean_strength >= WEAK_PIECE_SHARE * mean_strength[main]
    )
    return np.isin(labels, pieces[kept])


def find_dark_ink(grey: np.ndarray) -> InkMap:
    """The dark ink of ``grey`` (0..1, light paper) relative to its own paper."""
    paper = estimate_paper(grey)
    strength = np.clip(1.0 - grey / paper, 0.0, 1.0)
    threshold = max(otsu_threshold(strength), MIN_INK_STRENGTH)
    traced = drop_rules(strength >= threshold, strength >= threshold / 2)
    strokes = keep_digit_pieces(traced, strength)
    if not strokes.any():
        return InkMap(strength=np.zeros_like(strength), contrast=0.0)
    # One pixel more keeps the strokes' soft (anti-aliased, blurred) edges.
    around = ndimage.binary_dilation(strokes, THREE_BY_THREE)
    contrast = float(np.median((paper - grey)[strokes]))
    return InkMap(strength=np.where(around, strength, 0.0), contrast=contrast)
