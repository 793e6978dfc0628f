"""Top-1 accuracy over HTTP on held-out MNIST PNGs, canvas-like drawings and
generated phone photos of digits on paper (``tests/photos.py``, fixed seeds).

    python bench/photo_accuracy.py --url http://127.0.0.1:8000/api/v1/vision/predictions
    # or a cnn app alone: --url http://127.0.0.1:8001/v1/predictions

Only HTTP reaches the server, so the same script measures any version of the
code: start that version's lab (or cnn app) and point ``--url`` at it. Prints
each set's accuracy, the photos' accuracy per condition, and how many answers
carried input warnings. Exit status 0 unless a request failed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import httpx

# The generator lives with the tests; run from anywhere in the repository.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.photos import Sample, canvas_samples, mnist_samples, photo_samples  # noqa: E402


def classify(client: httpx.Client, url: str, sample: Sample) -> dict:
    response = client.post(url, files={"file": ("upload", sample.data)})
    if response.status_code != 200:
        return {"label": None, "warnings": [f"HTTP {response.status_code}"]}
    body = response.json()
    warnings = [w["code"] for w in body.get("input_warnings", [])]
    return {"label": body["predictions"][0]["label"], "warnings": warnings}


def measure(client: httpx.Client, url: str, samples: Iterable[Sample]) -> dict:
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    warned: Counter[str] = Counter()
    failed = 0
    for sample in samples:
        answer = classify(client, url, sample)
        failed += answer["label"] is None
        seen[sample.condition] += 1
        right[sample.condition] += answer["label"] == str(sample.label)
        warned.update(answer["warnings"])
    return {"right": right, "seen": seen, "warned": warned, "failed": failed}


def percent(right: int, seen: int) -> str:
    return f"{100 * right / seen:5.1f} % ({right}/{seen})"


def report(name: str, result: dict, per_condition: bool) -> None:
    right, seen = result["right"], result["seen"]
    print(f"{name:<22} {percent(sum(right.values()), sum(seen.values()))}")
    if per_condition:
        for condition in seen:
            print(f"  {condition:<20} {percent(right[condition], seen[condition])}")
    if result["warned"] or result["failed"]:
        print(f"  warnings {dict(result['warned'])}, failed {result['failed']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="the predictions endpoint")
    parser.add_argument("--mnist", type=int, default=1000, help="held-out digits")
    parser.add_argument("--canvas", type=int, default=200, help="canvas drawings")
    parser.add_argument("--photos", type=int, default=400, help="paper photos")
    args = parser.parse_args()

    failed = 0
    with httpx.Client(timeout=60) as client:
        sets = [
            ("held-out MNIST (PNG)", mnist_samples(args.mnist), False),
            ("canvas drawings", canvas_samples(args.canvas), True),
            ("paper photos", photo_samples(args.photos), True),
        ]
        for name, samples, per_condition in sets:
            result = measure(client, args.url, samples)
            report(name, result, per_condition)
            failed += result["failed"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
