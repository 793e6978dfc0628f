"""Importing an uploaded dataset: a zip of class folders of images, or a CSV.

The kind is decided by the content (zip magic bytes, else UTF-8-like text),
not by the file name. Everything is written into a hidden temporary folder of
``datasets_dir`` and renamed to ``<datasets_dir>/<id>`` only when complete;
on any failure the temporary folder is removed, so nothing half-imported
remains. Ids look like ``upload-<slug>-<8 hex>``.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from lab_common.datasets.schemas import IMAGE_TASK, TEXT_TASK, DatasetInfo
from lab_common.problems import PayloadTooLarge
from lab_gateway.datasets.errors import UploadNotSupported
from lab_gateway.datasets.hidden_examples import HiddenImages
from lab_gateway.datasets.image_uploads import ColorMode, read_image_archive
from lab_gateway.datasets.rules import UploadLimits
from lab_gateway.datasets.storing import save_images, save_texts, write_record
from lab_gateway.datasets.text_uploads import read_text_csv

logger = logging.getLogger(__name__)

SNIFF_BYTES = 8192
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Formats people send instead of a zip: name them in the answer.
_OTHER_MAGIC = {
    b"\x1f\x8b": "gzip",
    b"Rar!": "RAR",
    b"7z\xbc\xaf": "7-Zip",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"%PDF": "PDF",
}
# Share of printable characters above which a non-UTF-8 file is text anyway.
TEXT_LIKE_SHARE = 0.95
SLUG_MAX_CHARS = 40
TITLE_MAX_CHARS = 200
UPLOAD_LICENCE = "Unknown: the uploader is responsible for the right to use it."


def _file_size(source: BinaryIO) -> int:
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(0)
    return size


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
        return True
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:  # a character cut by the sniff window
            return True
    decoded = head.decode("cp1252", errors="replace")
    printable = sum(char.isprintable() or char in "\r\n\t" for char in decoded)
    return printable >= TEXT_LIKE_SHARE * max(len(decoded), 1)


def detect_upload_kind(source: BinaryIO, filename: str) -> str:
    """``"zip"`` or ``"csv"`` from the first bytes; ``UploadNotSupported`` else."""
    head = source.read(SNIFF_BYTES)
    source.seek(0)
    if head.startswith(ZIP_MAGIC):
        return "zip"
    for magic, kind in _OTHER_MAGIC.items():
        if head.startswith(magic):
            raise UploadNotSupported("kind", filename=filename, kind=kind)
    if head and _looks_like_text(head):
        return "csv"
    raise UploadNotSupported("unknown", filename=filename)


def new_dataset_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:SLUG_MAX_CHARS]
    suffix = uuid.uuid4().hex[:8]
    return f"upload-{slug.strip('-')}-{suffix}" if slug else f"upload-{suffix}"


def _import_into(
    folder: Path,
    source: BinaryIO,
    kind: str,
    info: DatasetInfo,
    limits: UploadLimits,
    color_mode: ColorMode,
    refused: HiddenImages | None,
) -> DatasetInfo:
    if kind == "zip":
        dataset = read_image_archive(source, info.id, limits, color_mode)
        if refused is not None:
            refused.check_upload(dataset)
        save_images(folder, dataset)
        info = info.model_copy(
            update={
                "task": IMAGE_TASK,
                "classes": dataset.class_names,
                "size": dataset.splits,
                "input_shape": list(dataset.input_shape),
            }
        )
    else:
        rows, classes = read_text_csv(source, limits)
        save_texts(folder, rows)
        size = {
            split: sum(row[2] == split for row in rows) for split in ("train", "test")
        }
        info = info.model_copy(update={"classes": classes, "size": size})
    write_record(folder, info)
    return info


def _new_record(title: str, filename: str, owner: str | None) -> DatasetInfo:
    """The upload's entry before its data is known (classes and sizes empty)."""
    return DatasetInfo(
        id=new_dataset_id(title),
        task=TEXT_TASK,
        title=title,
        licence=UPLOAD_LICENCE,
        source=f"upload: {Path(filename).name}",
        classes=[],
        size={},
        available=True,
        origin="upload",
        owner=owner,
        created_at=datetime.now(UTC),
    )


def import_upload(
    source: BinaryIO | Path,
    filename: str,
    datasets_dir: Path,
    *,
    name: str | None = None,
    owner: str | None = None,
    limits: UploadLimits | None = None,
    color_mode: ColorMode = "auto",
    refused: HiddenImages | None = None,
) -> DatasetInfo:
    """Validate and store an uploaded dataset; its catalogue entry on success.

    ``source`` is a seekable binary file (or its path). Any fault raises a 4xx
    ``LabError`` naming the problem, and leaves ``datasets_dir`` unchanged.
    ``refused``: the hidden images of guarded challenges, which an image
    upload may not hold.
    """
    if isinstance(source, Path):
        with source.open("rb") as handle:
            return import_upload(
                handle,
                filename,
                datasets_dir,
                name=name,
                owner=owner,
                limits=limits,
                color_mode=color_mode,
                refused=refused,
            )
    limits = limits or UploadLimits()
    size = _file_size(source)
    if size > limits.max_upload_bytes:
        raise PayloadTooLarge(
            "upload-file", filename=filename, size=size, limit=limits.max_upload_bytes
        )
    kind = detect_upload_kind(source, filename)
    info = _new_record(name or Path(filename).stem, filename, owner)
    datasets_dir.mkdir(parents=True, exist_ok=True)
    temporary = datasets_dir / f".import-{uuid.uuid4().hex}"
    temporary.mkdir()
    try:
        info = _import_into(temporary, source, kind, info, limits, color_mode, refused)
        temporary.rename(datasets_dir / info.id)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)  # gone already on success
    logger.info(
        "dataset.imported",
        extra={"dataset_id": info.id, "task": info.task, "size": info.size},
    )
    return info
