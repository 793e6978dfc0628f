"""A trained recurrent layer stepped token by token in NumPy, with its own weights.

Keras runs the whole sequence in one fused call and gives back only the hidden
states; to show the gates (how much the cell lets in, forgets, lets out) the
cell's equations are run again here, one step per token, from the layer's
kernel, recurrent kernel and bias. ``tests/unit/nlp/test_cell_states.py``
checks that the hidden and cell states found this way are the layer's own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import keras
import numpy as np
from threadpoolctl import ThreadpoolController

from lab_common.text.schemas import CellKind

Direction = Literal["forward", "backward"]
_KINDS: tuple[tuple[type, CellKind], ...] = (
    (keras.layers.LSTM, "lstm"),
    (keras.layers.GRU, "gru"),
    (keras.layers.SimpleRNN, "simple-rnn"),
)
# The gates each kind of cell computes at every step, in the order shown.
GATES: dict[CellKind, tuple[str, ...]] = {
    "lstm": ("input", "forget", "output"),
    "gru": ("update", "reset"),
    "simple-rnn": (),
}
Activation = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Steps:
    """One direction's run: row ``t`` is the step that read token ``t``."""

    gates: dict[str, np.ndarray]  # gate name -> (tokens, units)
    cell: np.ndarray | None  # (tokens, units); the LSTM's long-term memory
    hidden: np.ndarray  # (tokens, units); what the cell outputs


def _kind_of(layer: keras.layers.Layer) -> CellKind | None:
    inner = (
        layer.forward_layer if isinstance(layer, keras.layers.Bidirectional) else layer
    )
    for cls, kind in _KINDS:
        if isinstance(inner, cls):
            return kind
    return None


def find_recurrent_layer(model: keras.Model) -> keras.layers.Layer | None:
    """The first LSTM, GRU or SimpleRNN of ``model`` (or the Bidirectional
    wrapping it), in the order the model runs its layers; None if it has none."""
    return next((layer for layer in model.layers if _kind_of(layer)), None)


def cell_kind(layer: keras.layers.Layer) -> CellKind:
    kind = _kind_of(layer)
    if kind is None:
        raise TypeError(f"{layer.name} is not a recurrent layer")
    return kind


def directions(layer: keras.layers.Layer) -> dict[Direction, keras.layers.Layer]:
    """The layer's one or two directions (a Bidirectional has a backward one)."""
    if isinstance(layer, keras.layers.Bidirectional):
        return {"forward": layer.forward_layer, "backward": layer.backward_layer}
    return {"forward": layer}


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # never overflows, unlike 1 / (1 + e^-x)


_NUMPY: dict[str, Activation] = {
    "sigmoid": _sigmoid,
    "tanh": np.tanh,
    "relu": lambda x: np.maximum(x, 0.0),
    "linear": lambda x: x,
    "hard_sigmoid": lambda x: np.clip(x / 6.0 + 0.5, 0.0, 1.0),
}


def _numpy_activation(activation: Callable) -> Activation:
    name = keras.activations.serialize(activation)
    if isinstance(name, str) and name in _NUMPY:
        return _NUMPY[name]
    # Any other activation: Keras' own, on one step's vector (slower, still exact).
    return lambda x: np.asarray(keras.ops.convert_to_numpy(activation(x)), np.float64)


