"""The validation images behind a confusion-matrix cell, for a version and a
challenge's baseline: the right images, the same access rules, never a hidden one.

The real gateway app on a SQLite job store and the real Redis (db 12, where the
baseline job is queued; no worker runs). Versions are registered by hand with
known positions; the images are checked against mnist-5k drawn here.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from lab_common.challenges.data import draw_splits, pool_of, training_view
from lab_common.challenges.hidden import pixel_sha256
from lab_common.challenges.templates import HIDDEN_SPLITS, TEMPLATES
from lab_common.confusion import ConfusedCell
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.datasets.images import ImageDataset
from lab_common.datasets.splits import validation_rows
from lab_common.jobs import JobStatus
from lab_common.registry import DatasetRef, ModelMetadata
from tests.unit.gateway.labs import ChallengeLab, gateway_lab

REDIS_URL = "redis://127.0.0.1:6379/12"
MODELS = "/api/v1/models"
CHALLENGES = "/api/v1/challenges"
SEED = 11  # the challenge's
JOB_SEED, SHARE = 5, 0.2  # an ordinary job's validation split
TRUE, PREDICTED = 3, 5
UNAVAILABLE = "/problems/confused-examples-unavailable"


Lab = ChallengeLab


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    with gateway_lab(tmp_path, Lab, redis_url=REDIS_URL) as running:
        running.challenge = running.open_challenge(seed=SEED)
        yield running


def digits() -> ImageDataset:
    return load_image_dataset("mnist-5k", None, None)


def challenge_splits() -> Any:
    return draw_splits(TEMPLATES["chiffres-dense"], pool_of(digits())[1], SEED)


def hidden_hashes() -> set[str]:
    images = pool_of(digits())[0]
    splits = challenge_splits()
    return {pixel_sha256(images[r]) for n in HIDDEN_SPLITS for r in splits[n]}


def decode(data_url: str) -> np.ndarray:
    prefix = "data:image/png;base64,"
    assert data_url.startswith(prefix)
    pixels = np.asarray(
        Image.open(io.BytesIO(base64.b64decode(data_url[len(prefix) :])))
    )
    return pixels[..., np.newaxis]


def cell_of(labels: np.ndarray, count: int) -> ConfusedCell:
    """A hand-made cell: the first ``count`` validation rows of class TRUE."""
    positions = np.flatnonzero(labels == TRUE)[:count].tolist()
    return ConfusedCell(
        true_class=TRUE,
        predicted_class=PREDICTED,
        positions=positions,
        probabilities=[0.5 + i / 100 for i in range(len(positions))],
    )


def register(
    lab: Lab,
    name: str,
    *,
    owner: str = "team:red",
    challenge_id: str | None = None,
    validation: np.ndarray | None = None,
    task: str = "image-classification",
    keep_cells: bool = True,
) -> ModelMetadata:
    labels = np.zeros(0, dtype=np.int64) if validation is None else validation
    confusion = [[0] * 10 for _ in range(10)]
    confusion[TRUE][PREDICTED] = 20
    metadata = ModelMetadata(
        name=name,
        task=task,  # type: ignore[arg-type]
        class_names=[str(i) for i in range(10)],
        input_shape=[28, 28, 1] if task == "image-classification" else [],
        dataset=DatasetRef(id="mnist-5k", splits={"validation": len(labels)}),
        training_config={
            "challenge_id": challenge_id,
            "seed": JOB_SEED,
            "validation_share": SHARE,
        },
        duration_seconds=0.0,
        owner=owner,
        validation_confusion=confusion,
        validation_confused=[cell_of(labels, 8)] if keep_cells else None,
    )
    return lab.registry.register(
        metadata, lambda folder: (folder / "model.keras").write_bytes(b"")
    )


def job_validation() -> tuple[np.ndarray, np.ndarray]:
    data = digits()
    _, rows = validation_rows(len(data.y_train), SHARE, JOB_SEED)
    return data.x_train[rows], data.y_train[rows]


def challenge_validation() -> tuple[np.ndarray, np.ndarray]:
    view = training_view(digits(), challenge_splits())
    return view.x_test, view.y_test


def finish_baseline(lab: Lab) -> ModelMetadata:
    images, labels = challenge_validation()
    stored = register(
        lab,
        "baseline",
        owner="admin",
        challenge_id=lab.challenge["id"],
        validation=labels,
    )
    job_id = lab.challenge["baseline_job_id"]
    lab.store.start_attempt(job_id, worker="w")
    lab.store.finish(
        job_id,
        JobStatus.SUCCEEDED,
        model_name=stored.name,
        model_version=stored.version,
    )
    return stored


def confusions(lab: Lab, url: str, who: str | None = "red", **query: Any) -> Any:
    params = {"true": TRUE, "predicted": PREDICTED, **query}
    headers = lab.auth(who) if who else {}
    return lab.client.get(url, params=params, headers=headers)


# --- an ordinary version -----------------------------------------------------


def test_a_versions_cell_shows_its_validation_images_in_stored_order(
    lab: Lab,
) -> None:
    images, labels = job_validation()
    stored = register(lab, "digits-dense", validation=labels)
    cell = stored.validation_confused[0]  # type: ignore[index]

    response = confusions(lab, f"{MODELS}/digits-dense/versions/1/confusions")

    assert response.status_code == 200, response.text
    answer = response.json()
    assert (answer["true_name"], answer["predicted_name"], answer["count"]) == (
        "3",
        "5",
        20,
    )
    shown = {e["position"]: e for e in answer["examples"]}
    assert len(shown) + answer["left_out"] == len(cell.positions) == 8
    for position, probability in zip(cell.positions, cell.probabilities, strict=True):
        if position in shown:
            assert np.array_equal(
                decode(shown[position]["png_data_url"]), images[position]
            )
            assert shown[position]["probability"] == probability


def test_a_versions_cell_never_shows_an_image_a_challenge_hides(lab: Lab) -> None:
    _, labels = job_validation()
    register(lab, "digits-dense", validation=labels)
    hidden = hidden_hashes()

    answer = confusions(lab, f"{MODELS}/digits-dense/versions/1/confusions").json()

    shown = [pixel_sha256(decode(e["png_data_url"])) for e in answer["examples"]]
    assert not hidden & set(shown)


def test_a_cell_without_mistakes_has_no_examples(lab: Lab) -> None:
    _, labels = job_validation()
    register(lab, "digits-dense", validation=labels)

    response = confusions(
        lab, f"{MODELS}/digits-dense/versions/1/confusions", true=1, predicted=7
    )

    assert response.status_code == 200
    assert response.json()["examples"] == []


@pytest.mark.parametrize("query", [{"true": 4, "predicted": 4}, {"true": 10}])
def test_a_diagonal_or_unknown_class_is_422(lab: Lab, query: dict[str, int]) -> None:
    _, labels = job_validation()
    register(lab, "digits-dense", validation=labels)

    response = confusions(lab, f"{MODELS}/digits-dense/versions/1/confusions", **query)

    assert (response.status_code, response.json()["type"]) == (422, UNAVAILABLE)


def test_a_version_that_kept_no_examples_is_422_saying_so(lab: Lab) -> None:
    register(lab, "older", keep_cells=False)

    response = lab.client.get(
        f"{MODELS}/older/versions/1/confusions",
        params={"true": TRUE, "predicted": PREDICTED},
        headers={"Accept-Language": "en"},
    )

    assert (response.status_code, response.json()["type"]) == (422, UNAVAILABLE)
    assert "kept no confused examples" in response.json()["detail"]


def test_a_text_model_is_422_the_view_is_for_image_models(lab: Lab) -> None:
    register(lab, "sentiment", task="text-classification", keep_cells=False)

    response = confusions(lab, f"{MODELS}/sentiment/versions/1/confusions")

    assert (response.status_code, response.json()["type"]) == (422, UNAVAILABLE)
    assert "modèles d'images" in response.json()["detail"]


def test_an_unknown_version_is_404(lab: Lab) -> None:
    response = confusions(lab, f"{MODELS}/nothing/versions/1/confusions")

    assert (response.status_code, response.json()["type"]) == (
        404,
        "/problems/model-not-found",
    )


# --- a challenge's versions and its baseline --------------------------------


def test_a_challenge_version_needs_its_teams_key(lab: Lab) -> None:
    _, labels = challenge_validation()
    register(lab, "red-try", challenge_id=lab.challenge["id"], validation=labels)
    url = f"{MODELS}/red-try/versions/1/confusions"

    assert confusions(lab, url, who=None).status_code == 401
    assert confusions(lab, url, who="blue").status_code == 404
    assert confusions(lab, url, who="red").status_code == 200


def test_the_baseline_cell_shows_challenge_validation_images_only(lab: Lab) -> None:
    stored = finish_baseline(lab)
    images, _ = challenge_validation()
    cell = stored.validation_confused[0]  # type: ignore[index]
    hidden = hidden_hashes()

    response = confusions(
        lab, f"{CHALLENGES}/{lab.challenge['id']}/baseline/confusions"
    )

    assert response.status_code == 200, response.text
    examples = response.json()["examples"]
    assert [e["position"] for e in examples] == cell.positions
    for example in examples:
        pixels = decode(example["png_data_url"])
        assert np.array_equal(pixels, images[example["position"]])
        assert pixel_sha256(pixels) not in hidden


def test_the_baseline_cells_need_a_key(lab: Lab) -> None:
    finish_baseline(lab)
    url = f"{CHALLENGES}/{lab.challenge['id']}/baseline/confusions"

    response = confusions(lab, url, who=None)

    assert (response.status_code, response.json()["type"]) == (
        401,
        "/problems/unauthorized",
    )


def test_a_baseline_not_yet_trained_is_404(lab: Lab) -> None:
    url = f"{CHALLENGES}/{lab.challenge['id']}/baseline/confusions"

    response = confusions(lab, url)

    assert (response.status_code, response.json()["type"]) == (
        404,
        "/problems/model-not-found",
    )
