"""Explorer samples never show a challenge's hidden images.

A version trained in a challenge shows its validation split; another version
on the same dataset its test images less the hidden ones; without the job
store a challenge's version is refused rather than shown from the test split.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from lab_cnn.main import create_app
from lab_cnn.settings import Settings
from lab_common.challenges.data import draw_splits, pool_of
from lab_common.challenges.hidden import pixel_sha256
from lab_common.challenges.templates import TEMPLATES
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.registry import ModelRegistry
from lab_common.store import ChallengeStore, connect_database, upgrade_database
from lab_common.store.database import sqlite_url
from tests.unit.cnn.tiny_models import register_tiny_cnn

TEMPLATE = TEMPLATES["chiffres-dense"]
SEED = 5
SAMPLES = "/v1/models/{name}/versions/1/samples?per_class=10"


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("lab")
    url = sqlite_url(root / "archilab.db")
    upgrade_database(url)
    engine = connect_database(url)
    splits = draw_splits(
        TEMPLATE, pool_of(load_image_dataset("mnist-5k", None, None))[1], SEED
    )
    ChallengeStore(engine).create_challenge(
        challenge_id="defi1",
        template=TEMPLATE.id,
        title=TEMPLATE.title_fr,
        dataset="mnist-5k",
        quota=10,
        allow_external=False,
        seed=SEED,
        manifest=splits.manifest(),
        created_by="admin",
    )
    register_tiny_cnn(root / "models", dataset_id="mnist-5k")
    stored = register_tiny_cnn(root / "models", dataset_id="mnist-5k", name="rouge")
    registry = ModelRegistry(root / "models")
    # As the trainer records it: the job's spec, challenge_id included.
    path = registry.root / "rouge" / "1" / "metadata.json"
    metadata = stored.model_copy(update={"training_config": {"challenge_id": "defi1"}})
    path.write_text(metadata.model_dump_json(), encoding="utf-8")
    yield root, url
    engine.dispose()


def split_hashes(name: str) -> set[str]:
    images, labels = pool_of(load_image_dataset("mnist-5k", None, None))
    splits = draw_splits(TEMPLATE, labels, SEED)
    if name == "hidden":
        rows = np.concatenate([splits["public"], splits["private"]])
    else:
        rows = splits[name]
    return {pixel_sha256(images[row]) for row in rows}


def sample_hashes(client: TestClient, name: str) -> tuple[str, set[str]]:
    response = client.get(SAMPLES.format(name=name))
    assert response.status_code == 200, response.text
    body = response.json()
    found = set()
    for sample in body["samples"]:
        data = base64.b64decode(sample["image_png_b64"])
        found.add(pixel_sha256(np.asarray(Image.open(io.BytesIO(data)))))
    assert len(found) == 100
    return body["split"], found


def start(root: Path, url: str | None) -> TestClient:
    settings = Settings(
        models_dir=root / "models", cache_dir=root / "cache", database_url=url
    )
    return TestClient(create_app(settings))


def test_a_challenge_version_shows_its_validation_split(lab: tuple[Path, str]) -> None:
    with start(*lab) as client:
        split, shown = sample_hashes(client, "rouge")

    assert split == "validation"
    assert shown <= split_hashes("validation")


def test_another_version_shows_test_images_but_no_hidden_one(
    lab: tuple[Path, str],
) -> None:
    with start(*lab) as client:
        split, guarded = sample_hashes(client, "digits")
    with start(lab[0], None) as client:  # no store: no challenge known (control)
        _, unguarded = sample_hashes(client, "digits")

    assert split == "test"
    assert not guarded & split_hashes("hidden")
    assert unguarded & split_hashes("hidden")


def test_without_the_store_a_challenge_version_is_refused(
    lab: tuple[Path, str],
) -> None:
    with start(lab[0], None) as client:
        response = client.get(SAMPLES.format(name="rouge"))

    assert response.status_code == 503
    assert response.json()["type"] == "/problems/challenge-data-unavailable"
