"""The spec fields the first-start recipes need: bounded, and refused where moot."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from lab_common.jobs import MAX_EXTRA_TRAIN_DATASETS, TrainingJobSpec
from lab_common.messages.validation import VALIDATION

PRETRAINED = {
    "task": "text-classification",
    "dataset": "sst2",
    "architecture": "bilstm-pretrained",
}


def error_type(values: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as caught:
        TrainingJobSpec.model_validate(values)
    return caught.value.errors()[0]["type"]


def test_spec_accepts_the_recipe_fields_on_a_pretrained_bilstm() -> None:
    spec = TrainingJobSpec.model_validate(
        {
            **PRETRAINED,
            "fine_tune_embedding": True,
            "extra_train_datasets": ["allocine-tv"],
            "early_stopping_metric": "accuracy",
        }
    )

    assert spec.fine_tune_embedding
    assert spec.extra_train_datasets == ["allocine-tv"]
    assert spec.early_stopping_metric == "accuracy"


def test_spec_defaults_keep_the_old_behaviour() -> None:
    spec = TrainingJobSpec.model_validate(PRETRAINED)

    assert not spec.fine_tune_embedding
    assert spec.extra_train_datasets == []
    assert spec.early_stopping_metric == "loss"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"architecture": "bilstm"}, "fine_tune_needs_pretrained_architecture"),
        ({"embedding": "random"}, "fine_tune_needs_vectors"),
    ],
)
def test_spec_refuses_fine_tuning_without_pretrained_vectors(
    changes: dict[str, Any], expected: str
) -> None:
    values = {**PRETRAINED, "fine_tune_embedding": True, **changes}

    assert error_type(values) == expected


def test_spec_refuses_extra_datasets_for_images() -> None:
    values = {
        "task": "image-classification",
        "dataset": "mnist-5k",
        "architecture": "digits-cnn",
        "extra_train_datasets": ["sklearn-digits"],
    }

    assert error_type(values) == "extra_datasets_texts_only"


def test_spec_bounds_the_extra_datasets() -> None:
    too_many = [f"set-{i}" for i in range(MAX_EXTRA_TRAIN_DATASETS + 1)]

    assert error_type({**PRETRAINED, "extra_train_datasets": too_many}) == "too_long"
    assert (
        error_type({**PRETRAINED, "extra_train_datasets": [""]}) == "string_too_short"
    )


def test_spec_refuses_an_unknown_stopping_metric() -> None:
    values = {**PRETRAINED, "early_stopping_metric": "val_auc"}

    assert error_type(values) == "literal_error"


@pytest.mark.parametrize(
    "code",
    [
        "fine_tune_needs_pretrained_architecture",
        "fine_tune_needs_vectors",
        "extra_datasets_texts_only",
    ],
)
def test_every_new_refusal_is_said_in_both_languages(code: str) -> None:
    french, english = VALIDATION[code]

    assert french and english and french != english
