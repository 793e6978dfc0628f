"""Every catalogue architecture builds, with the head its classes need."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from lab_common.jobs import ARCHITECTURES
from lab_trainer.architectures import (
    IMAGE_BUILDERS,
    TEXT_BUILDERS,
    build_image_model,
    build_text_model,
)
from tests.unit.trainer.factories import image_spec, text_spec

TEXTS = ["a good film", "a bad film", "a long film"]


def test_every_catalogue_architecture_has_a_builder() -> None:
    assert set(IMAGE_BUILDERS) | set(TEXT_BUILDERS) == set(ARCHITECTURES)


@pytest.mark.parametrize("architecture", sorted(IMAGE_BUILDERS))
def test_image_models_output_one_probability_per_class(architecture: str) -> None:
    spec = image_spec(architecture=architecture)

    model = build_image_model(spec, (32, 32, 3), 4)

    probabilities = model.predict(np.zeros((2, 32, 32, 3), np.float32), verbose=0)
    assert probabilities.shape == (2, 4)
    assert model.get_layer("logits") is not None


def test_digits_cnn_takes_the_dropout_of_the_spec() -> None:
    model = build_image_model(
        image_spec(architecture="digits-cnn", dropout=0.4), (28, 28, 1), 10
    )

    assert model.get_layer("dropout_1").rate == pytest.approx(0.4)


@pytest.mark.parametrize("architecture", sorted(TEXT_BUILDERS))
@pytest.mark.parametrize(("classes", "width"), [(2, 1), (3, 3)])
def test_text_models_take_raw_strings(
    architecture: str, classes: int, width: int
) -> None:
    spec = text_spec(architecture=architecture)

    model = build_text_model(spec, TEXTS, classes)

    assert model.predict(tf.constant(TEXTS), verbose=0).shape == (3, width)
