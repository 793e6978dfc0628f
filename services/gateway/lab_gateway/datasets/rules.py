"""What an uploaded dataset must satisfy, and how it is split into train/test."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lab_common.datasets.splits import Splits, make_splits
from lab_gateway.datasets.errors import TooFewClasses, TooFewExamples

MEBIBYTE = 1024 * 1024
GIBIBYTE = 1024 * MEBIBYTE
# Each class keeps at least one test example, so a class needs two.
MIN_EXAMPLES_PER_CLASS = 2
MIN_CLASSES = 2
TEST_FRACTION = 0.2
UPLOAD_SPLIT_SEED = 2024


@dataclass(frozen=True)
class UploadLimits:
    """Bounds that keep one upload from exhausting the server's memory or disk."""

    max_upload_bytes: int = 200 * MEBIBYTE
    max_files: int = 100_000
    max_total_uncompressed_bytes: int = GIBIBYTE
    # Photos and PNGs barely compress; a ratio far above this is a zip bomb.
    max_compression_ratio: float = 100.0
    # Small entries cannot expand dangerously, whatever their ratio.
    ratio_check_min_bytes: int = MEBIBYTE
    max_image_pixels: int = 4096 * 4096
    max_csv_rows: int = 500_000
    max_text_chars: int = 100_000


def check_class_counts(counts: dict[str, int], what: str) -> None:
    """At least two classes, each with enough examples for a train and a test split."""
    if len(counts) < MIN_CLASSES:
        found = ", ".join(f"'{name}'" for name in counts) or "none"
        raise TooFewClasses(
            "upload", count=len(counts), found=found, minimum=MIN_CLASSES, what=what
        )
    small = sorted(
        name for name, count in counts.items() if count < MIN_EXAMPLES_PER_CLASS
    )
    if small:
        raise TooFewExamples(
            "upload",
            classes=", ".join(repr(name) for name in small),
            minimum=MIN_EXAMPLES_PER_CLASS,
            what=what,
        )


def split_upload(labels: np.ndarray) -> Splits:
    """Train and test rows: about 20 % of each class, at least one, is test."""
    return make_splits(labels, {"test": TEST_FRACTION}, UPLOAD_SPLIT_SEED)
