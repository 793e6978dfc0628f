"""Reading an uploaded zip safely: names, counts and sizes are checked first.

Refused before anything is extracted: absolute paths, ``..`` parts, symbolic
links, more than ``max_files`` entries, a declared total above
``max_total_uncompressed_bytes`` and an entry expanding more than
``max_compression_ratio`` times. While reading, the bytes actually produced
are counted too, so a header that lies about sizes changes nothing.
"""

from __future__ import annotations

import re
import stat
import zipfile
import zlib
from collections import defaultdict
from dataclasses import dataclass, field

from lab_gateway.datasets.errors import (
    ArchiveBomb,
    InvalidArchive,
    TooManyFiles,
    UnsafeArchivePath,
)
from lab_gateway.datasets.rules import UploadLimits

READ_CHUNK_BYTES = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
# Files that archivers and file browsers add beside the data.
_JUNK_FOLDERS = {"__MACOSX"}
_JUNK_FILES = {"Thumbs.db", "desktop.ini"}


def _entry_parts(info: zipfile.ZipInfo) -> tuple[str, ...]:
    """The entry's path parts, or ``UnsafeArchivePath`` if it could escape."""
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        raise UnsafeArchivePath("absolute", entry=info.filename)
    parts = tuple(part for part in name.split("/") if part not in ("", "."))
    if ".." in parts:
        raise UnsafeArchivePath("parent", entry=info.filename)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UnsafeArchivePath("symlink", entry=info.filename)
    return parts


def _is_junk(parts: tuple[str, ...]) -> bool:
    return parts[0] in _JUNK_FOLDERS or parts[-1] in _JUNK_FILES or parts[-1][:1] == "."


def _check_sizes(infos: list[zipfile.ZipInfo], limits: UploadLimits) -> None:
    declared = sum(info.file_size for info in infos)
    if declared > limits.max_total_uncompressed_bytes:
        raise ArchiveBomb(
            "total", size=declared, limit=limits.max_total_uncompressed_bytes
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size >= limits.ratio_check_min_bytes
            and ratio > limits.max_compression_ratio
        ):
            raise ArchiveBomb(
                "ratio",
                entry=info.filename,
                ratio=round(ratio),
                limit=round(limits.max_compression_ratio),
            )


def _strip_top_folder(paths: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    tops = {parts[0] for parts in paths}
    if len(tops) == 1 and all(len(parts) == 3 for parts in paths):
        return [parts[1:] for parts in paths]
    return paths


@dataclass
class ClassFolders:
    """The archive's images grouped by class folder, and a running byte count."""

    archive: zipfile.ZipFile
    limits: UploadLimits
    classes: dict[str, list[zipfile.ZipInfo]] = field(default_factory=dict)
    bytes_read: int = 0

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The entry's bytes, counted against the entry's and the total limit."""
        try:
            return self._read_counted(info)
        except (zipfile.BadZipFile, EOFError, OSError, zlib.error) as exc:
            raise InvalidArchive(
                "damaged-entry", entry=info.filename, error=str(exc)
            ) from exc

    def _read_counted(self, info: zipfile.ZipInfo) -> bytes:
        chunks: list[bytes] = []
        size = 0
        with self.archive.open(info) as handle:
            while chunk := handle.read(READ_CHUNK_BYTES):
                size += len(chunk)
                self.bytes_read += len(chunk)
                if size > info.file_size or (
                    self.bytes_read > self.limits.max_total_uncompressed_bytes
                ):
                    raise ArchiveBomb("beyond-declared", entry=info.filename)
                chunks.append(chunk)
        return b"".join(chunks)


def open_class_folders(archive: zipfile.ZipFile, limits: UploadLimits) -> ClassFolders:
    """Check every entry, then group files as ``<class>/<image>`` (one top folder
    above the class folders is allowed)."""
    infos = archive.infolist()
    if len(infos) > limits.max_files:
        raise TooManyFiles("archive", count=len(infos), limit=limits.max_files)
    files = [(info, _entry_parts(info)) for info in infos]
    files = [(info, parts) for info, parts in files if parts and not info.is_dir()]
    files = [(info, parts) for info, parts in files if not _is_junk(parts)]
    _check_sizes([info for info, _ in files], limits)
    paths = _strip_top_folder([parts for _, parts in files])
    classes: dict[str, list[zipfile.ZipInfo]] = defaultdict(list)
    for (info, _), parts in zip(files, paths, strict=True):
        if len(parts) != 2:
            raise InvalidArchive("no-class-folder", entry=info.filename)
        classes[parts[0]].append(info)
    ordered = {name: classes[name] for name in sorted(classes)}
    return ClassFolders(archive=archive, limits=limits, classes=ordered)
