"""/api/v1/datasets: catalogue, previews and uploads, on a small app of its own."""

from __future__ import annotations

import io
import zipfile
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from lab_common.problems import install_problem_handlers
from lab_common.store import (
    ChallengeStore,
    KeyStore,
    connect_database,
    upgrade_database,
)
from lab_common.store.database import sqlite_url
from lab_gateway.routers import datasets
from lab_gateway.settings import Settings
from tests.conftest import encode_image

DATASETS = "/api/v1/datasets"
SMALL_LIMIT_BYTES = 20_000


@dataclass
class Lab:
    client: TestClient
    keys: dict[str, str]
    datasets_dir: Path

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}


def build_app(settings: Settings, key_store: KeyStore) -> FastAPI:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[dict[str, Any]]:
        challenges = ChallengeStore(key_store.engine)
        yield {"settings": settings, "keys": key_store, "challenges": challenges}

    app = FastAPI(lifespan=lifespan)
    install_problem_handlers(app)
    app.include_router(datasets.router, prefix="/api/v1")
    return app


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    settings = Settings(
        database_url=sqlite_url(tmp_path / "archilab.db"),
        datasets_dir=tmp_path / "datasets",
        data_dir=None,
        max_dataset_upload_bytes=SMALL_LIMIT_BYTES,
    )
    upgrade_database(settings.database_url)
    key_store = KeyStore(connect_database(settings.database_url))
    keys = {
        "admin": key_store.create_key("admin")[0],
        "team-a": key_store.create_key("team", team="a")[0],
        "team-b": key_store.create_key("team", team="b")[0],
    }
    with TestClient(build_app(settings, key_store)) as client:
        yield Lab(client=client, keys=keys, datasets_dir=settings.datasets_dir)


def pets_zip(per_class: int = 3) -> bytes:
    buffer = io.BytesIO()
    rng = np.random.default_rng(0)
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("cat", "dog"):
            for index in range(per_class):
                pixels = rng.integers(0, 256, (30, 30), np.uint8)
                archive.writestr(f"{name}/{index}.png", encode_image(pixels))
    return buffer.getvalue()


def upload(lab: Lab, content: bytes, filename: str, who: str = "team-a", **form: str):
    return lab.client.post(
        DATASETS,
        files={"file": (filename, content, "application/octet-stream")},
        data=form,
        # English sentences: some tests read the detail.
        headers={**lab.auth(who), "Accept-Language": "en"},
    )


def test_list_datasets_shows_the_catalogue(lab: Lab) -> None:
    response = lab.client.get(DATASETS)

    listing = {entry["id"]: entry for entry in response.json()["datasets"]}
    assert response.status_code == 200
    assert listing["sklearn-digits"]["available"] is True
    assert listing["cifar-10"]["available"] is False


def test_upload_without_key_is_unauthorized(lab: Lab) -> None:
    response = lab.client.post(DATASETS, files={"file": ("a.zip", pets_zip())})

    assert response.status_code == 401
    assert response.json()["type"] == "/problems/unauthorized"


def test_upload_zip_creates_a_dataset(lab: Lab) -> None:
    response = upload(lab, pets_zip(), "pets.zip", name="My pets")

    body = response.json()
    assert response.status_code == 201, response.text
    assert response.headers["location"] == f"{DATASETS}/{body['id']}"
    assert body["id"].startswith("upload-my-pets-")
    assert body["owner"] == "team:a"
    assert body["input_shape"] == [28, 28, 1]


def test_upload_appears_in_the_list_and_by_id(lab: Lab) -> None:
    created = upload(lab, pets_zip(), "pets.zip").json()

    listing = lab.client.get(DATASETS).json()["datasets"]
    one = lab.client.get(f"{DATASETS}/{created['id']}")
    assert created["id"] in {entry["id"] for entry in listing}
    assert one.json()["classes"] == ["cat", "dog"]


def test_upload_preview_counts_classes(lab: Lab) -> None:
    created = upload(lab, pets_zip(), "pets.zip").json()

    response = lab.client.get(
        f"{DATASETS}/{created['id']}/preview", params={"samples_per_class": 1}
    )

    body = response.json()
    assert response.status_code == 200
    assert body["class_counts"] == [
        {"name": "cat", "count": 2},
        {"name": "dog", "count": 2},
    ]
    assert body["image_samples"][0]["png_data_url"].startswith("data:image/png")


def test_upload_csv_creates_a_text_dataset(lab: Lab) -> None:
    content = b"text,label\ngood,pos\nbad,neg\nfine,pos\nugly,neg\n"

    response = upload(lab, content, "reviews.csv")

    assert response.status_code == 201
    assert response.json()["task"] == "text-classification"


def test_upload_over_the_limit_is_413(lab: Lab) -> None:
    response = upload(lab, pets_zip(per_class=20), "pets.zip")

    assert response.status_code == 413
    assert response.json()["type"] == "/problems/payload-too-large"
    assert not lab.datasets_dir.exists() or list(lab.datasets_dir.iterdir()) == []


def test_upload_neither_zip_nor_csv_is_415(lab: Lab) -> None:
    png = encode_image(np.zeros((8, 8), np.uint8))

    response = upload(lab, png, "digits.zip")

    assert response.status_code == 415
    assert response.json()["type"] == "/problems/upload-not-supported"


def test_upload_as_json_is_unsupported_media_type(lab: Lab) -> None:
    response = lab.client.post(DATASETS, json={"file": "x"}, headers=lab.auth("admin"))

    assert response.status_code == 415
    assert response.json()["type"] == "/problems/unsupported-media-type"


def test_upload_with_one_class_is_422(lab: Lab) -> None:
    content = b"text,label\ngood,pos\nfine,pos\n"

    response = upload(lab, content, "reviews.csv")

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/too-few-classes"


def test_preview_of_unknown_dataset_is_404(lab: Lab) -> None:
    response = lab.client.get(f"{DATASETS}/no-such-set/preview")

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/dataset-not-found"


def test_delete_by_another_team_is_forbidden(lab: Lab) -> None:
    created = upload(lab, pets_zip(), "pets.zip").json()

    response = lab.client.delete(
        f"{DATASETS}/{created['id']}", headers=lab.auth("team-b")
    )

    assert response.status_code == 403


def test_delete_by_owner_removes_the_upload(lab: Lab) -> None:
    created = upload(lab, pets_zip(), "pets.zip").json()

    response = lab.client.delete(
        f"{DATASETS}/{created['id']}", headers=lab.auth("team-a")
    )

    assert response.status_code == 204
    assert lab.client.get(f"{DATASETS}/{created['id']}").status_code == 404


def test_chunked_upload_is_cut_off_at_the_limit(lab: Lab) -> None:
    boundary = "archilab-test-boundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="big.csv"\r\nContent-Type: text/csv\r\n\r\ntext,label\n'
    ).encode()

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(200):  # 200 x 1 KB, never finished: no Content-Length
            yield b"some words,1\n" * 80

    response = lab.client.post(
        DATASETS,
        content=body(),
        headers={
            **lab.auth("team-a"),
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Accept-Language": "en",
        },
    )

    assert response.status_code == 413
    assert response.json()["type"] == "/problems/payload-too-large"
    assert "exceeds the limit" in response.json()["detail"]  # counted, not declared


def test_upload_declaring_a_huge_length_is_refused_before_reading(lab: Lab) -> None:
    content = b"text,label\n" + b"some words,1\n" * 10_000

    response = upload(lab, content, "big.csv")

    assert response.status_code == 413
    assert response.json()["detail"].startswith("The upload is ")
