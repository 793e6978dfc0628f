"""Small sentiment models in a registry, and the request helper, shared by the
nlp service tests (English in test_sentiment_api, French in test_sentiment_french,
tiny untrained ones in test_prediction_requests)."""

from __future__ import annotations

from pathlib import Path

import keras
from fastapi.testclient import TestClient

from lab_common.registry import MODEL_FILENAME, DatasetRef, ModelMetadata, ModelRegistry

# A few words of each language: the tiny model's vocabulary.
TINY_VOCABULARY = [
    "a wonderful moving film",
    "a dull boring mess",
    "un film magnifique et émouvant",
    "un navet ennuyeux",
]


def build_tiny_sentiment_model(name: str) -> keras.Model:
    """Raw strings to one positive probability, untrained: built in a blink,
    for tests of request handling that do not judge the answers."""
    keras.utils.set_random_seed(5)
    vectorize = keras.layers.TextVectorization(
        max_tokens=64, output_sequence_length=8, name="vectorize"
    )
    vectorize.adapt(TINY_VOCABULARY)
    inputs = keras.Input(shape=(), dtype="string", name="text")
    x = keras.layers.Embedding(64, 4, name="embedding")(vectorize(inputs))
    x = keras.layers.GlobalAveragePooling1D(name="mean")(x)
    outputs = keras.layers.Dense(1, activation="sigmoid", name="positive")(x)
    return keras.Model(inputs, outputs, name=name)


def register_sentiment_model(
    root: Path,
    model: keras.Model,
    name: str,
    dataset_id: str,
    train_count: int,
    *,
    promote: bool = True,
) -> Path:
    """Store ``model`` as the next version of ``name`` under ``root``, in
    production unless ``promote`` is False."""
    metadata = ModelMetadata(
        name=name,
        task="text-classification",
        class_names=["negative", "positive"],
        input_shape=[],
        dataset=DatasetRef(id=dataset_id, splits={"train": train_count}),
        duration_seconds=0.0,
    )
    registry = ModelRegistry(root)
    stored = registry.register(metadata, lambda d: model.save(d / MODEL_FILENAME))
    if promote:
        registry.promote(name, stored.version)
    return root


def post(client: TestClient, path: str, body: object) -> dict:
    """POST ``body`` to ``/v1/sentiment/<path>``, expecting a 200 answer."""
    response = client.post(f"/v1/sentiment/{path}", json=body)
    assert response.status_code == 200, response.text
    result: dict = response.json()
    return result
