"""Looking inside a CNN: layer table, feature maps and Grad-CAM (plain functions).

Sub-models go from ``model.input`` to a named layer's output, as in keras-io's
"visualizing what convnets learn"; Grad-CAM follows keras-io's ``grad_cam.py``
but differentiates the logits (pre-softmax), which saturate less.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import keras
import numpy as np
import tensorflow as tf

from lab_common.problems import LabError

# Layers that change the receptive field: their kernel size and stride.
_SPATIAL_TYPES = ("Conv2D", "MaxPooling2D", "AveragePooling2D", "DepthwiseConv2D")


class LayerNotFound(LabError):
    status = 404
    type = "/problems/layer-not-found"


class LayerNotSpatial(LabError):
    status = 422
    type = "/problems/layer-not-spatial"


@dataclass(frozen=True)
class LayerInfo:
    name: str
    type: str
    output_shape: list[int | None]
    parameters: int
    receptive_field: int | None
    conv_layer: str | None  # the convolution whose filters made these channels


def _pair(value: int | tuple[int, ...]) -> int:
    return value[0] if isinstance(value, tuple | list) else int(value)


def describe_layers(model: keras.Model) -> list[LayerInfo]:
    """Every layer in order, with its receptive field on the input (in pixels)."""
    field, jump = 1, 1
    layers = []
    conv: keras.layers.Layer | None = None
    for layer in model.layers:
        kind = type(layer).__name__
        if isinstance(layer, keras.layers.Conv2D):
            conv = layer
        if kind in _SPATIAL_TYPES:
            kernel = _pair(
                getattr(layer, "kernel_size", getattr(layer, "pool_size", 1))
            )
            field += (kernel - 1) * jump
            jump *= _pair(layer.strides)
        spatial = len(layer.output.shape) == 4
        same_channels = (
            spatial and conv is not None and conv.filters == layer.output.shape[-1]
        )
        layers.append(
            LayerInfo(
                name=layer.name,
                type=kind,
                output_shape=list(layer.output.shape[1:]),
                parameters=int(layer.count_params()),
                receptive_field=field if spatial else None,
                conv_layer=conv.name if same_channels and conv is not None else None,
            )
        )
    return layers


def spatial_layer_names(model: keras.Model) -> list[str]:
    return [
        layer.name
        for layer in model.layers
        if len(layer.output.shape) == 4
        and not isinstance(layer, keras.layers.InputLayer)
    ]


def spatial_layer(model: keras.Model, name: str) -> keras.layers.Layer:
    """The layer called ``name``, which must have (height, width, channels) output."""
    try:
        layer = model.get_layer(name)
    except ValueError as exc:
        names = ", ".join(layer.name for layer in model.layers)
        raise LayerNotFound("unknown", name=name, layers=names) from exc
    if name not in spatial_layer_names(model):
        qualifying = ", ".join(spatial_layer_names(model))
        raise LayerNotSpatial(
            "not-spatial",
            name=name,
            shape=str(tuple(layer.output.shape[1:])),
            layers=qualifying,
        )
    return layer


# Building a sub-model costs more than running it: keep the recent ones.
@lru_cache(maxsize=64)
def _extractor(model: keras.Model, layer_name: str) -> keras.Model:
    return keras.Model(model.input, spatial_layer(model, layer_name).output)


@lru_cache(maxsize=16)
def _grad_model(model: keras.Model, layer_name: str) -> keras.Model:
    return keras.Model(
        model.input, [model.get_layer(layer_name).output, _logits_output(model)]
    )


def feature_maps(model: keras.Model, layer_name: str, image: np.ndarray) -> np.ndarray:
    """Output of ``layer_name`` for one image, shaped (height, width, channels)."""
    output = _extractor(model, layer_name)(
        tf.constant(image[np.newaxis]), training=False
    )
    return np.asarray(output)[0]


@dataclass(frozen=True)
class ChannelStats:
    mean_activation: list[float]
    zero_fraction: list[float]


def channel_stats(maps: np.ndarray) -> ChannelStats:
    return ChannelStats(
        mean_activation=[float(v) for v in maps.mean(axis=(0, 1))],
        zero_fraction=[float(v) for v in (maps <= 0).mean(axis=(0, 1))],
    )


def _logits_output(model: keras.Model) -> tf.Tensor:
    """The pre-softmax scores: the input of a final softmax layer, if there is one."""
    last = model.layers[-1]
    if isinstance(last, keras.layers.Activation) and last.get_config().get(
        "activation"
    ) in ("softmax", "sigmoid"):
        return last.input
    return model.output


def last_conv_layer_name(model: keras.Model) -> str:
    """The last layer with spatial output: its maps carry the most class detail."""
    convolutions = [
        layer.name
        for layer in model.layers
        if isinstance(layer, keras.layers.Conv2D | keras.layers.DepthwiseConv2D)
    ]
    if not convolutions:
        raise LayerNotSpatial("no-convolution")
    return convolutions[-1]


@dataclass(frozen=True)
class GradCam:
    heatmap: np.ndarray  # input height x width, 0..1
    class_index: int
    layer_name: str


def grad_cam(model: keras.Model, image: np.ndarray, class_index: int | None) -> GradCam:
    """Where in ``image`` the evidence for ``class_index`` (default: predicted) lies."""
    layer_name = last_conv_layer_name(model)
    grad_model = _grad_model(model, layer_name)
    with tf.GradientTape() as tape:
        conv_output, logits = grad_model(tf.constant(image[np.newaxis]), training=False)
        if class_index is None:
            class_index = int(tf.argmax(logits[0]))
        score = logits[:, class_index]
    # Each map's weight is the mean gradient of the class score over that map.
    gradients = tape.gradient(score, conv_output)
    weights = tf.reduce_mean(gradients, axis=(0, 1, 2))
    heatmap = tf.nn.relu(tf.reduce_sum(conv_output[0] * weights, axis=-1))
    peak = float(tf.reduce_max(heatmap))
    heatmap = heatmap / peak if peak > 0 else heatmap
    height, width = image.shape[:2]
    resized = tf.image.resize(heatmap[..., tf.newaxis], (height, width), "bilinear")
    return GradCam(
        heatmap=np.asarray(resized)[..., 0],
        class_index=class_index,
        layer_name=layer_name,
    )


class LayerNotConvolutional(LabError):
    status = 422
    type = "/problems/layer-not-convolutional"


class FilterIndexOutOfRange(LabError):
    status = 422
    type = "/problems/filter-index-out-of-range"


# Activation maximisation: enough steps for a clear pattern on a small CNN.
# Part of the pattern cache's path: a change of method must not serve old images.
PATTERN_METHOD = "ascent-blur-v2"
PATTERN_STEPS = 80
PATTERN_STEP_SIZE = 0.05
PATTERN_SEED = 0
# Regularisation (Yosinski et al., 2015): after each step, mix in a 3x3 blur of
# the image, which damps the pixel-level noise gradient ascent otherwise favours.
PATTERN_BLUR_SHARE = 0.15
_BLUR_KERNEL = np.outer([1.0, 2.0, 1.0], [1.0, 2.0, 1.0]) / 16.0


def _blur(image: tf.Tensor) -> tf.Tensor:
    """A 3x3 binomial blur of each channel, borders mirrored."""
    channels = image.shape[-1]
    kernel = tf.constant(
        np.repeat(_BLUR_KERNEL[:, :, None, None], channels, axis=2), tf.float32
    )
    padded = tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="REFLECT")
    return tf.nn.depthwise_conv2d(padded, kernel, [1, 1, 1, 1], "VALID")


def conv_kernels(model: keras.Model, layer_name: str) -> np.ndarray:
    """The kernels of a Conv2D layer shaped (filters, in_channels, height, width)."""
    layer = spatial_layer(model, layer_name)
    if not isinstance(layer, keras.layers.Conv2D):
        convolutions = [
            c.name for c in model.layers if isinstance(c, keras.layers.Conv2D)
        ]
        raise LayerNotConvolutional(
            "no-kernels", name=layer_name, layers=", ".join(convolutions)
        )
    kernel = np.asarray(layer.kernel)  # (height, width, in, out)
    return np.transpose(kernel, (3, 2, 0, 1))


def check_filter_index(count: int, index: int) -> None:
    if not 0 <= index < count:
        raise FilterIndexOutOfRange("filter", index=index, count=count, last=count - 1)


def is_relu_layer(layer: keras.layers.Layer) -> bool:
    """A ReLU layer or a ReLU Activation layer (not a layer with a built-in ReLU)."""
    if isinstance(layer, keras.layers.ReLU):
        return True
    return isinstance(layer, keras.layers.Activation) and (
        layer.get_config().get("activation") == "relu"
    )


@lru_cache(maxsize=16)
def _pattern_ascent(model: keras.Model, layer_name: str) -> Callable[..., tf.Tensor]:
    """A compiled gradient ascent for one layer: ~40x faster than eager steps."""
    layer = spatial_layer(model, layer_name)
    # A ReLU's output has no gradient where it is zero, and from grey noise a
    # filter is often zero everywhere: climb its input, the same ranking of inputs.
    target = layer.input if is_relu_layer(layer) else layer.output
    extractor = keras.Model(model.input, target)
    shape = (1, *model.input.shape[1:])

    @tf.function(
        input_signature=[tf.TensorSpec((), tf.int32), tf.TensorSpec(shape, tf.float32)]
    )
    def ascend(index: tf.Tensor, image: tf.Tensor) -> tf.Tensor:
        for _ in tf.range(PATTERN_STEPS):
            with tf.GradientTape() as tape:
                tape.watch(image)
                maps = extractor(image, training=False)
                activation = tf.gather(maps, index, axis=-1)
                # Border positions see padding, not the image: leave them out.
                if activation.shape[1] > 4:
                    activation = activation[:, 1:-1, 1:-1]
                score = tf.reduce_mean(activation)
            gradient = tape.gradient(score, image)
            # Scale so the steepest pixel moves by one step: progress at any depth.
            gradient = gradient / (tf.reduce_max(tf.abs(gradient)) + 1e-8)
            image = image + PATTERN_STEP_SIZE * gradient
            image = (1 - PATTERN_BLUR_SHARE) * image + PATTERN_BLUR_SHARE * _blur(image)
            image = tf.clip_by_value(image, 0.0, 1.0)
        return image

    return ascend


def filter_pattern(model: keras.Model, layer_name: str, index: int) -> np.ndarray:
    """An input that excites filter ``index`` most: regularised gradient ascent."""
    layer = spatial_layer(model, layer_name)
    check_filter_index(int(layer.output.shape[-1]), index)
    generator = tf.random.Generator.from_seed(PATTERN_SEED)
    start = 0.45 + 0.1 * generator.uniform((1, *model.input.shape[1:]))
    image = _pattern_ascent(model, layer_name)(tf.constant(index, tf.int32), start)
    return np.asarray(image)[0]


def saliency(model: keras.Model, image: np.ndarray, class_index: int | None) -> GradCam:
    """|d logit / d pixel|: which pixels would change the class score most."""
    logits_model = _grad_model(model, last_conv_layer_name(model))
    pixels = tf.Variable(image[np.newaxis].astype(np.float32))
    with tf.GradientTape() as tape:
        _, logits = logits_model(pixels, training=False)
        if class_index is None:
            class_index = int(tf.argmax(logits[0]))
        score = logits[:, class_index]
    gradient = tf.reduce_max(tf.abs(tape.gradient(score, pixels))[0], axis=-1)
    peak = float(tf.reduce_max(gradient))
    heatmap = np.asarray(gradient / peak if peak > 0 else gradient)
    return GradCam(heatmap=heatmap, class_index=class_index, layer_name="input")
