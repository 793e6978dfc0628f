"""Sentiment serving benchmark: ``POST /api/v1/sentiment/predictions``, ArchiLab
against the two-hop floor (``serving_harness``), with one French review sentence;
then, on ArchiLab alone, against one text measured in the same run: a batch of
256 texts (goal: <= 1 s) and the inside of the French model's LSTM cell on a
50-word review (``.../cell-states``, goal: p50 <= 100 ms).

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
CELL_STATES_PATH = "/api/v1/sentiment/models/{name}/versions/{version}/cell-states"
# 50 words, with elisions (two tokens a word) and punctuation the model skips.
CELL_TEXT = (
    "J'attendais beaucoup de ce film et je n'ai pas été déçu : l'histoire est "
    "touchante, les acteurs sont justes et la musique accompagne chaque scène. "
    "Seul le début traîne un peu, mais la dernière demi-heure est magnifique et "
    "l'émotion monte jusqu'au générique. Une vraie réussite que je recommande "
    "vivement !"
)
CELL_GOAL_MS = 100.0
CELL_REPEATS = 30


def json_body(payload: dict[str, object]) -> RequestBody:
    return RequestBody(json.dumps(payload).encode(), "application/json")


def describe(response: httpx.Response) -> str:
    first = response.json()["predictions"][0]
    return f"{first['label']} (p={first['probability']:.3f}, {first['language']})"


def median_seconds(
    url: str, request: RequestBody, repeats: int = BATCH_REPEATS
) -> float:
    """The median of ``repeats`` requests one after the other, after a warm-up."""
    timings = []
    headers = {"content-type": request.content_type}
    with httpx.Client(timeout=60) as client:
        client.post(url, content=request.body, headers=headers)  # warm-up
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.post(url, content=request.body, headers=headers)
            timings.append(time.perf_counter() - started)
            response.raise_for_status()
    return statistics.median(timings)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def cell_states_url(base_url: str) -> str:
    """The cell-state route of the model that serves French."""
    answer = httpx.post(
        base_url + PREDICTIONS_PATH,
        json={"text": CELL_TEXT, "language": "fr"},
        timeout=60,
    )
    answer.raise_for_status()
    model = answer.json()["predictions"][0]["model"]
    return base_url + CELL_STATES_PATH.format(**model)


def measure_on_archilab(base_url: str) -> bool:
    """Against one text: 256 mixed texts in one request, and the LSTM's cell
    states of a 50-word review (p50 of sequential requests)."""
    texts = [SENTENCE, "A dull film with a clumsy script and no surprises."] * (
        BATCH_SIZE // 2
    )
    url = base_url + PREDICTIONS_PATH
    one = median_seconds(url, json_body({"text": SENTENCE}))
    batch = median_seconds(url, json_body({"texts": texts}))
    assert len(CELL_TEXT.split()) == 50
    cells = median_seconds(
        cell_states_url(base_url), json_body({"text": CELL_TEXT}), CELL_REPEATS
    )
    batch_ok = batch <= BATCH_GOAL_SECONDS
    cells_ok = cells * 1000 <= CELL_GOAL_MS
    print()
    print("| request | p50 s | x one text | goal |")
    print("|---|---:|---:|---|")
    print(f"| 1 text | {one:.4f} | 1.0x | |")
    print(f"| {BATCH_SIZE} texts (en + fr) | {batch:.4f} | {batch / one:.1f}x "
          f"| <= {BATCH_GOAL_SECONDS:g} s {verdict(batch_ok)} |")  # fmt: skip
    print(f"| cell states, 50 words (fr) | {cells:.4f} | {cells / one:.1f}x "
          f"| p50 <= {CELL_GOAL_MS:g} ms {verdict(cells_ok)} |")  # fmt: skip
    return batch_ok and cells_ok


def main() -> int:
    return run_benchmark(
        "Sentiment serving",
        PREDICTIONS_PATH,
        json_body({"text": SENTENCE}),
        describe,
        extra=measure_on_archilab,
    )


if __name__ == "__main__":
    raise SystemExit(main())