def _weights(cell: keras.layers.Layer) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kernel, recurrent kernel and bias as float64 (zeros without a bias)."""
    kernel = np.asarray(keras.ops.convert_to_numpy(cell.kernel), np.float64)
    recurrent = np.asarray(
        keras.ops.convert_to_numpy(cell.recurrent_kernel), np.float64
    )
    if cell.use_bias:
        bias = np.asarray(keras.ops.convert_to_numpy(cell.bias), np.float64)
    else:
        bias = np.zeros(kernel.shape[-1])
    return kernel, recurrent, bias


def _activations(cell: keras.layers.Layer) -> tuple[Activation, Activation]:
    """The candidate's activation (tanh) and the gates' (sigmoid)."""
    return (
        _numpy_activation(cell.activation),
        _numpy_activation(cell.recurrent_activation),
    )


def _step_lstm(cell: keras.layers.Layer, xs: np.ndarray) -> Steps:
    """Keras orders the four blocks i, f, c, o: input, forget, candidate, output."""
    kernel, recurrent, bias = _weights(cell)
    u = cell.units
    act, gate = _activations(cell)
    projected = xs @ kernel + bias  # the input's part of every step at once
    h, c = np.zeros(u), np.zeros(u)
    gates = np.empty((3, len(xs), u))
    cells, hiddens = np.empty((len(xs), u)), np.empty((len(xs), u))
    for t, x in enumerate(projected):
        z = x + h @ recurrent
        i, f, o = gate(z[:u]), gate(z[u : 2 * u]), gate(z[3 * u :])
        c = f * c + i * act(z[2 * u : 3 * u])
        h = o * act(c)
        gates[:, t], cells[t], hiddens[t] = (i, f, o), c, h
    return Steps(dict(zip(GATES["lstm"], gates, strict=True)), cells, hiddens)


def _step_gru(cell: keras.layers.Layer, xs: np.ndarray) -> Steps:
    """Blocks z, r, h: update, reset, candidate. With ``reset_after`` (the Keras 3
    default) the bias has two rows, for the input and for the recurrent part."""
    kernel, recurrent, bias = _weights(cell)
    u = cell.units
    act, gate = _activations(cell)
    input_bias, recurrent_bias = (bias[0], bias[1]) if bias.ndim == 2 else (bias, None)
    projected = xs @ kernel + input_bias
    h = np.zeros(u)
    gates, hiddens = np.empty((2, len(xs), u)), np.empty((len(xs), u))
    for t, x in enumerate(projected):
        if cell.reset_after:
            inner = h @ recurrent + (0.0 if recurrent_bias is None else recurrent_bias)
            z, r = gate(x[:u] + inner[:u]), gate(x[u : 2 * u] + inner[u : 2 * u])
            candidate = act(x[2 * u :] + r * inner[2 * u :])
        else:
            inner = h @ recurrent[:, : 2 * u]
            z, r = gate(x[:u] + inner[:u]), gate(x[u : 2 * u] + inner[u:])
            candidate = act(x[2 * u :] + (r * h) @ recurrent[:, 2 * u :])
        h = z * h + (1.0 - z) * candidate
        gates[:, t], hiddens[t] = (z, r), h
    return Steps(dict(zip(GATES["gru"], gates, strict=True)), None, hiddens)


def _step_simple_rnn(cell: keras.layers.Layer, xs: np.ndarray) -> Steps:
    kernel, recurrent, bias = _weights(cell)
    act = _numpy_activation(cell.activation)
    projected = xs @ kernel + bias
    h = np.zeros(cell.units)
    hiddens = np.empty((len(xs), cell.units))
    for t, x in enumerate(projected):
        h = act(x + h @ recurrent)
        hiddens[t] = h
    return Steps({}, None, hiddens)


_STEPPERS: dict[CellKind, Callable[[keras.layers.Layer, np.ndarray], Steps]] = {
    "lstm": _step_lstm,
    "gru": _step_gru,
    "simple-rnn": _step_simple_rnn,
}


@functools.cache
def _blas() -> ThreadpoolController:
    """Found once: ``threadpool_limits`` looks for the libraries at every call."""
    return ThreadpoolController()


def step_direction(rnn: keras.layers.Layer, sequence: np.ndarray) -> Steps:
    """Run one direction over ``sequence`` (tokens, features), from zero states.

    A backward layer reads the sequence from its end; its rows are put back in
    text order, so row ``t`` is its state after reading tokens ``t`` to the end,
    as Keras' Bidirectional aligns it.
    """
    reverse = bool(rnn.go_backwards)
    xs = np.asarray(sequence, np.float64)
    # One step's vectors are too small to share out: BLAS threads woken at every
    # step fight TensorFlow's for the cores (measured: 45 ms a direction, not 6).
    with _blas().limit(limits=1, user_api="blas"):
        steps = _STEPPERS[cell_kind(rnn)](rnn.cell, xs[::-1] if reverse else xs)
    if not reverse:
        return steps
    return Steps(
        gates={name: values[::-1] for name, values in steps.gates.items()},
        cell=None if steps.cell is None else steps.cell[::-1],
        hidden=steps.hidden[::-1],
    )
