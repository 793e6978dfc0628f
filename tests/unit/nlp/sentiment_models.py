"""Small sentiment models in a registry, and the request helper, shared by the
nlp service tests (English in test_sentiment_api, French in test_sentiment_french)."""

from __future__ import annotations

from pathlib import Path

import keras
from fastapi.testclient import TestClient

from lab_common.registry import MODEL_FILENAME, DatasetRef, ModelMetadata, ModelRegistry


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
