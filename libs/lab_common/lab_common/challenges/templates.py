"""Challenge templates: a dataset, its hidden splits and a deliberately weak baseline.

A template is available when its dataset loads here (the datasets catalogue
says so); otherwise it is listed with the reason, in the reader's language, so
a teacher sees what a data folder would add.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from lab_common.challenges.errors import TemplateUnavailable
from lab_common.datasets.catalogue import find_dataset
from lab_common.datasets.images import FASHION_MNIST_ID, MNIST_5K_ID
from lab_common.datasets.schemas import TEXT_TASK
from lab_common.jobs import TrainingJobSpec

# Split sizes per class: MNIST-5k has 500 images of each digit, so 300 train,
# 50 validation, 50 public and 100 private each: 3,000 / 500 / 500 / 1,000.
DIGITS_HELD_OUT_PER_CLASS = {"validation": 50, "public": 50, "private": 100}
# Fashion-MNIST has 7,000 images per class; the same hidden sizes keep scoring
# as fast as the digits', and a capped train split keeps jobs short.
FASHION_HELD_OUT_PER_CLASS = {"validation": 100, "public": 100, "private": 200}
FASHION_TRAIN_ROWS = 10_000
# Allociné pools 3,366 reviews (1,998 train + 968 extra test + 400 test, 48 %
# positive). Per class 150 validation, 200 public and 400 private: 300 / 400 /
# 800 in all, so about 1,870 remain to train on. A 45-minute class on 2 cores
# needs jobs of a minute or less (a BiLSTM epoch on 1,870 reviews takes ~10 s);
# 400 public reviews still give a standard error of about 2 points at 80 %
# (enough to tell a real gain from the baseline's), and 800 private ones
# 1.4 points for the final ranking.
ALLOCINE_HELD_OUT_PER_CLASS = {"validation": 150, "public": 200, "private": 400}
ALLOCINE_ID = "allocine"
HIDDEN_SPLITS = ("public", "private")
# Splits a challenge's training jobs may read; the others never leave the scorer.
VISIBLE_SPLITS = ("train", "validation")
IMAGE_TASK = "image-classification"

# A Dense network on raw pixels with Adam at 200 times its usual rate: it
# trains, but bounces around a mediocre minimum (86 % public, 90 % validation
# with seed 7, 5 s on 2 cores; at 0.001 the same network reaches about 93 %).
# Lowering the rate, more epochs or a convolution are what a team should find.
DENSE_BASELINE = {
    "task": IMAGE_TASK,
    "architecture": "dense",
    "optimizer": "adam",
    "learning_rate": 0.2,
    "epochs": 4,
    "batch_size": 64,
    "dropout": 0.0,
    "seed": 1,
}


# A bag of words (the mean of word embeddings, no word order) stopped after two
# epochs at Adam's default rate: its loss is still falling fast, so it has not
# yet learnt which words carry sentiment (public 75 %, 76 %, 74 % with seeds
# 1, 2, 3; about 8 s on 2 cores). The same model at a rate of 0.5 for three
# epochs reaches 85 %, the served BiLSTM about 85 %: more epochs, a higher
# rate or a recurrent layer are what a team should find.
WEAK_TEXT_BASELINE = {
    "task": TEXT_TASK,
    "architecture": "embedding-bag",
    "optimizer": "adam",
    "learning_rate": 0.001,
    "epochs": 2,
    "batch_size": 64,
    "dropout": 0.2,
    "seed": 1,
}


def baseline_model_name(challenge_id: str) -> str:
    """The registry name of a challenge's baseline (French: "défi", "référence")."""
    return f"defi-{challenge_id[:8]}-reference"


