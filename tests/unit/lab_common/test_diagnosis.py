"""The automatic diagnosis: each rule on hand-made histories, on both sides of
its threshold, the confusion-pair ranking, and the French and English words."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from lab_common.confusion import (
    class_recalls,
    count_confusion,
    predicted_classes,
    top_confusions,
)
from lab_common.diagnosis import THRESHOLDS, Diagnosis, diagnose, oscillation
from lab_common.jobs import EpochMetrics

IMAGES = "image-classification"
TEXTS = "text-classification"
# 3 classes, every recall 0.9: nothing concentrated.
EVEN_CONFUSION = [[90, 5, 5], [5, 90, 5], [5, 5, 90]]


def history(*rows: dict[str, float]) -> list[EpochMetrics]:
    return [
        EpochMetrics(epoch=i, metrics=row, seconds=1.0)
        for i, row in enumerate(rows, start=1)
    ]


def losses(values: list[float], name: str = "val_loss") -> list[EpochMetrics]:
    """A history whose accuracies are good and level: only ``name`` speaks."""
    return history(
        *(
            {"loss": 0.1, "accuracy": 0.97, name: value, "val_accuracy": 0.96}
            for value in values
        )
    )


def accuracies(train: float, validation: float) -> list[EpochMetrics]:
    """Three epochs, flat losses, the given accuracies at the end."""
    row = {"loss": 0.3, "val_loss": 0.3}
    return history(
        {**row, "loss": 0.32, "val_loss": 0.32, "accuracy": 0.5, "val_accuracy": 0.5},
        {**row, "loss": 0.31, "val_loss": 0.31, "accuracy": 0.6, "val_accuracy": 0.6},
        {**row, "accuracy": train, "val_accuracy": validation},
    )


def codes(diagnosis: Diagnosis) -> set[str]:
    return {finding.code for finding in diagnosis.findings}


def finding(diagnosis: Diagnosis, code: str) -> Any:
    return next(f for f in diagnosis.findings if f.code == code)


def unchecked(diagnosis: Diagnosis) -> dict[str, str]:
    return {item.code: item.reason for item in diagnosis.unchecked}


# --- over-fitting ---------------------------------------------------------------


def test_overfitting_when_validation_loss_ends_ten_percent_above_its_minimum() -> None:
    result = diagnose(losses([0.5, 0.4, 0.42, 0.44]), IMAGES, language="en")

    overfitting = finding(result, "overfitting")
    assert overfitting.numbers["val_loss_rise"] == pytest.approx(0.1)
    assert overfitting.numbers["epochs_since_min"] == 2
    assert overfitting.thresholds == {"val_loss_rise": 0.1, "epochs_since_min": 2}


def test_no_overfitting_when_the_rise_stays_under_ten_percent() -> None:
    result = diagnose(losses([0.5, 0.4, 0.42, 0.439]), IMAGES)

    assert "overfitting" not in codes(result)


def test_no_overfitting_when_the_minimum_is_only_one_epoch_old() -> None:
    result = diagnose(losses([0.5, 0.45, 0.4, 0.6]), IMAGES)

    assert "overfitting" not in codes(result)


def test_overfitting_when_training_accuracy_is_five_points_above_validation() -> None:
    result = diagnose(accuracies(0.95, 0.90), IMAGES, language="en")

    overfitting = finding(result, "overfitting")
    assert overfitting.numbers["accuracy_gap_points"] == 5.0
    assert overfitting.message.startswith(
        "Training accuracy (95%) is 5 points above validation accuracy (90%"
    )


def test_no_overfitting_under_a_five_point_accuracy_gap() -> None:
    result = diagnose(accuracies(0.95, 0.901), IMAGES)

    assert "overfitting" not in codes(result)


# --- under-fitting --------------------------------------------------------------


@pytest.mark.parametrize(
    ("task", "train", "validation", "found"),
    [
        (IMAGES, 0.89, 0.885, True),
        (IMAGES, 0.90, 0.895, False),  # at the images' threshold
        (TEXTS, 0.79, 0.785, True),
        (TEXTS, 0.80, 0.795, False),  # at the texts' threshold
        (TEXTS, 0.85, 0.845, False),  # low for images, fine for texts
        (IMAGES, 0.80, 0.78, False),  # a 2-point gap is no longer "small"
        (IMAGES, 0.80, 0.97, False),  # validation far above: no under-fitting
    ],
)
def test_underfitting_needs_low_training_accuracy_and_a_small_gap(
    task: str, train: float, validation: float, found: bool
) -> None:
    result = diagnose(accuracies(train, validation), task)  # type: ignore[arg-type]

    assert ("underfitting" in codes(result)) is found


def test_underfitting_names_the_threshold_of_the_task() -> None:
    result = diagnose(accuracies(0.79, 0.785), TEXTS, language="fr")

    message = finding(result, "underfitting").message
    assert "79 % (seuil 80 % pour les textes)" in message


# --- not converged and plateau ----------------------------------------------------


def test_not_converged_when_each_of_the_last_three_epochs_fell_one_percent() -> None:
    result = diagnose(losses([1.0, 0.9, 0.89, 0.881, 0.8721]), IMAGES)

    found = finding(result, "not-converged")
    assert found.numbers["metric"] == "val_loss"
    assert found.numbers["smallest_drop"] == pytest.approx(0.0101, abs=1e-4)


def test_converged_when_one_of_the_last_epochs_fell_less_than_one_percent() -> None:
    result = diagnose(losses([1.0, 0.9, 0.89, 0.8812, 0.8721]), IMAGES)

    assert "not-converged" not in codes(result)


def test_not_converged_reads_the_training_loss_without_validation() -> None:
    rows = [{"loss": value, "accuracy": 0.9} for value in (1.0, 0.5, 0.25)]

    result = diagnose(history(*rows), IMAGES)

    assert finding(result, "not-converged").numbers["metric"] == "loss"


def test_plateau_when_the_best_loss_has_not_moved_for_three_epochs() -> None:
    result = diagnose(losses([0.8, 0.5, 0.5, 0.50005, 0.5]), IMAGES, language="en")

    plateau = finding(result, "plateau")
    assert plateau.numbers["gain"] == 0.0
    assert "has not improved by more than 0.0001 in 3 epochs" in plateau.message


def test_no_plateau_when_the_best_loss_still_improves_a_little() -> None:
    result = diagnose(losses([0.8, 0.5, 0.5, 0.5, 0.4998]), IMAGES)

    assert "plateau" not in codes(result)


def test_a_loss_rising_into_overfitting_is_no_plateau() -> None:
    result = diagnose(losses([0.8, 0.5, 0.52, 0.56, 0.6]), IMAGES)

    assert "overfitting" in codes(result)
    assert "plateau" not in codes(result)


# --- unstable and diverging --------------------------------------------------------


def test_oscillation_ignores_a_steady_trend_and_measures_the_back_and_forth() -> None:
    assert oscillation(np.array([0.25, 0.12, 0.09, 0.08, 0.07])) == 0.0
    assert oscillation(np.array([0.1, 0.2, 0.3, 0.4, 0.5])) == 0.0
    zigzag = np.array([0.3, 0.5, 0.3, 0.5, 0.3])
    assert oscillation(zigzag) == pytest.approx(0.1 / zigzag.mean())


def test_unstable_when_the_validation_loss_swings_over_five_epochs() -> None:
    result = diagnose(losses([0.3, 0.5, 0.3, 0.5, 0.3]), IMAGES, language="fr")

    unstable = finding(result, "unstable")
    assert unstable.numbers["oscillation"] == pytest.approx(0.2632, abs=1e-4)
    assert "ils valent 26,3 % de sa moyenne (seuil 10 %)" in unstable.message


def test_not_unstable_at_ten_percent_of_swing() -> None:
    # Swings of 0.04 a step around a mean of 0.4: the threshold, not above it.
    result = diagnose(losses([0.4, 0.48, 0.4, 0.32, 0.4]), IMAGES)

    assert "unstable" not in codes(result)


def test_unstable_just_above_ten_percent_of_swing() -> None:
    result = diagnose(losses([0.4, 0.49, 0.4, 0.31, 0.4]), IMAGES)

    assert finding(result, "unstable").numbers["oscillation"] == 0.1125


def test_unstable_needs_five_epochs() -> None:
    result = diagnose(losses([0.3, 0.5, 0.3, 0.5]), IMAGES)

    assert unchecked(result)["unstable"] == "too-few-epochs"


def test_a_nan_loss_in_the_history_is_diverging() -> None:
    rows = [{"loss": 1.0}, {"loss": 0.8}, {"loss": math.nan}]

    result = diagnose(history(*rows), IMAGES, language="en")

    diverging = finding(result, "diverging")
    assert diverging.numbers == {"metric": "loss", "value": "NaN", "epoch": 3}
    assert (
        diverging.message
        == "The training loss became NaN at epoch 3: training diverged."
    )


def test_a_job_that_failed_on_an_infinite_loss_is_diverging() -> None:
    result = diagnose(
        history({"loss": 1.0, "val_loss": 1.1}),
        IMAGES,
        error_code="loss-diverged",
        error_params={"value": "infinite", "epoch": 2, "batch": 7},
        language="fr",
    )

    diverging = finding(result, "diverging")
    assert diverging.message.startswith(
        "La perte d'entraînement est devenue infinie à l'époque 2"
    )


def test_a_job_failed_for_another_reason_is_not_diverging() -> None:
    result = diagnose(
        history({"loss": 1.0}), IMAGES, error_code="out-of-memory", error_params={}
    )

    assert "diverging" not in codes(result)


# --- errors concentrated -----------------------------------------------------------


def test_errors_concentrated_below_a_worst_recall_of_seventy_percent() -> None:
    confusion = [[100, 0, 0], [20, 69, 11], [0, 3, 97]]

    result = diagnose(losses([0.5, 0.4]), IMAGES, confusion, ["a", "b", "c"])

    concentrated = finding(result, "errors-concentrated")
    assert concentrated.numbers["worst_class"] == "b"
    assert concentrated.numbers["worst_recall"] == 0.69
    assert [(p.true_class, p.predicted_class, p.count) for p in concentrated.pairs] == [
        ("b", "a", 20),
        ("b", "c", 11),
        ("c", "b", 3),
    ]


def test_no_errors_concentrated_at_a_worst_recall_of_seventy_percent() -> None:
    confusion = [[100, 0], [30, 70]]

    result = diagnose(losses([0.5, 0.4]), IMAGES, confusion, ["a", "b"])

    assert "errors-concentrated" not in codes(result)


def test_top_confusions_break_ties_by_true_then_predicted_class_and_skip_zeros() -> (
    None
):
    confusion = [[9, 2, 0, 5], [5, 9, 0, 0], [0, 5, 9, 1], [0, 0, 0, 9]]

    assert top_confusions(confusion, 3) == [(0, 3, 5), (1, 0, 5), (2, 1, 5)]
    assert top_confusions(confusion, 10)[-1] == (2, 3, 1)
    assert len(top_confusions(confusion, 10)) == 5


def test_class_recalls_skip_classes_without_examples() -> None:
    assert class_recalls([[3, 1], [0, 0]]) == {0: 0.75}


def test_confusion_counts_rows_true_columns_predicted() -> None:
    true = np.array([0, 0, 1, 2, 2])
    predicted = predicted_classes(
        np.array([[0.9, 0.1, 0], [0.2, 0.7, 0.1], [0, 1, 0], [0, 0, 1], [1, 0, 0]])
    )

    assert count_confusion(true, predicted, 3) == [[1, 1, 0], [0, 1, 0], [1, 0, 1]]


def test_a_sigmoid_output_predicts_one_above_one_half() -> None:
    assert predicted_classes(np.array([[0.2], [0.5], [0.51]])).tolist() == [0, 0, 1]


def test_class_names_missing_from_the_metadata_become_indices() -> None:
    confusion = [[10, 0], [5, 5]]

    result = diagnose(losses([0.5, 0.4]), IMAGES, confusion, None)

    assert finding(result, "errors-concentrated").numbers["worst_class"] == "1"


# --- the verdict and what could not be checked ----------------------------------


def test_a_healthy_job_says_nothing_to_report_in_both_languages() -> None:
    clean = losses([0.5, 0.3, 0.25, 0.2495, 0.249])

    french = diagnose(clean, IMAGES, EVEN_CONFUSION, ["a", "b", "c"], language="fr")
    english = diagnose(clean, IMAGES, EVEN_CONFUSION, ["a", "b", "c"], language="en")

    assert french.status == english.status == "healthy"
    assert french.findings == english.findings == []
    assert french.unchecked == english.unchecked == []
    assert french.summary.startswith("Rien à signaler\u00a0:")
    assert english.summary.startswith("Healthy: no rule")


def test_a_job_without_validation_says_which_rules_it_could_not_check() -> None:
    rows = [{"loss": 1.0 - i * 0.001, "accuracy": 0.95} for i in range(5)]

    result = diagnose(history(*rows), IMAGES, language="en")

    assert not result.has_validation
    assert unchecked(result) == {
        "overfitting": "no-validation",
        "underfitting": "no-validation",
        "errors-concentrated": "no-validation",
    }
    assert result.status == "healthy"
    assert result.summary.startswith("Nothing to report on the 4 rules checked; 3")
    assert result.unchecked[0].message.startswith(
        "Over-fitting: not checked, this job has no validation data"
    )


def test_a_validated_job_without_confusion_counts_says_so() -> None:
    result = diagnose(losses([0.5, 0.4]), IMAGES)

    assert unchecked(result)["errors-concentrated"] == "no-confusion"


def test_a_job_without_epochs_has_nothing_to_diagnose() -> None:
    result = diagnose([], TEXTS, language="en")

    assert result.status == "no-epochs"
    assert result.summary == "No finished epoch: nothing to diagnose yet."


def test_every_finding_has_two_or_three_things_to_try_in_both_languages() -> None:
    busy = losses([0.3, 0.5, 0.3, 0.5, 0.6])
    confusion = [[10, 0], [6, 4]]

    for language in ("fr", "en"):
        result = diagnose(busy, IMAGES, confusion, ["a", "b"], language=language)
        assert len(result.findings) >= 3
        for found in result.findings:
            assert 2 <= len(found.suggestions) <= 3
            assert all(s and "{" not in s for s in found.suggestions)
            assert found.title and "{" not in found.message


def test_french_numbers_have_a_decimal_comma_and_english_a_point() -> None:
    overfit = losses([0.5, 0.4, 0.45, 0.47])

    french = finding(diagnose(overfit, IMAGES, language="fr"), "overfitting")
    english = finding(diagnose(overfit, IMAGES, language="en"), "overfitting")

    assert "remontée de 17,5 % au-dessus de son minimum (0,4 à l'époque 2" in (
        french.message
    )
    assert "rose 17.5% above its minimum (0.4 at epoch 2" in english.message


def test_thresholds_are_one_frozen_object() -> None:
    with pytest.raises(AttributeError):
        THRESHOLDS.worst_recall = 0.5  # type: ignore[misc]
