"""The cell stepped in NumPy is the Keras layer itself: same hidden states (and,
for an LSTM, the same final cell state) to 1e-5; and the words map to tokens
the way lab_nlp.cell_states documents."""

from __future__ import annotations

from functools import cache

import keras
import numpy as np
import pytest
import tensorflow as tf

from lab_common.problems import ValidationFailed
from lab_common.registry import DatasetRef, ModelMetadata
from lab_common.text.models import EMBEDDING, RECURRENT, VECTORIZE, standardize_text
from lab_common.vision.schemas import ModelRef
from lab_nlp.cell_states import (
    MAX_CELL_STATE_WORDS,
    describe_cells,
    recurrent_input,
)
from lab_nlp.cell_steps import directions, find_recurrent_layer, step_direction
from lab_nlp.errors import NoRecurrentLayer
from lab_nlp.model_store import SentimentModel
from lab_trainer.models.texts import build_embedding_bag, build_sentiment_lstm

TEXT = "L'acteur n'était pas mauvais, c'était génial !"
TRAIN = [
    TEXT,
    "Un film ennuyeux, je n'ai rien aimé",
    "Quelle réussite : l'histoire est émouvante",
    "The acting wasn't bad, it was great",
]
TOLERANCE = 1e-5


def tiny_model(recurrent: keras.layers.Layer, pooled: bool) -> keras.Model:
    """Vectorise -> embed (8) -> ``recurrent`` -> (mean) -> one logit -> sigmoid."""
    vectorize = keras.layers.TextVectorization(
        standardize=standardize_text, name=VECTORIZE
    )
    vectorize.adapt(TRAIN)
    inputs = keras.Input(shape=(), dtype="string")
    x = vectorize(inputs)
    x = keras.layers.Embedding(
        vectorize.vocabulary_size(), 8, mask_zero=True, name=EMBEDDING
    )(x)
    x = recurrent(x)
    if pooled:
        x = keras.layers.GlobalAveragePooling1D()(x)
    logit = keras.layers.Dense(1, name="logit")(x)
    outputs = keras.layers.Activation("sigmoid", name="positive_probability")(logit)
    return keras.Model(inputs, outputs)


@cache  # built once: the tests only read them
def bilstm_pooled() -> keras.Model:
    keras.utils.set_random_seed(1)
    return build_sentiment_lstm(TRAIN, None, name="bilstm-pooled", pooled=True)


@cache  # built once: the tests only read them
def bilstm_last_state() -> keras.Model:
    keras.utils.set_random_seed(2)
    return build_sentiment_lstm(TRAIN, None, name="bilstm-last", pooled=False)


@cache  # built once: the tests only read them
def gru_sequence() -> keras.Model:
    keras.utils.set_random_seed(3)
    return tiny_model(keras.layers.GRU(5, return_sequences=True, name=RECURRENT), True)


@cache  # built once: the tests only read them
def simple_rnn_bidirectional_last_state() -> keras.Model:
    keras.utils.set_random_seed(4)
    rnn = keras.layers.SimpleRNN(6)
    return tiny_model(keras.layers.Bidirectional(rnn, name=RECURRENT), False)


@cache  # built once: the tests only read them
def lstm_forward_last_state() -> keras.Model:
    keras.utils.set_random_seed(5)
    return tiny_model(keras.layers.LSTM(7, name=RECURRENT), False)


BUILDERS = [
    bilstm_pooled,
    bilstm_last_state,
    gru_sequence,
    simple_rnn_bidirectional_last_state,
    lstm_forward_last_state,
]


def keras_outputs(
    model: keras.Model, layer: keras.layers.Layer, text: str
) -> np.ndarray:
    """The layer's own output for ``text``: (tokens, units) or (units,)."""
    return np.asarray(keras.Model(model.inputs, layer.output)(tf.constant([text])))[0]


@pytest.mark.parametrize("build", BUILDERS, ids=lambda b: b.__name__)
def test_numpy_steps_give_the_layers_own_hidden_states(build) -> None:
    model = build()
    layer = find_recurrent_layer(model)
    sequence = recurrent_input(model, layer, TEXT)

    steps = {d: step_direction(rnn, sequence) for d, rnn in directions(layer).items()}
    expected = keras_outputs(model, layer, TEXT)

    units = directions(layer)["forward"].units
    returns_sequences = directions(layer)["forward"].return_sequences
    forward = (
        steps["forward"].hidden if returns_sequences else steps["forward"].hidden[-1]
    )
    np.testing.assert_allclose(forward, expected[..., :units], atol=TOLERANCE)
    if "backward" in steps:
        # The backward direction's last state is the one at the text's first token.
        backward = steps["backward"].hidden
        backward = backward if returns_sequences else backward[0]
        np.testing.assert_allclose(backward, expected[..., units:], atol=TOLERANCE)


