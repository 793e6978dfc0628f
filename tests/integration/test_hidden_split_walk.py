"""Every route of the OpenAPI, without a key and with a team key, on the running
lab with an open chiffres-dense challenge: no answer holds a hidden image or the
hidden labels.

Path parameters are the real ids: the challenge, the team's model version made in
it, the team's job, a report of that version. Bodies are minimal: ``{}`` for JSON,
a drawn digit for image routes. Every image an answer carries (base64 PNG in JSON,
PNG bodies, PNG data URLs in HTML) is decoded and compared with the 1,500 hidden
images, exactly (pixel hash) and within two grey levels; every list of integers
as long as a hidden split is compared with that split's labels.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import re
import time
from typing import Any

import httpx
import numpy as np
import pytest
from PIL import Image, UnidentifiedImageError

from lab_common.challenges.data import draw_splits, pool_of
from lab_common.challenges.hidden import pixel_sha256
from lab_common.challenges.templates import HIDDEN_SPLITS, TEMPLATES
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.datasets.splits import SplitManifest
from tests.conftest import LabStack, encode_image, stroke_digit_one
from tests.integration.test_challenges_stack import wait_for
from tests.integration.test_training_jobs_stack import create_team_key

pytestmark = pytest.mark.integration

SEED = 23
API = "/api/v1"
TEAM_JOB = {
    "task": "image-classification",
    "dataset": "mnist-5k",
    "architecture": "dense",
    "learning_rate": 0.003,
    "epochs": 1,
    "batch_size": 128,
}
STREAM_SECONDS = 3.0  # an SSE answer is read this long, then left
DATA_URL = re.compile(rb"data:image/png;base64,([A-Za-z0-9+/=]+)")
NEAR_GREY_LEVELS = 2


class HiddenSplit:
    """The challenge's hidden images and labels, from its split indices."""

    def __init__(self, manifest: dict[str, Any]) -> None:
        images, labels = pool_of(load_image_dataset("mnist-5k", None, None))
        splits = draw_splits(TEMPLATES["chiffres-dense"], labels, SEED)
        recorded = SplitManifest.model_validate(manifest).splits
        assert splits.manifest().splits == recorded
        rows = np.concatenate([splits[name] for name in HIDDEN_SPLITS])
        self.images = images[rows][..., 0].astype(np.int16)
        self.hashes = {pixel_sha256(image) for image in images[rows]}
        self.labels = [labels[splits[name]].tolist() for name in HIDDEN_SPLITS]
        self.validation = {pixel_sha256(images[row]) for row in splits["validation"]}

    def holds(self, pixels: np.ndarray) -> bool:
        if pixel_sha256(pixels) in self.hashes:
            return True
        grey = pixels[..., 0] if pixels.ndim == 3 and pixels.shape[-1] == 1 else pixels
        if grey.shape != self.images.shape[1:]:
            return False
        distance = np.abs(self.images - grey.astype(np.int16)).max(axis=(1, 2))
        return bool((distance <= NEAR_GREY_LEVELS).any())


def decode_png(data: bytes) -> np.ndarray | None:
    try:
        return np.asarray(Image.open(io.BytesIO(data)))
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def images_in_json(value: Any) -> list[np.ndarray]:
    found: list[np.ndarray] = []
    if isinstance(value, dict):
        for item in value.values():
            found += images_in_json(item)
    elif isinstance(value, list):
        array = np.asarray(value) if value and isinstance(value[0], list) else None
        if array is not None and array.dtype.kind in "iuf" and array.ndim >= 2:
            found.append(
                np.clip(
                    np.rint(array * (255 if array.max() <= 1 else 1)), 0, 255
                ).astype(np.uint8)
            )
        for item in value:
            found += images_in_json(item)
    elif isinstance(value, str) and len(value) > 64:
        text = value.split(",", 1)[1] if value.startswith("data:image") else value
        try:
            pixels = decode_png(base64.b64decode(text, validate=True))
        except (binascii.Error, ValueError):
            pixels = None
        if pixels is not None:
            found.append(pixels)
    return found


def int_lists(value: Any) -> list[list[int]]:
    if isinstance(value, dict):
        return [found for item in value.values() for found in int_lists(item)]
    if isinstance(value, list):
        own = [value] if value and all(isinstance(v, int) for v in value) else []
        return own + [found for item in value for found in int_lists(item)]
    return []


def check_answer(hidden: HiddenSplit, where: str, answer: httpx.Response) -> int:
    """Assert the answer shows no hidden example; how many images it held."""
    kind = answer.headers.get("content-type", "")
    body = answer.content
    images: list[np.ndarray] = []
    if "json" in kind:
        payload = json.loads(body)
        images = images_in_json(payload)
        for numbers in int_lists(payload):
            assert numbers not in hidden.labels, f"{where}: hidden labels"
    elif kind.startswith("image/"):
        pixels = decode_png(body)
        images = [] if pixels is None else [pixels]
    else:  # HTML, CSV, text, SSE: inlined PNGs
        images = [
            pixels
            for match in DATA_URL.finditer(body)
            if (pixels := decode_png(base64.b64decode(match.group(1)))) is not None
        ]
    for pixels in images:
        assert not hidden.holds(pixels), f"{where}: a hidden image"
    return len(images)


