"""Sentiment accuracy over several seeds, beside a TF-IDF baseline on the same texts.

    python bench/sentiment_accuracy.py [--seeds 3] [--languages fr en]
                                       [--variants served random vectors last-state]

For each language it trains the served first-start spec
(``lab_trainer.first_start.DEFAULT_SPECS``) through the trainer's own fitting
code, and its controls, one change at a time, on the same training texts:

- ``served``: the first-start spec;
- ``random``: the same with a random embedding, learned (what vectors buy);
- ``vectors``: the same with the language's pretrained vectors, frozen unless
  the served recipe refines them (skipped where it is the served recipe);
- ``last-state``: the same reading the LSTM's last state only, no max+mean
  readout (what the readout buys).

Each model is scored on its dataset's test split (accuracy), on an out-of-domain
set (CR product reviews for English, book reviews for French: balanced
accuracy, since the book reviews are 93 % positive) and on the contrast set
written for this bench (``bench/contrast/``: negation, "pas mal", "but"
clauses, intensifiers). A TF-IDF + logistic regression model trained on the
same texts in the same run is the baseline. Needs ``ARCHILAB_DATA_DIR``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import keras
import numpy as np

from lab_common.datasets.texts import TextSplit, get_entry, load_split
from lab_common.jobs import TrainingJobSpec, dataset_language
from lab_common.text.vectors import RANDOM, WordVectors, default_embedding
from lab_trainer.first_start import DEFAULT_SPECS
from lab_trainer.models.texts import build_sentiment_lstm
from lab_trainer.training.data import load_training_data
from lab_trainer.training.embeddings import choose_embedding
from lab_trainer.training.text import fit_text_classifier

HERE = Path(__file__).parent
OUT_OF_DOMAIN = {
    "en": "sentiment/en/customer_reviews_cr/customer_reviews.csv",
    "fr": "sentiment/fr/french_book_reviews/french_book_reviews_binary.csv",
}
# The served sentiment specs by language.
RECIPES = {
    dataset_language(spec.dataset): spec
    for spec in DEFAULT_SPECS.values()
    if spec.task == "text-classification"
}
# The last-state control changes the model, not the spec: it has its own builder.
LAST_STATE = "last-state"
VARIANTS: dict[str, Callable[[TrainingJobSpec, str], TrainingJobSpec]] = {
    "served": lambda spec, language: spec,
    "random": lambda spec, language: spec.model_copy(
        update={"embedding": RANDOM, "fine_tune_embedding": False}
    ),
    "vectors": lambda spec, language: spec.model_copy(
        update={"embedding": default_embedding(language)}
    ),
    LAST_STATE: lambda spec, language: spec,
}


class EpochCount(keras.callbacks.Callback):
    """What the trainer's fitting reads of a job's progress, without a job."""

    cancelled = False
    failure = None

    def __init__(self) -> None:
        super().__init__()
        self.epochs_completed = 0

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.epochs_completed = epoch + 1


def build_last_state(
    spec: TrainingJobSpec, texts: list[str], classes: int, vectors: WordVectors | None
) -> keras.Model:
    """The served BiLSTM reading its last state only (no max+mean readout)."""
    return build_sentiment_lstm(
        texts,
        None,
        name=spec.resolved_model_name,
        num_classes=classes,
        dropout_rate=spec.dropout,
        vectors=vectors,
        fine_tune_vectors=spec.fine_tune_embedding,
        pooled=False,
        seed=spec.seed,
    )


def read_csv(path: Path) -> TextSplit:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return TextSplit([r["text"] for r in rows], [int(r["label"]) for r in rows])


def balanced_accuracy(labels: list[int], predicted: np.ndarray) -> float:
    truth = np.asarray(labels)
    recalls = [(predicted[truth == c] == c).mean() for c in (0, 1)]
    return float(np.mean(recalls))


def accuracy(labels: list[int], predicted: np.ndarray) -> float:
    return float((predicted == np.asarray(labels)).mean())


def training_texts(spec: TrainingJobSpec, data_dir: Path) -> TextSplit:
    return load_training_data(spec, data_dir, data_dir).train


def score(predict, sets: dict[str, TextSplit]) -> dict[str, float]:
    """Test accuracy, out-of-domain balanced accuracy, contrast-set accuracy."""
    return {
        "test": accuracy(sets["test"].labels, predict(sets["test"].texts)),
        "out_of_domain": balanced_accuracy(
            sets["ood"].labels, predict(sets["ood"].texts)
        ),
        "contrast": accuracy(sets["contrast"].labels, predict(sets["contrast"].texts)),
    }


def tfidf_scores(train: TextSplit, sets: dict[str, TextSplit]) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    classifier = LogisticRegression(max_iter=2000, C=4.0)
    classifier.fit(vectorizer.fit_transform(train.texts), train.labels)
    return score(lambda texts: classifier.predict(vectorizer.transform(texts)), sets)


def lstm_scores(
    spec: TrainingJobSpec, data_dir: Path, sets, *, last_state: bool = False
) -> dict[str, float]:
    """Train ``spec`` as a job would (data, vectors, fitting), then score it."""
    started = time.perf_counter()
    data = load_training_data(spec, data_dir, data_dir)
    embedding = choose_embedding(spec, data.train.texts)
    builder = {"build_model": build_last_state} if last_state else {}
    trained = fit_text_classifier(
        spec, data, lambda steps: EpochCount(), embedding, **builder
    )
    seconds = time.perf_counter() - started

    def predict(texts: list[str]) -> np.ndarray:
        import tensorflow as tf

        probabilities = trained.model.predict(tf.constant(texts), 256, verbose=0)
        return (probabilities[:, 0] >= 0.5).astype(int)

    return {**score(predict, sets), "train_seconds": seconds}


def summarise(runs: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    return {
        key: {
            "mean": statistics.mean(run[key] for run in runs),
            "spread": max(run[key] for run in runs) - min(run[key] for run in runs),
        }
        for key in runs[0]
    }


def bench_language(language: str, seeds: int, variants: list[str], data_dir: Path):
    recipe = RECIPES[language]
    sets = {
        "test": load_split(get_entry(recipe.dataset), "test", data_dir),
        "ood": read_csv(data_dir / OUT_OF_DOMAIN[language]),
        "contrast": read_csv(HERE / "contrast" / f"sentiment_{language}.csv"),
    }
    result = {"tfidf": tfidf_scores(training_texts(recipe, data_dir), sets)}
    print(f"{language} tfidf {json.dumps(result['tfidf'])}", flush=True)
    for variant in variants:
        same = VARIANTS[variant](recipe, language) == recipe
        if variant not in ("served", LAST_STATE) and same:
            continue  # the served recipe itself
        runs = []
        for seed in range(1, seeds + 1):
            chosen = VARIANTS[variant](recipe, language).model_copy(
                update={"seed": seed}
            )
            last_state = variant == LAST_STATE
            runs.append(lstm_scores(chosen, data_dir, sets, last_state=last_state))
            print(
                f"{language} {variant} seed={seed} {json.dumps(runs[-1])}", flush=True
            )
        result[variant] = {"runs": runs, **summarise(runs)}
    return result


def print_table(results: dict) -> None:
    print("\nlanguage  model          test            out-of-domain   contrast")
    for language, result in results.items():
        base = result["tfidf"]
        print(
            f"{language:9} tfidf          {base['test']:.3f}           "
            f"{base['out_of_domain']:.3f}           {base['contrast']:.3f}"
        )
        for variant, summary in result.items():
            if variant == "tfidf":
                continue
            cells = [
                f"{summary[key]['mean']:.3f}±{summary[key]['spread'] / 2:.3f} "
                f"({(summary[key]['mean'] - base[key]) * 100:+.1f})"
                for key in ("test", "out_of_domain", "contrast")
            ]
            print(f"{language:9} {variant:14} " + "  ".join(cells))
    print("(mean±half the range over seeds; in brackets: points above TF-IDF)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--languages", nargs="+", default=["en", "fr"])
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS))
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()
    data_dir = os.environ.get("ARCHILAB_DATA_DIR")
    if not data_dir:
        print("set ARCHILAB_DATA_DIR to the course data folder", file=sys.stderr)
        return 2
    results = {
        language: bench_language(language, args.seeds, args.variants, Path(data_dir))
        for language in args.languages
    }
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
