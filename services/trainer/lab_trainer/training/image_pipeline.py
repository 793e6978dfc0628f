"""The lab's image recipe: pixels in [0, 1], one-hot labels with label smoothing,
on-the-fly augmentation and the warm-up + cosine schedule (``training.images``
uses them with the optimiser and peak rate of a job's spec)."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from lab_common.datasets.images import ImageDataset

# Label smoothing keeps the softmax from saturating on only 4,000 images.
DEFAULT_LABEL_SMOOTHING = 0.1
# Decoupled weight decay (AdamW) regularises without fighting the adaptive steps.
DEFAULT_WEIGHT_DECAY = 1e-4
# A warm-up epoch lets BatchNormalization statistics settle before the peak rate.
WARMUP_EPOCHS = 1
# Small affine jitter, as in handwriting: the digit stays legible and inside the
# frame; stronger jitter cost accuracy at this number of epochs.
AUGMENT_ROTATION_FRACTION = 0.02  # of a full turn, about 7 degrees
AUGMENT_ZOOM_FRACTION = 0.05
AUGMENT_SHIFT_FRACTION = 0.08  # about 2 of 28 pixels
EVALUATION_BATCH_SIZE = 500
PIXEL_SCALE = 255.0


def build_augmenter(seed: int) -> keras.Sequential:
    """Random rotation, zoom and shift that fill the border with background (0)."""
    fill: dict[str, Any] = {"fill_mode": "constant", "fill_value": 0.0}
    return keras.Sequential(
        [
            keras.layers.RandomRotation(AUGMENT_ROTATION_FRACTION, seed=seed, **fill),
            keras.layers.RandomZoom(AUGMENT_ZOOM_FRACTION, seed=seed + 1, **fill),
            keras.layers.RandomTranslation(
                AUGMENT_SHIFT_FRACTION, AUGMENT_SHIFT_FRACTION, seed=seed + 2, **fill
            ),
        ],
        name="augmenter",
    )


def to_model_inputs(
    images: np.ndarray, labels: np.ndarray, num_classes: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pixels to float32 in [0, 1]; labels one-hot, which label smoothing needs."""
    pixels = images.astype(np.float32) / PIXEL_SCALE
    return pixels, np.eye(num_classes, dtype=np.float32)[labels]


def make_training_pipeline(
    dataset: ImageDataset, batch_size: int, seed: int, augment: bool
) -> tf.data.Dataset:
    """Shuffled batches, augmented on the fly; the saved model never augments."""
    pixels, targets = to_model_inputs(
        dataset.x_train, dataset.y_train, len(dataset.class_names)
    )
    pipeline = (
        tf.data.Dataset.from_tensor_slices((pixels, targets))
        .shuffle(len(pixels), seed=seed, reshuffle_each_iteration=True)
        .batch(batch_size)
    )
    if augment:
        augmenter = build_augmenter(seed)
        # A sequential map draws the random transforms in the same order every run,
        # so a seed reproduces the model; prefetch still overlaps it with training.
        pipeline = pipeline.map(lambda x, y: (augmenter(x, training=True), y))
    return pipeline.prefetch(tf.data.AUTOTUNE)


def make_learning_rate_schedule(
    peak_learning_rate: float, steps_per_epoch: int, epochs: int
) -> keras.optimizers.schedules.LearningRateSchedule:
    """Linear warm-up to the peak rate, then cosine decay to zero."""
    warmup_steps = steps_per_epoch * min(WARMUP_EPOCHS, epochs - 1)
    return keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=peak_learning_rate / 10,
        decay_steps=steps_per_epoch * epochs - warmup_steps,
        warmup_target=peak_learning_rate,
        warmup_steps=warmup_steps,
    )


def evaluate_image_classifier(
    model: keras.Model, dataset: ImageDataset
) -> tuple[float, float]:
    """(loss, accuracy) of a compiled ``model`` on the test split."""
    pixels, targets = to_model_inputs(
        dataset.x_test, dataset.y_test, len(dataset.class_names)
    )
    loss, accuracy = model.evaluate(
        pixels, targets, batch_size=EVALUATION_BATCH_SIZE, verbose=0
    )
    return float(loss), float(accuracy)
