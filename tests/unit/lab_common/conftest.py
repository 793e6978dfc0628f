"""The machine's PostgreSQL (127.0.0.1:5432, trust auth) for store tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from lab_common.store.database import sqlite_url

POSTGRES_SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def _postgres_available() -> bool:
    try:
        with create_engine(POSTGRES_SERVER_URL).connect() as db:
            db.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine]:
    """An autocommit connection to the server, to create and drop databases."""
    if not _postgres_available():
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    admin = create_engine(POSTGRES_SERVER_URL, isolation_level="AUTOCOMMIT")
    yield admin
    admin.dispose()


@contextmanager
def throwaway_database(admin: Engine) -> Iterator[str]:
    """A new database with a unique name, dropped (even if in use) afterwards."""
    name = f"archilab_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as db:
        db.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as db:
            db.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


@pytest.fixture(scope="module")
def postgres_url(postgres_admin: Engine) -> Iterator[str]:
    """A throw-away database for a whole test module."""
    with throwaway_database(postgres_admin) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables, on SQLite and on PostgreSQL, for one test."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "archilab.db")
        return
    with throwaway_database(request.getfixturevalue("postgres_admin")) as url:
        yield url
