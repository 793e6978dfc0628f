"""Turning an uploaded ``text,label`` CSV into a text dataset.

The file must be UTF-8 (a BOM is allowed) with a header naming the columns
``text`` and ``label`` (in any order; other columns are ignored). Blank lines
are skipped; a row with an empty text or label is refused. Labels may be any
strings; classes are the distinct labels, in numeric order if all are integers
and alphabetical order otherwise.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from typing import BinaryIO

import numpy as np

from lab_gateway.datasets.errors import EmptyLabel, InvalidCsv, TooManyRows
from lab_gateway.datasets.rules import UploadLimits, check_class_counts, split_upload

REQUIRED_COLUMNS = ("text", "label")


def _column_positions(header: list[str]) -> tuple[int, int]:
    names = [cell.strip().lower() for cell in header]
    if not all(column in names for column in REQUIRED_COLUMNS):
        raise InvalidCsv("header", header=",".join(header))
    return names.index("text"), names.index("label")


def _checked_row(
    row: list[str],
    width: int,
    positions: tuple[int, int],
    line: int,
    limits: UploadLimits,
) -> tuple[str, str]:
    if len(row) != width:
        raise InvalidCsv("fields", line=line, count=len(row), expected=width)
    text, label = (row[position].strip() for position in positions)
    if not text or not label:
        empty = "label" if not label else "text"
        raise EmptyLabel("empty", line=line, field=empty)
    if len(text) > limits.max_text_chars:
        raise InvalidCsv(
            "text-too-long", line=line, length=len(text), limit=limits.max_text_chars
        )
    return text, label


def _read_rows(source: BinaryIO, limits: UploadLimits) -> list[tuple[str, str]]:
    handle = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    reader = csv.reader(handle)
    rows: list[tuple[str, str]] = []
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidCsv("empty-file")
        positions = _column_positions(header)
        for row in reader:
            if any(cell.strip() for cell in row):
                line = reader.line_num
                rows.append(_checked_row(row, len(header), positions, line, limits))
            if len(rows) > limits.max_csv_rows:
                raise TooManyRows("csv", limit=limits.max_csv_rows)
    except UnicodeDecodeError as exc:
        raise InvalidCsv("encoding") from exc
    except csv.Error as exc:
        raise InvalidCsv("syntax", line=reader.line_num, error=str(exc)) from exc
    finally:
        handle.detach()  # leave the caller's file open
    return rows


def _class_order(labels: Counter[str]) -> list[str]:
    names = list(labels)
    if all(name.lstrip("-").isdigit() for name in names):
        return sorted(names, key=int)
    return sorted(names)


def read_text_csv(
    source: BinaryIO, limits: UploadLimits
) -> tuple[list[tuple[str, int, str]], list[str]]:
    """Rows ``(text, class index, split)`` split about 80/20 per class, and the
    class names."""
    rows = _read_rows(source, limits)
    counts = Counter(label for _, label in rows)
    check_class_counts(dict(counts), "texts")
    classes = _class_order(counts)
    index = {name: position for position, name in enumerate(classes)}
    labels = np.asarray([index[label] for _, label in rows], dtype=np.int64)
    splits = split_upload(labels)
    train, test = splits["train"], splits["test"]
    split_of = {int(row): "train" for row in train} | {int(row): "test" for row in test}
    ordered = [*train.tolist(), *test.tolist()]
    return [(rows[i][0], int(labels[i]), split_of[i]) for i in ordered], classes
