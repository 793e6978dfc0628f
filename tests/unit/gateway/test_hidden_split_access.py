"""The gateway keeps a challenge's hidden split in: uploads holding a hidden image
are refused, previews leave them out, a challenge's model versions need their
team's key on every vision route.

The real gateway app on a SQLite job store and the real Redis (db 11, where the
baseline job is queued; no worker runs). The cnn is not running: a call the
gateway lets through is answered 502 by the relay, one it refuses never leaves.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from lab_common.challenges.data import draw_splits, pool_of
from lab_common.challenges.hidden import pixel_sha256
from lab_common.challenges.templates import TEMPLATES
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.datasets.splits import SplitManifest
from lab_common.registry import DatasetRef, ModelMetadata
from tests.unit.gateway.labs import ChallengeLab, gateway_lab

REDIS_URL = "redis://127.0.0.1:6379/11"
DATASETS = "/api/v1/datasets"
VISION = "/api/v1/vision"
SEED = 11


Lab = ChallengeLab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with gateway_lab(tmp_path, Lab, redis_url=REDIS_URL) as running:
        running.challenge = running.open_challenge(seed=SEED)
        yield running


def hidden_and_train_images(challenge: dict[str, Any]) -> tuple[list, list]:
    """The challenge's hidden and train images, from its split indices."""
    digits = load_image_dataset("mnist-5k", None, None)
    images, labels = pool_of(digits)
    splits = draw_splits(TEMPLATES["chiffres-dense"], labels, SEED)
    manifest = SplitManifest.model_validate(challenge["manifest"])
    assert splits.manifest().splits == manifest.splits
    hidden = [images[row] for row in (*splits["public"], *splits["private"])]
    return hidden, [images[row] for row in splits["train"]]


