"""Inside the recurrent cell, word by word: its gates and states on one text.

The model's first recurrent layer (LSTM, GRU or SimpleRNN, maybe inside a
Bidirectional) gets the tokens' embeddings, which are computed by the model's
own layers up to that layer (dropout does nothing at inference). Its weights
are then stepped in NumPy (``lab_nlp.cell_steps``) to see the gates Keras does
not return.

**Words and tokens.** The model reads tokens, the student reads words: "l'acteur"
is two tokens ("l", "acteur"), "!" none. A word's column is the cell just after
it has read the whole word: the word's last token for the forward direction,
its first for the backward one (which reads the text from its end). A word
without tokens is not read: its gates are null, and its states are those the
cell holds there, unchanged (the word before's, forward; the word after's,
backward; zeros before any token).

**The units shown.** Of the 2 x 64 units of a bidirectional LSTM only a few fit
on a screen. Shown are the units whose memory (the cell state; the hidden state
for a GRU or SimpleRNN) tracks the model's running opinion best: the largest
|Pearson correlation| over the read words between the unit's state at each word
and the positive probability of the text up to that word (the trajectory of
``lab_nlp.explanations``). Both directions compete; ties (a one-word text, a
constant unit) go to the unit with the larger mean |state|.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from lab_common.problems import ValidationFailed
from lab_common.text.schemas import DEFAULT_CELL_UNITS
from lab_common.vision.schemas import ModelRef
from lab_nlp.cell_steps import (
    GATES,
    CellKind,
    Direction,
    Steps,
    cell_kind,
    directions,
    find_recurrent_layer,
    step_direction,
)
from lab_nlp.errors import NoRecurrentLayer
from lab_nlp.explanations import Word, split_words, tokens_per_word, word_prefixes
from lab_nlp.model_store import SentimentModel

# One column per word: past a few hundred the heat map cannot be read anyway.
MAX_CELL_STATE_WORDS = 300
# Versions named in the 422 for a model without a recurrent layer.
MAX_NAMED_VERSIONS = 10


@dataclass(frozen=True)
class ChosenUnit:
    direction: Direction
    index: int
    correlation: float


@dataclass(frozen=True)
class CellStates:
    kind: CellKind
    layer: str
    units_per_direction: int
    bidirectional: bool
    words: list[Word]
    tokens: list[int]  # per word
    positive_probability: float
    trajectory: list[float]  # positive probability after each word prefix
    units: list[ChosenUnit]
    gates: dict[str, list[list[float | None]]]  # gate -> [unit][word]
    cell_state: list[list[float]] | None  # [unit][word], LSTM only
    hidden_state: list[list[float]]


def _upstream(model: keras.Model, layer: keras.layers.Layer) -> keras.Model:
    """Text -> (token ids, what ``layer`` receives), through the model's layers."""
    vectorize = next(
        v for v in model.layers if isinstance(v, keras.layers.TextVectorization)
    )
    received = layer.input[0] if isinstance(layer.input, list) else layer.input
    return keras.Model(model.inputs, [vectorize.output, received])


def _real_tokens(ids: tf.Tensor, sequence: tf.Tensor) -> np.ndarray:
    # TextVectorization pads (id 0) at the end only; the masked layer skips it.
    count = int(np.count_nonzero(np.asarray(ids)[0]))
    return np.asarray(sequence)[0, :count]


def recurrent_input(
    model: keras.Model, layer: keras.layers.Layer, text: str
) -> np.ndarray:
    """What ``layer`` receives for ``text``, padding left out: (tokens, features)."""
    ids, sequence = _upstream(model, layer)(tf.constant([text]), training=False)
    return _real_tokens(ids, sequence)


def _compiled_input(
    sentiment: SentimentModel, layer: keras.layers.Layer
) -> Callable[[str], np.ndarray]:
    """``recurrent_input`` traced once per model: 1 ms a call instead of 10."""
    key = f"recurrent-input/{layer.name}"
    if key not in sentiment.derived:
        upstream = _upstream(sentiment.model, layer)
        signature = [tf.TensorSpec((None,), tf.string)]

        @tf.function(input_signature=signature, autograph=False)
        def run(texts: tf.Tensor) -> list[tf.Tensor]:
            return upstream(texts, training=False)

        sentiment.derived[key] = run
    run = sentiment.derived[key]
    return lambda text: _real_tokens(*run(tf.constant([text])))


@dataclass(frozen=True)
class _Columns:
    """Per word and direction: the token whose step shows the word's gates (None:
    not read), and the row of the states there (``tokens``: the zero state)."""

    read: list[int | None]
    state: list[int]


def _columns(counts: list[int], tokens: int, direction: Direction) -> _Columns:
    read: list[int | None] = []
    state: list[int] = []
    position = 0
    for count in counts:
        # Clipped: a model with a fixed sequence length cuts long texts.
        start, end = min(position, tokens), min(position + count, tokens)
        position += count
        if direction == "forward":
            read.append(end - 1 if end > start else None)
            state.append(end - 1 if end > 0 else tokens)
        else:
            read.append(start if end > start else None)
            state.append(start)
    return _Columns(read, state)


