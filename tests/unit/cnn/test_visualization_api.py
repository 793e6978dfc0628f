"""Explorer endpoints of the cnn service on a tiny two-conv model."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import keras
import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from lab_cnn.images import decode_image, prepare_digit
from lab_cnn.main import create_app
from lab_cnn.settings import Settings
from lab_cnn.visualization import PATTERN_METHOD, filter_pattern
from tests.conftest import encode_image, stroke_digit_one
from tests.unit.cnn.tiny_models import build_tiny_cnn, register_tiny_cnn

BASE = "/v1/models/digits/versions/1"


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("models")
    register_tiny_cnn(root, dataset_id="generated")
    return root


@pytest.fixture(scope="module")
def client(tiny_model_dir: Path) -> Iterator[TestClient]:
    settings = Settings(models_dir=tiny_model_dir, cache_dir=tiny_model_dir / "cache")
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def post_image(client: TestClient, path: str, **params: object) -> dict:
    png = encode_image(stroke_digit_one())
    response = client.post(path, params=params, files={"file": ("d.png", png)})
    assert response.status_code == 200, response.text
    body: dict = response.json()
    return body


def test_layers_report_shapes_parameters_and_receptive_fields(
    client: TestClient,
) -> None:
    layers = {
        layer["name"]: layer for layer in client.get(f"{BASE}/layers").json()["layers"]
    }

    assert layers["conv_1"]["output_shape"] == [28, 28, 4]
    assert layers["conv_1"]["parameters"] == 3 * 3 * 1 * 4 + 4
    assert layers["conv_1"]["receptive_field"] == 3
    assert layers["pool_1"]["receptive_field"] == 4
    assert layers["conv_2"]["receptive_field"] == 8
    assert layers["logits"]["receptive_field"] is None


def test_feature_maps_equal_a_direct_sub_model_computation(
    client: TestClient, tiny_model_dir: Path
) -> None:
    body = post_image(client, f"{BASE}/layers/relu_1/feature-maps")
    model = keras.saving.load_model(tiny_model_dir / "digits" / "1" / "model.keras")
    image = prepare_digit(decode_image(encode_image(stroke_digit_one()),
                                       max_side_pixels=4096).image)  # fmt: skip
    direct = keras.Model(model.input, model.get_layer("relu_1").output)(
        image[np.newaxis, ..., np.newaxis]
    )

    served = np.moveaxis(np.array(body["maps"]), 0, -1)
    np.testing.assert_allclose(served, np.asarray(direct)[0], atol=1e-5)
    assert body["shape"] == [28, 28, 4]


def test_feature_maps_report_zero_fraction_per_channel(client: TestClient) -> None:
    body = post_image(client, f"{BASE}/layers/relu_1/feature-maps")

    maps = np.array(body["maps"])
    expected = [(channel <= 0).mean() for channel in maps]
    np.testing.assert_allclose(body["zero_fraction"], expected)


def test_feature_maps_of_a_dense_layer_name_the_qualifying_layers(
    client: TestClient,
) -> None:
    png = encode_image(stroke_digit_one())

    response = client.post(
        f"{BASE}/layers/logits/feature-maps", files={"file": ("d.png", png)}
    )

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/layer-not-spatial"
    assert "conv_1" in response.json()["detail"]


def test_unknown_layer_is_a_404_problem(client: TestClient) -> None:
    png = encode_image(stroke_digit_one())

    response = client.post(
        f"{BASE}/layers/nope/feature-maps", files={"file": ("d.png", png)}
    )

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/layer-not-found"


def test_unknown_version_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/models/digits/versions/9/layers")

    assert response.status_code == 404
    assert response.json()["type"] == "/problems/model-not-found"


def test_a_damaged_model_file_is_a_503_problem_not_a_crash(
    client: TestClient, tiny_model_dir: Path
) -> None:
    damaged = tiny_model_dir / "damaged"
    shutil.copytree(tiny_model_dir / "digits", damaged)
    (damaged / "1" / "model.keras").write_bytes(b"cut short")

    response = client.get("/v1/models/damaged/versions/1/layers")

    assert response.status_code == 503
    assert response.json()["type"] == "/problems/model-unavailable"
    assert response.json()["params"] == {"name": "damaged", "version": "1"}


def test_grad_cam_returns_a_normalised_input_sized_heatmap(client: TestClient) -> None:
    body = post_image(client, f"{BASE}/grad-cam", **{"class": 3})

    heatmap = np.array(body["heatmap"])
    assert heatmap.shape == (28, 28)
    assert heatmap.min() >= 0.0
    assert heatmap.max() <= 1.0 + 1e-6
    assert body["class_index"] == 3
    assert body["layer"] == "conv_2"


def test_grad_cam_rejects_a_class_out_of_range(client: TestClient) -> None:
    png = encode_image(stroke_digit_one())

    response = client.post(
        f"{BASE}/grad-cam", params={"class": 10}, files={"file": ("d.png", png)}
    )

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/validation"


PNG_ACCEPT = {"accept": "image/png"}


def post_for_png(client: TestClient, path: str, **params: object) -> Image.Image:
    png = encode_image(stroke_digit_one())
    response = client.post(
        path, params=params, headers=PNG_ACCEPT, files={"file": ("d.png", png)}
    )
    assert response.headers["content-type"] == "image/png", response.text
    return Image.open(io.BytesIO(response.content))


def test_feature_maps_as_png_are_a_grid_described_by_headers(
    client: TestClient,
) -> None:
    png = encode_image(stroke_digit_one())

    response = client.post(f"{BASE}/layers/relu_1/feature-maps", headers=PNG_ACCEPT,
                           files={"file": ("d.png", png)})  # fmt: skip

    image = Image.open(io.BytesIO(response.content))
    columns = int(response.headers["x-grid-columns"])
    tile = int(response.headers["x-tile-size"])
    assert columns == 2  # 4 channels in a 2x2 grid
    assert image.size == (2 * tile + 1, 2 * tile + 1)


def test_one_feature_map_as_png_is_enlarged(client: TestClient) -> None:
    image = post_for_png(client, f"{BASE}/layers/relu_1/feature-maps", channel=2)

    assert image.size[0] >= 224


def test_feature_map_channel_out_of_range_is_a_422_problem(client: TestClient) -> None:
    png = encode_image(stroke_digit_one())

    response = client.post(f"{BASE}/layers/relu_1/feature-maps", params={"channel": 4},
                           files={"file": ("d.png", png)})  # fmt: skip

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/filter-index-out-of-range"


def test_filters_as_json_are_filters_by_channels_by_kernel(client: TestClient) -> None:
    body = client.get(f"{BASE}/layers/conv_2/filters").json()

    assert body["shape"] == [6, 4, 3, 3]
    assert np.array(body["kernels"]).shape == (6, 4, 3, 3)


def test_one_filter_as_png(client: TestClient) -> None:
    response = client.get(f"{BASE}/layers/conv_1/filters", params={"index": 3},
                          headers=PNG_ACCEPT)  # fmt: skip

    assert response.headers["content-type"] == "image/png"


def test_filters_of_an_activation_layer_are_a_422_problem(client: TestClient) -> None:
    response = client.get(f"{BASE}/layers/relu_1/filters")

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/layer-not-convolutional"


def test_filter_index_out_of_range_is_a_422_problem(client: TestClient) -> None:
    response = client.get(f"{BASE}/layers/conv_1/filters/4/pattern")

    assert response.status_code == 422
    assert response.json()["type"] == "/problems/filter-index-out-of-range"


def test_filter_pattern_is_computed_once_then_cached(
    client: TestClient, tiny_model_dir: Path
) -> None:
    first = client.get(f"{BASE}/layers/conv_2/filters/1/pattern")
    cached = (
        tiny_model_dir / "cache" / "patterns" / PATTERN_METHOD / "digits" / "1"
    ) / "conv_2-1.png"
    stored = cached.read_bytes()
    second = client.get(f"{BASE}/layers/conv_2/filters/1/pattern")

    assert first.headers["content-type"] == "image/png"
    assert first.content == stored == second.content


def test_layers_name_the_convolution_behind_each_map(client: TestClient) -> None:
    layers = {
        layer["name"]: layer for layer in client.get(f"{BASE}/layers").json()["layers"]
    }

    assert layers["relu_1"]["conv_layer"] == "conv_1"
    assert layers["conv_2"]["conv_layer"] == "conv_2"
    assert layers["logits"]["conv_layer"] is None


def test_grad_cam_as_png_is_an_rgb_overlay(client: TestClient) -> None:
    image = post_for_png(client, f"{BASE}/grad-cam")

    assert image.mode == "RGB"
    assert image.size[0] >= 224


def test_saliency_is_a_normalised_map_of_input_size(client: TestClient) -> None:
    body = post_image(client, f"{BASE}/saliency", **{"class": 1})

    heatmap = np.array(body["heatmap"])
    assert heatmap.shape == (28, 28)
    assert heatmap.max() == pytest.approx(1.0)
    assert heatmap.min() >= 0.0
    assert body["class_index"] == 1
    assert body["layer"] == "input"


@pytest.mark.parametrize(
    ("layer", "index"), [("relu_1", 0), ("relu_1", 3), ("conv_2", 5)]
)
def test_a_filter_pattern_excites_its_filter_more_than_grey(
    layer: str, index: int
) -> None:
    model = build_tiny_cnn()
    pattern = filter_pattern(model, layer, index)
    extractor = keras.Model(model.input, model.get_layer(layer).output)

    def response(image: np.ndarray) -> float:
        return float(np.asarray(extractor(image[np.newaxis]))[0, ..., index].mean())

    grey = np.full_like(pattern, 0.5)
    assert response(pattern) > response(grey) + 0.05
