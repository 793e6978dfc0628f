"""The pretrained vectors read from their wheels are real, distinct and sensible.

The checks a teacher would make before trusting them: the keys are found the
way spaCy finds them, antonyms are not merged (one English package gives "good"
and "bad" the same vector), and a word's nearest neighbours make sense.
"""

from __future__ import annotations

import numpy as np
import pytest

from lab_common.text.vectors import (
    VECTOR_SOURCES,
    embedding_matrix,
    load_vectors,
    spacy_hash,
)


def vector(source_id: str, word: str) -> np.ndarray:
    vectors = load_vectors(source_id)
    row = vectors.row_of(word)
    assert row is not None, f"{word!r} has no vector in {source_id}"
    found: np.ndarray = vectors.matrix[row]
    return found / np.linalg.norm(found)


def nearest(source_id: str, word: str, candidates: list[str]) -> str:
    """The candidate whose vector is closest (cosine) to ``word``'s."""
    return max(
        candidates, key=lambda other: vector(source_id, word) @ vector(source_id, other)
    )


def test_spacy_keys_are_murmurhash64_of_the_utf8_word() -> None:
    # The value spaCy's documentation prints for nlp.vocab.strings["coffee"].
    assert spacy_hash("coffee") == 3197928453018144401
    assert spacy_hash("été") != spacy_hash("ete")


@pytest.mark.parametrize(
    ("source_id", "good", "bad"),
    [("en-glove-50", "good", "bad"), ("fr-fasttext-300", "bon", "mauvais")],
)
def test_antonyms_keep_distinct_vectors(source_id: str, good: str, bad: str) -> None:
    similarity = float(vector(source_id, good) @ vector(source_id, bad))
    assert similarity < 0.9, similarity


@pytest.mark.parametrize(
    ("source_id", "word", "close", "far"),
    [
        ("en-glove-50", "terrible", "awful", "wonderful"),
        ("en-glove-50", "movie", "film", "bread"),
        ("fr-fasttext-300", "génial", "sympa", "pénible"),
        ("fr-fasttext-300", "ennuyeux", "pénible", "drôle"),
    ],
)
def test_neighbours_make_sense(source_id: str, word: str, close: str, far: str) -> None:
    assert nearest(source_id, word, [close, far]) == close


def test_each_source_has_its_announced_shape() -> None:
    for source in VECTOR_SOURCES.values():
        assert load_vectors(source.id).matrix.shape[1] == source.dimensions


def test_embedding_matrix_takes_known_vectors_and_zero_padding() -> None:
    vectors = load_vectors("fr-fasttext-300")
    vocabulary = ["", "[UNK]", "film", "génial", "xqzwv"]
    init = embedding_matrix(vocabulary, vectors, seed=1)
    assert init.matrix.shape == (5, 300)
    assert not init.matrix[0].any()  # padding
    row = vectors.row_of("génial")
    assert row is not None
    np.testing.assert_array_equal(init.matrix[3], vectors.matrix[row])
    assert init.coverage == pytest.approx(2 / 3)  # "xqzwv" has none


def test_french_elisions_take_the_vector_of_their_full_form() -> None:
    """The models read "n'est" as "n est": "n" must mean "ne", not the letter."""
    vectors = load_vectors("fr-fasttext-300")
    assert vectors.row_of("n") == vectors.row_of("ne")
    assert vectors.row_of("qu") == vectors.row_of("que")


@pytest.mark.parametrize(
    "text",
    ["It doesn't work", "It does n't work", "It doesn’t work", "IT DOESN'T WORK"],
)
def test_english_negation_reads_the_same_typed_or_tokenised(text: str) -> None:
    """SST-2 is tokenised ("does n't"), people type "doesn't": both read "not"."""
    import tensorflow as tf

    from lab_common.text.models import standardize_text

    [standardized] = standardize_text(tf.constant([text])).numpy()
    assert standardized.decode("utf-8").split() == ["it", "does", "not", "work"]
