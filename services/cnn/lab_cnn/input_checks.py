"""Saying when a prepared digit looks unreliable, instead of only answering.

The network answers for any input, with the same confidence for a photo's
shadow as for a clean digit. These checks look at what it received, so the page
can tell the user why the answer may be wrong and what to change.
"""

from __future__ import annotations

import numpy as np

from lab_common.messages import render
from lab_common.vision.schemas import InputWarning, InputWarningCode

# Strokes cover at most about 0.65 of their box (a bold 0 or 8: the most of
# 1,000 held-out MNIST digits and 200 canvas drawings was 0.64); beyond this
# share the "ink" is a blob: a dark area, a shadow, a scribble.
MOSTLY_INK_SHARE = 0.75
# Strokes that differ from their paper by less than this (0..1 grey levels)
# are hard to tell from shadows and noise: dim light, a hard pencil.
FAINT_INK_CONTRAST = 0.12


def ink_share(frame: np.ndarray) -> float:
    """The share of the digit's box that is ink (the frame holds 0..1).

    The box's short side counts as at least half its long side, so that a "1",
    a thin bar whose own box it fills, is not taken for a blob.
    """
    rows, cols = np.nonzero(frame > 0.0)
    height = int(rows.max() - rows.min()) + 1
    width = int(cols.max() - cols.min()) + 1
    area = max(height, width) * max(min(height, width), max(height, width) / 2)
    return float((frame >= 0.5).sum()) / area


def check_digit_input(frame: np.ndarray, contrast: float) -> list[InputWarning]:
    """Warnings about the 28x28 ``frame`` whose strokes had ``contrast``."""
    codes = []
    if ink_share(frame) > MOSTLY_INK_SHARE:
        codes.append(InputWarningCode.MOSTLY_INK)
    if contrast < FAINT_INK_CONTRAST:
        codes.append(InputWarningCode.FAINT_INK)
    # The message is told in the request's language, like every problem.
    return [
        InputWarning(code=code, message=render(f"input-warning.{code.value}"))
        for code in codes
    ]
