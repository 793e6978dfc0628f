"""Models trained by jobs on 32x32 RGB images (CIFAR-10, uploads) in the cnn service.

The digit preparation (crop to the ink, centre by mass) is for 28x28 grey
models only; any other input shape gets the whole picture resized, as the
dataset import did for training.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from lab_cnn.images import prepare_input
from lab_cnn.main import create_app
from lab_cnn.settings import Settings
from tests.conftest import encode_image
from tests.unit.cnn.tiny_models import register_tiny_cnn

RGB_SHAPE = (32, 32, 3)
NAME = "photos"
BASE = f"/v1/models/{NAME}/versions/1"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("models")
    register_tiny_cnn(root, dataset_id="generated", name=NAME, input_shape=RGB_SHAPE)
    settings = Settings(models_dir=root, cache_dir=root / "cache", model_name=NAME)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def photo_png() -> bytes:
    """A 60x40 picture: red left half, blue right half."""
    pixels = np.zeros((40, 60, 3), np.uint8)
    pixels[:, :30, 0] = 255
    pixels[:, 30:, 2] = 255
    return encode_image(pixels)


def test_prepare_input_resizes_a_picture_for_an_rgb_model() -> None:
    image = Image.new("RGB", (60, 40), (255, 0, 0))

    pixels = prepare_input(image, RGB_SHAPE)

    assert pixels.shape == RGB_SHAPE and pixels.dtype == np.float32
    assert np.allclose(pixels[..., 0], 1.0) and np.allclose(pixels[..., 1:], 0.0)


def test_prepare_input_lays_transparency_on_white() -> None:
    image = Image.new("RGBA", (10, 10), (0, 0, 0, 0))

    pixels = prepare_input(image, RGB_SHAPE)

    assert np.allclose(pixels, 1.0)


def test_an_rgb_model_serves_predictions(client: TestClient) -> None:
    response = client.post("/v1/predictions", files={"file": ("p.png", photo_png())})

    assert response.status_code == 200, response.text
    assert response.json()["model"]["name"] == NAME


@pytest.mark.parametrize(
    "path", ["/layers/relu_1/feature-maps", "/grad-cam", "/saliency"]
)
def test_an_rgb_model_can_be_explored(client: TestClient, path: str) -> None:
    response = client.post(BASE + path, files={"file": ("p.png", photo_png())})

    assert response.status_code == 200, response.text


def test_an_rgb_grad_cam_overlay_is_a_colour_png(client: TestClient) -> None:
    response = client.post(
        f"{BASE}/grad-cam",
        files={"file": ("p.png", photo_png())},
        headers={"Accept": "image/png"},
    )

    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")
