"""The sentiment dataset catalogue: reading splits, and downloading from a mirror
served on 127.0.0.1 with checksum verification."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from lab_common.datasets.errors import DatasetChecksumMismatch, DatasetMissing
from lab_common.datasets.texts import TEXT_ENTRIES as CATALOGUE
from lab_common.datasets.texts import (
    ensure_files,
    get_entry,
    load_split,
    missing_files,
)
from tests.conftest import course_data_dir

ALLOCINE = get_entry("allocine")


@pytest.fixture(scope="module")
def data_dir() -> Path:
    return course_data_dir()


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(folder)
    )
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture
def mirror(tmp_path: Path, data_dir: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the Allociné file served over HTTP, as a school mirror would."""
    folder = tmp_path / "mirror"
    source = data_dir / ALLOCINE.files[0].path
    target = folder / ALLOCINE.files[0].path
    target.parent.mkdir(parents=True)
    shutil.copyfile(source, target)
    server, url = serve_folder(folder)
    yield folder, url
    server.shutdown()


def test_every_entry_names_its_language_licence_and_three_splits() -> None:
    for entry in CATALOGUE.values():
        assert entry.language in ("fr", "en")
        assert entry.licence and entry.source
        assert set(entry.splits) == {"train", "validation", "test"}


def test_allocine_splits_have_the_documented_sizes(data_dir: Path) -> None:
    sizes = {
        name: len(load_split(ALLOCINE, name, data_dir).texts)
        for name in ("train", "validation", "test")
    }

    assert sizes == {"train": 1998, "validation": 968, "test": 400}


def test_a_missing_file_is_downloaded_checked_and_kept(
    tmp_path: Path, mirror: tuple[Path, str]
) -> None:
    local = tmp_path / "data"

    ensure_files(ALLOCINE, local, mirror[1])

    assert missing_files(ALLOCINE, local) == []
    assert len(load_split(ALLOCINE, "test", local).labels) == 400


def test_a_file_that_fails_its_checksum_is_not_kept(
    tmp_path: Path, mirror: tuple[Path, str]
) -> None:
    folder, url = mirror
    served = folder / ALLOCINE.files[0].path
    served.write_text(served.read_text()[:-10])  # a truncated copy
    local = tmp_path / "data"

    with pytest.raises(DatasetChecksumMismatch):
        ensure_files(ALLOCINE, local, url)

    assert missing_files(ALLOCINE, local) == [ALLOCINE.files[0].path]


def test_without_data_or_mirror_the_problem_says_how_to_provide_it(
    tmp_path: Path,
) -> None:
    with pytest.raises(DatasetMissing, match="ARCHILAB_DATA_DIR"):
        ensure_files(ALLOCINE, tmp_path, None)
