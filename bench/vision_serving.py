"""Vision serving benchmark: ``POST /api/v1/vision/predictions``, ArchiLab
against the two-hop floor (``serving_harness``), with a held-out PNG digit.

    python bench/vision_serving.py                  # or: make bench
    python bench/vision_serving.py --floor-only     # the floor alone
    python bench/vision_serving.py --stack-url http://127.0.0.1:8000   # running lab

Exit status 0 when every request succeeded and both goals are met, 1 otherwise.
"""

from __future__ import annotations

import io

import httpx
from PIL import Image
from serving_harness import RequestBody, run_benchmark

PREDICTIONS_PATH = "/api/v1/vision/predictions"


def encode_digit_upload() -> tuple[RequestBody, int]:
    """A held-out MNIST digit as PNG, in a multipart body under field ``file``."""
    from lab_common.datasets.image_readers import load_mnist_5k

    dataset = load_mnist_5k()
    buffer = io.BytesIO()
    Image.fromarray(dataset.x_test[0].reshape(28, 28)).save(buffer, format="PNG")
    files = {"file": ("digit.png", buffer.getvalue(), "image/png")}
    request = httpx.Request("POST", "http://bench.invalid/", files=files)
    body = RequestBody(
        body=request.read(), content_type=request.headers["content-type"]
    )
    return body, int(dataset.y_test[0])


def describe(response: httpx.Response) -> str:
    best = response.json()["predictions"][0]
    return f"label {best['label']} (p={best['probability']:.3f})"


def main() -> int:
    upload, label = encode_digit_upload()
    print(f"Image: a held-out MNIST {label}, {len(upload.body)} bytes multipart")
    return run_benchmark("Vision serving", PREDICTIONS_PATH, upload, describe)


if __name__ == "__main__":
    raise SystemExit(main())