def _per_word(values: np.ndarray, columns: _Columns) -> np.ndarray:
    """(words, units) states: a zero row stands for "before any token"."""
    padded = np.vstack([values, np.zeros((1, values.shape[1]))])
    return padded[columns.state]


def _correlations(states: np.ndarray, opinion: np.ndarray) -> np.ndarray:
    """Pearson correlation of each column of ``states`` with ``opinion``; 0
    where either is constant."""
    centred = states - states.mean(axis=0)
    opinion = opinion - opinion.mean()
    spread = np.sqrt((centred**2).sum(axis=0) * (opinion**2).sum())
    covariance = centred.T @ opinion
    safe = np.where(spread > 1e-12, spread, 1.0)
    return np.where(spread > 1e-12, covariance / safe, 0.0)


def choose_units(
    memories: dict[Direction, np.ndarray],
    trajectory: np.ndarray,
    is_read: np.ndarray,
    count: int,
) -> list[ChosenUnit]:
    """The ``count`` units whose memory (words, units) best tracks the opinion."""
    ranked = []
    for direction, memory in memories.items():
        read = memory[is_read]
        correlations = _correlations(read, trajectory[is_read])
        magnitude = np.abs(read).mean(axis=0) if len(read) else np.zeros(read.shape[1])
        for index, correlation in enumerate(correlations):
            key = (-abs(float(correlation)), -float(magnitude[index]))
            ranked.append((key, ChosenUnit(direction, index, float(correlation))))
    ranked.sort(key=lambda item: item[0])
    return [unit for _, unit in ranked[:count]]


def _gate_rows(
    steps: Steps, gate: str, unit: int, columns: _Columns
) -> list[float | None]:
    values = steps.gates[gate][:, unit]
    return [None if t is None else float(values[t]) for t in columns.read]


def _state_rows(values: np.ndarray, unit: int, columns: _Columns) -> list[float]:
    return [float(v) for v in _per_word(values, columns)[:, unit]]


def check_word_count(text: str) -> list[Word]:
    words = split_words(text)
    if len(words) > MAX_CELL_STATE_WORDS:
        raise ValidationFailed(
            "too-many-cell-words", words=len(words), limit=MAX_CELL_STATE_WORDS
        )
    return words


def _no_recurrent_layer(
    sentiment: SentimentModel, recurrent: Callable[[], list[ModelRef]]
) -> NoRecurrentLayer:
    name, version = sentiment.ref.name, sentiment.ref.version
    others = [f"{ref.name} v{ref.version}" for ref in recurrent()]
    if not others:
        return NoRecurrentLayer("none-in-registry", name=name, version=version)
    if len(others) > MAX_NAMED_VERSIONS:
        others = [*others[:MAX_NAMED_VERSIONS], "…"]
    return NoRecurrentLayer(
        "others", name=name, version=version, models=", ".join(others)
    )


def describe_cells(
    sentiment: SentimentModel,
    text: str,
    units: int = DEFAULT_CELL_UNITS,
    *,
    recurrent: Callable[[], list[ModelRef]] = list,
) -> CellStates:
    """The gates and states of ``sentiment``'s first recurrent layer on ``text``.

    ``recurrent`` lists the versions that have one, for the 422 when this
    model has none (asked only then: it reads the registry).
    """
    words = check_word_count(text)
    layer = find_recurrent_layer(sentiment.model)
    if layer is None:
        raise _no_recurrent_layer(sentiment, recurrent)
    kind = cell_kind(layer)
    sequence = _compiled_input(sentiment, layer)(text)
    steps = {d: step_direction(rnn, sequence) for d, rnn in directions(layer).items()}
    counts = tokens_per_word(words)
    columns = {d: _columns(counts, len(sequence), d) for d in steps}
    probabilities = sentiment.positive_probabilities([text, *word_prefixes(words)])
    trajectory = probabilities[1:]
    memories = {
        d: _per_word(s.hidden if s.cell is None else s.cell, columns[d])
        for d, s in steps.items()
    }
    is_read = np.array([r is not None for r in columns["forward"].read])
    chosen = choose_units(memories, trajectory, is_read, units)
    rows = [(steps[u.direction], u.index, columns[u.direction]) for u in chosen]
    return CellStates(
        kind=kind,
        layer=layer.name,
        units_per_direction=directions(layer)["forward"].units,
        bidirectional=len(steps) == 2,
        words=words,
        tokens=counts,
        positive_probability=float(probabilities[0]),
        trajectory=[float(p) for p in trajectory],
        units=chosen,
        gates={
            gate: [_gate_rows(s, gate, i, c) for s, i, c in rows]
            for gate in GATES[kind]
        },
        cell_state=None
        if kind != "lstm"
        else [_state_rows(s.cell, i, c) for s, i, c in rows if s.cell is not None],
        hidden_state=[_state_rows(s.hidden, i, c) for s, i, c in rows],
    )
