"""Every threshold of the automatic diagnosis, in one documented place.

Start values from ``docs`` (phase 3 design) and issue 13; change them here only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of the diagnosis, in one place (phase 3 design, issue 13)."""

    # Over-fitting: the validation loss ends >= 10 % above its minimum, reached
    # at least 2 epochs before the end; or train - validation accuracy >= 5 points.
    overfit_val_loss_rise: float = 0.10
    overfit_epochs_since_min: int = 2
    overfit_accuracy_gap_points: float = 5.0
    # Under-fitting: training accuracy below these, and the two accuracies
    # within 2 points of each other (a validation far above a training accuracy
    # held down by dropout or augmentation is no under-fitting).
    underfit_accuracy_images: float = 0.90
    underfit_accuracy_texts: float = 0.80
    underfit_max_gap_points: float = 2.0
    # Not converged: the watched loss fell >= 1 % at each of the last 3 epochs
    # (fewer when the job is shorter, at least one).
    not_converged_drop: float = 0.01
    not_converged_epochs: int = 3
    # Plateau: the watched loss bettered its best by at most 1e-4 over the last
    # 3 epochs (ReduceLROnPlateau's min_delta) and has not risen into over-fitting.
    plateau_min_delta: float = 1e-4
    plateau_epochs: int = 3
    # Unstable: the coefficient of variation of the watched loss over the last
    # 5 epochs, trend taken out (a steady fall or rise counts zero, only the
    # back-and-forth counts), above 0.10. Diverging: a NaN or infinite loss.
    unstable_oscillation: float = 0.10
    unstable_epochs: int = 5
    # Errors concentrated: the worst class recall on validation below 0.70.
    # (The design's other test, worst/best < 0.70, adds nothing: recall <= 1, so
    # worst >= 0.70 already means worst/best >= 0.70.)
    worst_recall: float = 0.70
    confusion_pairs: int = 3


THRESHOLDS = Thresholds()
