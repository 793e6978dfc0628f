"""Fetching a course data file once from a mirror of the course's data folder.

A lab server with internet sets ``ARCHILAB_DATASET_MIRROR_URL``; every file is
checked against its SHA-256 before it is kept, and moved into place whole.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx

from lab_common.datasets.errors import DatasetChecksumMismatch, DatasetMissing

logger = logging.getLogger(__name__)

DOWNLOAD_TIMEOUT_SECONDS = 60.0
# No catalogue file is larger than a few MiB; refuse anything far bigger.
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the data directory
    sha256: str


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
    if hashlib.sha256(data).hexdigest() != file.sha256:
        raise DatasetChecksumMismatch("sha256", url=url, sha256=file.sha256[:12])
    target = data_dir / file.path
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as temporary:
        temporary.write(data)
    os.replace(temporary.name, target)  # readers never see half a file
    return target
