"""Sentiment serving benchmark: ``POST /api/v1/sentiment/predictions``, ArchiLab
against the two-hop floor (``serving_harness``), with one French review sentence;
then, on ArchiLab alone, a batch of 256 texts against one text (goal: <= 1 s).

    python bench/sentiment_serving.py                  # starts the lab
    python bench/sentiment_serving.py --stack-url http://127.0.0.1:8000

Exit status 0 when every request succeeded and every goal is met, 1 otherwise.
"""

from __future__ import annotations

import json
import statistics
import time

import httpx
from serving_harness import RequestBody, run_benchmark

PREDICTIONS_PATH = "/api/v1/sentiment/predictions"
SENTENCE = "Un film magnifique, des acteurs excellents, mais la fin est trop longue."
BATCH_SIZE = 256
BATCH_GOAL_SECONDS = 1.0
BATCH_REPEATS = 10


def json_body(payload: dict[str, object]) -> RequestBody:
    return RequestBody(json.dumps(payload).encode(), "application/json")


def describe(response: httpx.Response) -> str:
    first = response.json()["predictions"][0]
    return f"{first['label']} (p={first['probability']:.3f}, {first['language']})"


def median_seconds(url: str, request: RequestBody) -> float:
    timings = []
    headers = {"content-type": request.content_type}
    with httpx.Client(timeout=60) as client:
        client.post(url, content=request.body, headers=headers)  # warm-up
        for _ in range(BATCH_REPEATS):
            started = time.perf_counter()
            response = client.post(url, content=request.body, headers=headers)
            timings.append(time.perf_counter() - started)
            response.raise_for_status()
    return statistics.median(timings)


def measure_batch(base_url: str) -> bool:
    """256 mixed texts in one request, against one text, both on ArchiLab."""
    texts = [SENTENCE, "A dull film with a clumsy script and no surprises."] * (
        BATCH_SIZE // 2
    )
    url = base_url + PREDICTIONS_PATH
    one = median_seconds(url, json_body({"text": SENTENCE}))
    batch = median_seconds(url, json_body({"texts": texts}))
    ok = batch <= BATCH_GOAL_SECONDS
    print()
    print("| request | median s | x one text | goal |")
    print("|---|---:|---:|---|")
    print(f"| 1 text | {one:.4f} | 1.0x | |")
    print(f"| {BATCH_SIZE} texts (en + fr) | {batch:.4f} | {batch / one:.1f}x "
          f"| <= {BATCH_GOAL_SECONDS:g} s {'PASS' if ok else 'FAIL'} |")  # fmt: skip
    return ok


def main() -> int:
    return run_benchmark(
        "Sentiment serving",
        PREDICTIONS_PATH,
        json_body({"text": SENTENCE}),
        describe,
        extra=measure_batch,
    )


if __name__ == "__main__":
    raise SystemExit(main())