@pytest.mark.parametrize(
    "build",
    [bilstm_pooled, bilstm_last_state, lstm_forward_last_state],
    ids=lambda b: b.__name__,
)
def test_numpy_steps_end_on_the_lstms_own_cell_state(build) -> None:
    model = build()
    layer = find_recurrent_layer(model)
    sequence = recurrent_input(model, layer, TEXT)

    for rnn in directions(layer).values():
        twin = keras.layers.LSTM(
            rnn.units, return_state=True, go_backwards=rnn.go_backwards
        )
        twin.build((None, None, sequence.shape[-1]))
        twin.set_weights(rnn.get_weights())
        _, hidden, cell = twin(sequence[np.newaxis].astype("float32"))
        steps = step_direction(rnn, sequence)

        last = 0 if rnn.go_backwards else -1
        np.testing.assert_allclose(
            steps.cell[last], np.asarray(cell)[0], atol=TOLERANCE
        )
        np.testing.assert_allclose(
            steps.hidden[last], np.asarray(hidden)[0], atol=TOLERANCE
        )


def as_sentiment(model: keras.Model) -> SentimentModel:
    metadata = ModelMetadata(
        name="tiny",
        version="1",
        task="text-classification",
        class_names=["negative", "positive"],
        input_shape=[],
        dataset=DatasetRef(id="test", splits={}),
        duration_seconds=0.0,
    )

    def infer(texts: tf.Tensor) -> tf.Tensor:
        return tf.reshape(model(texts, training=False), (-1,))

    return SentimentModel(metadata=metadata, model=model, infer=infer)


def test_a_word_shows_the_cell_after_its_last_token_and_punctuation_is_not_read() -> (
    None
):
    model = bilstm_pooled()
    layer = model.get_layer(RECURRENT)
    sequence = recurrent_input(model, layer, TEXT)
    steps = {d: step_direction(rnn, sequence) for d, rnn in directions(layer).items()}

    cells = describe_cells(as_sentiment(model), TEXT, units=4)

    assert [w.text for w in cells.words][-2:] == ["génial", "!"]
    assert cells.tokens == [2, 2, 1, 1, 2, 1, 0]
    forward = next(i for i, u in enumerate(cells.units) if u.direction == "forward")
    unit = cells.units[forward].index
    # "L'acteur" is tokens 0-1: forward shows token 1; "!" keeps "génial"'s state.
    assert cells.cell_state[forward][0] == pytest.approx(steps["forward"].cell[1, unit])
    assert cells.cell_state[forward][-1] == cells.cell_state[forward][-2]
    assert cells.gates["forget"][forward][-1] is None
    assert cells.gates["forget"][forward][0] == pytest.approx(
        steps["forward"].gates["forget"][1, unit]
    )


def test_the_backward_direction_shows_a_word_at_its_first_token() -> None:
    model = bilstm_pooled()
    layer = model.get_layer(RECURRENT)
    sequence = recurrent_input(model, layer, TEXT)
    backward = step_direction(directions(layer)["backward"], sequence)

    cells = describe_cells(as_sentiment(model), TEXT, units=128)

    row = next(
        i
        for i, unit in enumerate(cells.units)
        if (unit.direction, unit.index) == ("backward", 0)
    )
    assert cells.hidden_state[row][0] == pytest.approx(backward.hidden[0, 0])
    # "!" ends the text: nothing after it, so the backward state there is zero.
    assert cells.hidden_state[row][-1] == 0.0


def test_the_units_shown_track_the_running_opinion_best() -> None:
    model = gru_sequence()

    cells = describe_cells(as_sentiment(model), TEXT, units=3)

    assert cells.kind == "gru" and cells.cell_state is None
    assert set(cells.gates) == {"update", "reset"}
    assert len(cells.units) == 3 and len(cells.hidden_state) == 3
    strengths = [abs(u.correlation) for u in cells.units]
    assert strengths == sorted(strengths, reverse=True)
    read = [i for i, count in enumerate(cells.tokens) if count]
    opinion = np.array(cells.trajectory)[read]
    state = np.array(cells.hidden_state[0])[read]
    assert cells.units[0].correlation == pytest.approx(
        np.corrcoef(state, opinion)[0, 1]
    )


def test_a_simple_rnn_has_only_a_hidden_state() -> None:
    cells = describe_cells(as_sentiment(simple_rnn_bidirectional_last_state()), TEXT)

    assert cells.kind == "simple-rnn" and cells.bidirectional
    assert cells.gates == {} and cells.cell_state is None
    assert len(cells.hidden_state) == 8


@cache
def embedding_bag() -> keras.Model:
    keras.utils.set_random_seed(6)
    return build_embedding_bag(TRAIN, None, name="bag")


def test_a_model_without_recurrent_layer_names_those_that_have_one() -> None:
    bag = as_sentiment(embedding_bag())
    others = [ModelRef(name="sentiment-fr", version="2")]

    with pytest.raises(NoRecurrentLayer) as raised:
        describe_cells(bag, TEXT, recurrent=lambda: others)

    assert "sentiment-fr v2" in raised.value.detail_in("en")


def test_more_than_300_words_is_refused_before_any_computation() -> None:
    bag = as_sentiment(embedding_bag())

    with pytest.raises(ValidationFailed) as raised:
        describe_cells(bag, "mot " * (MAX_CELL_STATE_WORDS + 1))

    assert raised.value.params == {"words": 301, "limit": MAX_CELL_STATE_WORDS}
