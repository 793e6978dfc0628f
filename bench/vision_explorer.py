"""Benchmark: explorer computations inside the cnn service, against a prediction.

Loads the production ``digits`` model from a registry (default: the repository's
``.archilab/models``, trained by ``make run``), then times, for one held-out
MNIST digit, the same plain functions the endpoints call: the feature maps of
every spatial layer, Grad-CAM and saliency. The baseline, measured in the same
run, is one compiled prediction. Goal: p50 <= 100 ms for feature maps and
Grad-CAM.

    .venv/bin/python bench/vision_explorer.py [--models-dir DIR] [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from lab_cnn.model_store import load_classifier
from lab_cnn.visualization import feature_maps, grad_cam, saliency, spatial_layer_names
from lab_common.datasets.image_readers import load_mnist_5k
from lab_common.registry import ModelRegistry

GOAL_MS = 100.0


def p50_ms(action: Callable[[], object], repeats: int) -> float:
    action()  # warm-up: traces and builds sub-models once
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models-dir", type=Path, default=Path(".archilab/models"))
    parser.add_argument("--repeats", type=int, default=50)
    args = parser.parse_args()

    classifier = load_classifier(ModelRegistry(args.models_dir), "digits")
    model = classifier.model
    image = load_mnist_5k().x_test[0].astype(np.float32) / 255.0
    batch = image[np.newaxis]

    rows = [("prediction (baseline)", p50_ms(lambda: classifier.predict_batch(batch),
                                             args.repeats))]  # fmt: skip
    for layer in spatial_layer_names(model):
        rows.append((f"feature maps {layer}",
                     p50_ms(lambda layer=layer: feature_maps(model, layer, image),
                            args.repeats)))  # fmt: skip
    rows.append(
        ("grad-cam", p50_ms(lambda: grad_cam(model, image, None), args.repeats))
    )
    rows.append(
        ("saliency", p50_ms(lambda: saliency(model, image, None), args.repeats))
    )

    baseline = rows[0][1]
    print(f"digits v{classifier.metadata.version}, {args.repeats} repeats, p50\n")
    print("| computation | p50 ms | x prediction | goal <= 100 ms |")
    print("|---|---:|---:|---|")
    failed = False
    for name, milliseconds in rows:
        passed = milliseconds <= GOAL_MS
        failed |= not passed
        print(f"| {name} | {milliseconds:.2f} | {milliseconds / baseline:.1f}x | "
              f"{'PASS' if passed else 'FAIL'} |")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
