"""No test sentence of either language is in a training set of the first-start models.

rt_polarity holds most of SST-2's test sentences: a model trained on it scores
far above its honest accuracy. The served recipes must never read it, and no
test text of a catalogue dataset may appear among their training texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab_common.datasets.texts import TEXT_ENTRIES as CATALOGUE
from lab_common.datasets.texts import (
    TextSplit,
    comparable_text,
    get_entry,
    load_split,
)
from lab_common.jobs import dataset_language
from lab_trainer.first_start import DEFAULT_SPECS
from tests.conftest import course_data_dir

# The first-start sentiment specs by language.
RECIPES = {
    dataset_language(spec.dataset): spec
    for spec in DEFAULT_SPECS.values()
    if spec.task == "text-classification"
}


def training_texts(language: str, data_dir: Path) -> TextSplit:
    recipe = RECIPES[language]
    texts: list[str] = []
    for dataset_id in (recipe.dataset, *recipe.extra_train_datasets):
        texts += load_split(get_entry(dataset_id), "train", data_dir).texts
    return TextSplit(texts, [])


@pytest.mark.parametrize("language", sorted(RECIPES))
def test_first_start_recipes_never_read_rt_polarity(language: str) -> None:
    recipe = RECIPES[language]
    for dataset_id in (recipe.dataset, *recipe.extra_train_datasets):
        paths = [file.path for file in get_entry(dataset_id).files]
        assert not any("rt_polarity" in path for path in paths), dataset_id


@pytest.mark.parametrize("language", sorted(RECIPES))
def test_no_test_sentence_is_in_a_training_set(language: str) -> None:
    data_dir = course_data_dir()
    train = {comparable_text(text) for text in training_texts(language, data_dir).texts}
    tested = [entry for entry in CATALOGUE.values() if entry.language == language]
    assert tested, f"no {language} dataset to check"
    for entry in tested:
        for split in ("test", "validation"):
            texts = load_split(entry, split, data_dir).texts
            leaked = [text for text in texts if comparable_text(text) in train]
            assert not leaked, f"{entry.id}/{split}: {leaked[:3]}"


def test_a_train_split_leaves_out_the_texts_of_its_test_split() -> None:
    """allocine-tv's published train split repeats 50 of its test reviews."""
    data_dir = course_data_dir()
    entry = get_entry("allocine-tv")
    train = {comparable_text(t) for t in load_split(entry, "train", data_dir).texts}
    test = [comparable_text(t) for t in load_split(entry, "test", data_dir).texts]
    assert len(test) == 782  # the test split itself is whole
    assert not train.intersection(test)