def call(client: httpx.Client, method: str, url: str, **options: Any) -> httpx.Response:
    """The answer, an endless stream (SSE) read for ``STREAM_SECONDS`` only."""
    with client.stream(method, url, **options) as answer:
        chunks = []
        started = time.monotonic()
        for chunk in answer.iter_bytes():
            chunks.append(chunk)
            if time.monotonic() - started > STREAM_SECONDS:
                break
    return httpx.Response(
        answer.status_code, headers=answer.headers, content=b"".join(chunks)
    )


def request_options(operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("requestBody", {}).get("content", {})
    if "image/png" in content or any(kind.startswith("image/") for kind in content):
        png = encode_image(stroke_digit_one())
        return {"content": png, "headers": {"Content-Type": "image/png"}}
    if "multipart/form-data" in content and "application/json" not in content:
        return {"files": {"file": ("a.zip", b"", "application/zip")}}
    return {"json": {}}


@pytest.fixture(scope="module")
def challenge_lab(lab_stack: LabStack) -> dict[str, Any]:
    """An open challenge, the team's model version made in it and its report."""
    admin = lab_stack.admin_headers()
    team = create_team_key(lab_stack, "walk")
    with httpx.Client(base_url=lab_stack.base_url, timeout=60) as api:
        challenge = api.post(
            f"{API}/challenges",
            json={"template": "chiffres-dense", "seed": SEED},
            headers=admin,
        ).json()
        api.post(f"{API}/challenges/{challenge['id']}/open", headers=admin)
        job = api.post(
            f"{API}/training-jobs",
            json={**TEAM_JOB, "challenge_id": challenge["id"]},
            headers=team,
        ).json()
        done = wait_for(
            lambda: api.get(f"{API}/training-jobs/{job['id']}", headers=team).json(),
            lambda value: value["status"] in ("succeeded", "failed", "cancelled"),
            "team job",
        )
        assert done["status"] == "succeeded", done
        model = {"model": done["model_name"], "version": done["model_version"]}
        report = api.post(f"{API}/vision/reports", json=model, headers=team).json()
        wait_for(
            lambda: api.get(f"{API}/vision/reports/{report['id']}", headers=team),
            lambda answer: answer.json()["status"] in ("succeeded", "failed"),
            "report",
        )
        layers = api.get(
            f"{API}/vision/models/{model['model']}/versions/{model['version']}/layers",
            headers=team,
        ).json()
    return {
        "team": team,
        "challenge": challenge,
        "params": {
            "challenge_id": challenge["id"],
            "name": model["model"],
            "version": model["version"],
            "layer": layers["layers"][0]["name"],
            "index": "0",
            "job_id": job["id"],
            "dataset_id": "mnist-5k",
            "kind": "html",
            "action": "open",
        },
        "report_id": report["id"],
    }


def test_no_route_returns_a_hidden_example(
    lab_stack: LabStack, challenge_lab: dict[str, Any]
) -> None:
    hidden = HiddenSplit(challenge_lab["challenge"]["manifest"])
    params = challenge_lab["params"]
    seen_images = 0
    calls = 0
    with httpx.Client(base_url=lab_stack.base_url, timeout=60) as api:
        paths = api.get("/api/openapi.json").json()["paths"]
        for template, operations in paths.items():
            for method in ("get", "post"):
                if method not in operations:
                    continue
                values = dict(params)
                if template.startswith(f"{API}/vision/reports/"):
                    values["job_id"] = challenge_lab["report_id"]
                url = template.format(**values)
                for headers in ({}, challenge_lab["team"]):
                    options = request_options(operations[method])
                    options["headers"] = {**options.get("headers", {}), **headers}
                    answer = call(api, method.upper(), url, **options)
                    calls += 1
                    where = (
                        f"{method.upper()} {url} ({'team' if headers else 'no key'})"
                    )
                    seen_images += check_answer(hidden, where, answer)

    assert calls >= 80
    assert seen_images >= 10  # the walk did meet images (samples, report, preview)


def test_the_team_models_samples_are_validation_images(
    lab_stack: LabStack, challenge_lab: dict[str, Any]
) -> None:
    hidden = HiddenSplit(challenge_lab["challenge"]["manifest"])
    params = challenge_lab["params"]
    path = f"{API}/vision/models/{params['name']}/versions/{params['version']}/samples"

    answer = httpx.get(
        f"{lab_stack.base_url}{path}?per_class=3", headers=challenge_lab["team"]
    )
    anonymous = httpx.get(f"{lab_stack.base_url}{path}")

    shown = {pixel_sha256(pixels) for pixels in images_in_json(answer.json())}
    assert answer.json()["split"] == "validation"
    assert len(shown) == 30 and shown <= hidden.validation
    assert anonymous.status_code == 401