def png(pixels: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(pixels[..., 0]).save(buffer, format="PNG")
    return buffer.getvalue()


def digits_zip(images: list[np.ndarray]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number, pixels in enumerate(images):
            archive.writestr(f"{'ab'[number % 2]}/{number}.png", png(pixels))
    return buffer.getvalue()


def upload(lab: Lab, content: bytes, **headers: str) -> Any:
    return lab.client.post(
        DATASETS,
        files={"file": ("chiffres.zip", content, "application/zip")},
        headers={**lab.auth("red"), **headers},
    )


def register_version(lab: Lab, name: str, owner: str, challenge_id: str | None):
    metadata = ModelMetadata(
        name=name,
        task="image-classification",
        class_names=[str(i) for i in range(10)],
        input_shape=[28, 28, 1],
        dataset=DatasetRef(id="mnist-5k", splits={}),
        training_config={"challenge_id": challenge_id},
        duration_seconds=0.0,
        owner=owner,
    )
    return lab.registry.register(
        metadata, lambda folder: (folder / "model.keras").write_bytes(b"")
    )


# --- uploads -----------------------------------------------------------------


def test_an_upload_holding_hidden_images_is_refused_without_naming_them(
    lab: Lab,
) -> None:
    hidden, train = hidden_and_train_images(lab.challenge)
    content = digits_zip(train[:4] + hidden[:2])

    french = upload(lab, content)
    english = upload(lab, content, **{"Accept-Language": "en"})

    assert french.status_code == 422, french.text
    assert french.json()["type"] == "/problems/hidden-example-upload"
    assert "2 image(s)" in french.json()["detail"]
    assert "cachée" in french.json()["detail"]
    assert "hidden split" in english.json()["detail"]
    for answer in (french, english):
        assert ".png" not in answer.text  # says why, never which image
    assert lab.client.get(DATASETS).json()["datasets"][-1]["origin"] != "upload"


def test_a_clean_upload_is_imported(lab: Lab) -> None:
    _, train = hidden_and_train_images(lab.challenge)

    response = upload(lab, digits_zip(train[:6]))

    assert response.status_code == 201, response.text
    assert response.json()["size"] == {"train": 4, "test": 2}


def test_once_revealed_the_hidden_images_may_be_uploaded(lab: Lab) -> None:
    hidden, _ = hidden_and_train_images(lab.challenge)
    path = f"/api/v1/challenges/{lab.challenge['id']}"
    for action in ("freeze", "reveal"):
        lab.client.post(f"{path}/{action}", headers=lab.auth("admin"))

    response = upload(lab, digits_zip(hidden[:4]))

    assert response.status_code == 201, response.text


# --- previews ----------------------------------------------------------------


def preview_hashes(lab: Lab) -> set[str]:
    response = lab.client.get(f"{DATASETS}/mnist-5k/preview?samples_per_class=20")
    assert response.status_code == 200, response.text
    found = set()
    for sample in response.json()["image_samples"]:
        data = base64.b64decode(sample["png_data_url"].split(",", 1)[1])
        found.add(pixel_sha256(np.asarray(Image.open(io.BytesIO(data)))))
    return found


def test_the_preview_shows_no_hidden_image_until_the_reveal(lab: Lab) -> None:
    hidden, _ = hidden_and_train_images(lab.challenge)
    hidden_hashes = {pixel_sha256(pixels) for pixels in hidden}

    during = preview_hashes(lab)
    path = f"/api/v1/challenges/{lab.challenge['id']}"
    for action in ("freeze", "reveal"):
        lab.client.post(f"{path}/{action}", headers=lab.auth("admin"))
    after = preview_hashes(lab)

    assert len(during) == 200 and not during & hidden_hashes
    assert after & hidden_hashes  # the control: the first rows hold hidden ones


# --- model versions of a challenge --------------------------------------------

EXPLORER_GETS = ("layers", "samples", "layers/conv_1/filters")


@pytest.mark.parametrize("rest", EXPLORER_GETS)
def test_a_challenge_version_needs_its_teams_key(lab: Lab, rest: str) -> None:
    version = register_version(lab, "rouge-m", "team:red", lab.challenge["id"])
    path = f"{VISION}/models/rouge-m/versions/{version.version}/{rest}"

    anonymous = lab.client.get(path)
    other_team = lab.client.get(path, headers=lab.auth("blue"))
    own_team = lab.client.get(path, headers=lab.auth("red"))

    assert anonymous.status_code == 401
    assert anonymous.json()["type"] == "/problems/unauthorized"
    assert other_team.status_code == 404
    assert own_team.status_code == 502  # let through: the cnn is not running


def test_explorer_posts_on_a_challenge_version_are_refused_too(lab: Lab) -> None:
    version = register_version(lab, "rouge-m", "team:red", lab.challenge["id"])
    path = f"{VISION}/models/rouge-m/versions/{version.version}/grad-cam"

    anonymous = lab.client.post(
        path, content=b"x", headers={"Content-Type": "image/png"}
    )
    other = lab.client.post(
        path, content=b"x", headers={"Content-Type": "image/png", **lab.auth("blue")}
    )

    assert (anonymous.status_code, other.status_code) == (401, 404)


def test_a_report_of_a_challenge_version_needs_its_teams_key(lab: Lab) -> None:
    version = register_version(lab, "rouge-m", "team:red", lab.challenge["id"])
    body = {"model": "rouge-m", "version": version.version}

    anonymous = lab.client.post(f"{VISION}/reports", json=body)
    other = lab.client.post(f"{VISION}/reports", json=body, headers=lab.auth("blue"))
    own = lab.client.post(f"{VISION}/reports", json=body, headers=lab.auth("red"))

    assert (anonymous.status_code, other.status_code, own.status_code) == (
        401,
        404,
        502,
    )


def test_a_version_outside_challenges_stays_open(lab: Lab) -> None:
    version = register_version(lab, "libre", "team:red", None)

    response = lab.client.get(
        f"{VISION}/models/libre/versions/{version.version}/layers"
    )

    assert response.status_code == 502  # relayed without a key