@dataclass(frozen=True)
class ChallengeTemplate:
    id: str
    title_fr: str
    title_en: str
    dataset: str
    task: str
    held_out_per_class: Mapping[str, int]
    baseline: Mapping[str, Any]
    train_rows: int | None = None  # cap on the train split (None: all the rest)
    rules: list[str] = field(default_factory=list)

    def baseline_spec(self, challenge_id: str, model_name: str) -> TrainingJobSpec:
        return TrainingJobSpec.model_validate(
            {
                **self.baseline,
                "dataset": self.dataset,
                "challenge_id": challenge_id,
                "model_name": model_name,
                "description": f"Baseline of challenge {challenge_id}",
            }
        )


TEMPLATES: dict[str, ChallengeTemplate] = {
    template.id: template
    for template in (
        ChallengeTemplate(
            id="chiffres-dense",
            title_fr="Chiffres : améliorer un réseau dense mal réglé",
            title_en="Digits: improve a badly tuned dense network",
            dataset=MNIST_5K_ID,
            task=IMAGE_TASK,
            held_out_per_class=DIGITS_HELD_OUT_PER_CLASS,
            baseline=DENSE_BASELINE,
        ),
        ChallengeTemplate(
            id="fashion-dense",
            title_fr="Vêtements : améliorer un réseau dense mal réglé",
            title_en="Clothes: improve a badly tuned dense network",
            dataset=FASHION_MNIST_ID,
            task=IMAGE_TASK,
            held_out_per_class=FASHION_HELD_OUT_PER_CLASS,
            baseline=DENSE_BASELINE,
            train_rows=FASHION_TRAIN_ROWS,
        ),
        ChallengeTemplate(
            id="sentiment-faible",
            title_fr="Critiques de films : améliorer un modèle de texte faible",
            title_en="Film reviews: improve a weak text model",
            dataset=ALLOCINE_ID,
            task=TEXT_TASK,
            held_out_per_class=ALLOCINE_HELD_OUT_PER_CLASS,
            baseline=WEAK_TEXT_BASELINE,
        ),
    )
}


class TemplateInfo(BaseModel):
    id: str
    title: str
    title_fr: str
    dataset: str
    task: str
    split_sizes: dict[str, int]
    baseline: dict[str, Any]
    available: bool
    unavailable_reason: str | None = Field(
        default=None, description="Why not, in the request's language."
    )


def split_sizes(template: ChallengeTemplate, classes: int) -> dict[str, int]:
    held = {name: rows * classes for name, rows in template.held_out_per_class.items()}
    sizes = {"train": template.train_rows} if template.train_rows else {}
    return {**sizes, **held}


def unavailability(
    template: ChallengeTemplate, dataset_available: bool
) -> TemplateUnavailable | None:
    """Why this server cannot run ``template`` (None: it can)."""
    if dataset_available:
        return None
    return TemplateUnavailable(
        "dataset-missing", template=template.id, dataset=template.dataset
    )


def describe_template(
    template: ChallengeTemplate, data_dir: Path | None, datasets_dir: Path | None
) -> TemplateInfo:
    dataset = find_dataset(template.dataset, data_dir, datasets_dir)
    problem = unavailability(template, dataset.available)
    return TemplateInfo(
        id=template.id,
        title=template.title_en,
        title_fr=template.title_fr,
        dataset=template.dataset,
        task=template.task,
        split_sizes=split_sizes(template, len(dataset.classes)),
        baseline=dict(template.baseline),
        available=problem is None,
        unavailable_reason=None if problem is None else problem.detail,
    )


def list_templates(
    data_dir: Path | None, datasets_dir: Path | None
) -> list[TemplateInfo]:
    return [describe_template(t, data_dir, datasets_dir) for t in TEMPLATES.values()]


def usable_template(
    template_id: str, data_dir: Path | None, datasets_dir: Path | None
) -> ChallengeTemplate:
    """The template, if this server can run it; 422 saying why not otherwise."""
    template = TEMPLATES.get(template_id)
    if template is None:
        raise TemplateUnavailable(
            "unknown", template=template_id, known=", ".join(sorted(TEMPLATES))
        )
    dataset = find_dataset(template.dataset, data_dir, datasets_dir)
    problem = unavailability(template, dataset.available)
    if problem is not None:
        raise problem
    return template
