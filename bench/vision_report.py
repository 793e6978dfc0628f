"""Benchmark: writing the analysis report of the default model.

Loads the production ``digits`` model (default registry: ``.archilab/models``,
trained by ``make run``) and writes its report in the same function the report
job calls, cold (empty pattern cache, first traces) then warm, in French and
English. The baseline, measured in the same run, is one plain evaluation pass
over the test split (``classifier.predict_batch``), the least any report must
do. Goal: the cold report in <= 60 s. Prints the time of each stage too.

    .venv/bin/python bench/vision_report.py [--models-dir DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from lab_cnn.model_store import PatternCache, load_classifier
from lab_cnn.reports.document import write_report
from lab_common.datasets.catalogue import load_image_dataset
from lab_common.registry import ModelRegistry

GOAL_SECONDS = 60.0


class StageClock:
    """Seconds spent between successive progress calls of one report."""

    def __init__(self) -> None:
        self.started = self.last = time.perf_counter()
        self.stages: list[tuple[str, float]] = []
        self.current = "start"

    def __call__(self, share: float, stage: str) -> None:
        now = time.perf_counter()
        self.stages.append((self.current, now - self.last))
        self.current, self.last = stage, now

    @property
    def total(self) -> float:
        return self.last - self.started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models-dir", type=Path, default=Path(".archilab/models"))
    args = parser.parse_args()

    classifier = load_classifier(ModelRegistry(args.models_dir), "digits")
    metadata, model = classifier.metadata, classifier.model
    dataset = load_image_dataset(metadata.dataset.id)
    images = dataset.x_test.astype(np.float32) / 255.0

    classifier.predict_batch(images)  # warm-up
    started = time.perf_counter()
    classifier.predict_batch(images)
    baseline = time.perf_counter() - started

    runs = []
    with tempfile.TemporaryDirectory() as folder:
        patterns = PatternCache(Path(folder))
        for label, language in (("cold", "fr"), ("warm", "fr"), ("warm", "en")):
            clock = StageClock()
            report = write_report(model, metadata, dataset, language, patterns, clock)
            runs.append((f"{label} {language}", clock, len(report.pdf)))

    print(f"digits v{metadata.version}, {len(images)} test images\n")
    print(f"baseline: one evaluation pass over the test split: {baseline:.3f} s\n")
    print("| report | seconds | x evaluation pass | PDF KiB | goal <= 60 s |")
    print("|---|---:|---:|---:|---|")
    failed = False
    for name, clock, pdf_bytes in runs:
        passed = clock.total <= GOAL_SECONDS
        failed |= not passed
        print(f"| {name} | {clock.total:.2f} | {clock.total / baseline:.0f}x | "
              f"{pdf_bytes / 1024:.0f} | {'PASS' if passed else 'FAIL'} |")  # fmt: skip
    print("\nstages of the cold report (seconds):")
    for stage, seconds in runs[0][1].stages[1:]:
        print(f"  {stage:<13} {seconds:6.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
