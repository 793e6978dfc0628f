"""The rules of play: hidden splits and their manifest, the ladder, the states."""

from __future__ import annotations

import math

import numpy as np
import pytest

from lab_common.challenges.data import (
    checked_splits,
    draw_splits,
    hidden_split,
    pool_of,
    training_view,
)
from lab_common.challenges.errors import ChallengeStateConflict, SplitMismatch
from lab_common.challenges.rules import (
    ChallengeStatus,
    errors_removed,
    ladder_step,
    next_status,
    standard_error,
)
from lab_common.challenges.templates import TEMPLATES
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.datasets.splits import SplitRecord

DIGITS = TEMPLATES["chiffres-dense"]


@pytest.fixture(scope="module")
def digits_labels() -> np.ndarray:
    return pool_of(load_image_dataset("mnist-5k", None, None))[1]


def test_digits_splits_are_stratified_with_the_sizes_of_the_design(
    digits_labels: np.ndarray,
) -> None:
    splits = draw_splits(DIGITS, digits_labels, seed=7)

    sizes = {name: len(rows) for name, rows in splits.rows.items()}
    counts = {
        name: set(np.bincount(digits_labels[rows]).tolist())
        for name, rows in splits.rows.items()
    }

    assert sizes == {"train": 3000, "validation": 500, "public": 500, "private": 1000}
    assert counts == {
        "train": {300},
        "validation": {50},
        "public": {50},
        "private": {100},
    }


def test_digits_splits_never_share_a_row(digits_labels: np.ndarray) -> None:
    splits = draw_splits(DIGITS, digits_labels, seed=7)

    every_row = np.concatenate(list(splits.rows.values()))

    assert len(np.unique(every_row)) == len(every_row) == len(digits_labels)


def test_manifest_is_the_same_for_a_seed_and_differs_between_seeds(
    digits_labels: np.ndarray,
) -> None:
    first = draw_splits(DIGITS, digits_labels, seed=7).manifest()
    again = draw_splits(DIGITS, digits_labels, seed=7).manifest()
    other = draw_splits(DIGITS, digits_labels, seed=8).manifest()

    assert first == again
    assert first.seed == 7
    assert first.splits["private"].sha256 != other.splits["private"].sha256


def test_checked_splits_refuse_splits_that_left_their_manifest(
    digits_labels: np.ndarray,
) -> None:
    manifest = draw_splits(DIGITS, digits_labels, seed=7).manifest()
    manifest.splits["public"] = SplitRecord(rows=500, sha256="0" * 64)

    with pytest.raises(SplitMismatch) as refused:
        checked_splits(DIGITS, digits_labels, 7, manifest)

    assert refused.value.params == {"split": "public"}


def test_training_view_holds_train_and_validation_only(
    digits_labels: np.ndarray,
) -> None:
    dataset = load_image_dataset("mnist-5k", None, None)
    splits = draw_splits(DIGITS, digits_labels, seed=7)

    view = training_view(dataset, splits)
    public_images, _ = hidden_split(dataset, splits, "public")

    assert (len(view.y_train), len(view.y_test)) == (3000, 500)
    seen = {image.tobytes() for image in np.concatenate([view.x_train, view.x_test])}
    assert not any(image.tobytes() in seen for image in public_images[:50])


def test_hidden_split_names_only_hidden_splits(digits_labels: np.ndarray) -> None:
    dataset = load_image_dataset("mnist-5k", None, None)
    splits = draw_splits(DIGITS, digits_labels, seed=7)

    with pytest.raises(ValueError):
        hidden_split(dataset, splits, "train")


def test_standard_error_matches_the_design_notes() -> None:
    assert standard_error(0.97, 600) == pytest.approx(0.0070, abs=1e-4)
    assert standard_error(0.87, 600) == pytest.approx(0.0137, abs=1e-4)


def test_first_submission_shows_its_score_rounded_to_a_tenth_of_a_point() -> None:
    step = ladder_step(None, 0.86, 0.93456, 500)

    assert step.shown == 0.935
    assert step.moved and step.significant


def test_ladder_ignores_a_gain_under_one_standard_error() -> None:
    shown = 0.930
    gain = standard_error(0.935, 500) * 0.5

    step = ladder_step(shown, shown, shown + gain, 500)

    assert (step.shown, step.moved, step.significant) == (shown, False, False)


def test_ladder_moves_above_one_standard_error_but_flags_under_two() -> None:
    shown = 0.900
    score = shown + 1.5 * standard_error(0.92, 500)

    step = ladder_step(shown, shown, score, 500)

    assert step.moved and not step.significant
    assert step.shown == round(score, 3)


def test_ladder_flags_a_gain_of_two_standard_errors_significant() -> None:
    step = ladder_step(0.86, 0.86, 0.92, 500)

    assert step.moved and step.significant


def test_a_worse_score_never_lowers_the_shown_score() -> None:
    step = ladder_step(0.95, 0.95, 0.80, 500)

    assert (step.shown, step.moved) == (0.95, False)


def test_errors_removed_is_the_share_of_the_baselines_errors() -> None:
    assert errors_removed(0.95, 0.90) == pytest.approx(0.5)
    assert errors_removed(0.85, 0.90) == pytest.approx(-0.5)
    assert errors_removed(0.9, 1.0) is None


@pytest.mark.parametrize(
    ("current", "action", "reached"),
    [
        (ChallengeStatus.DRAFT, "open", ChallengeStatus.OPEN),
        (ChallengeStatus.OPEN, "freeze", ChallengeStatus.FROZEN),
        (ChallengeStatus.FROZEN, "reveal", ChallengeStatus.REVEALED),
    ],
)
def test_states_go_draft_open_frozen_revealed(
    current: ChallengeStatus, action: str, reached: ChallengeStatus
) -> None:
    assert next_status(current, action) == reached


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (ChallengeStatus.DRAFT, "freeze"),
        (ChallengeStatus.OPEN, "reveal"),
        (ChallengeStatus.FROZEN, "open"),
        (ChallengeStatus.REVEALED, "freeze"),
    ],
)
def test_states_refuse_a_skipped_or_backward_step(
    current: ChallengeStatus, action: str
) -> None:
    with pytest.raises(ChallengeStateConflict):
        next_status(current, action)


def test_standard_error_is_zero_for_a_perfect_score() -> None:
    assert math.isclose(standard_error(1.0, 500), 0.0)
