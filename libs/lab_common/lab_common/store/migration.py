"""Schema migrations of the job store (Alembic), configured from code.

``upgrade_database(url)`` brings a store to the newest revision. It runs once,
before any process opens the store: ``archilab up`` calls it before starting
the gateway and the worker, compose runs it as the one-shot ``migrate``
service, so two processes never migrate at once. The revisions live in
``migrations/versions/``; ``write_revision`` drafts the next one.

A store made before migrations (``create_all``, no ``alembic_version``) is
adopted: it gains the columns releases used to add at start, is stamped with
the first revision, then upgraded like any other.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.operations import Operations
from alembic.script import ScriptDirectory
from sqlalchemy import JSON, Column, Connection, String, inspect, text
from sqlalchemy.types import TypeEngine

from lab_common.store.database import connect_database, sqlite_url

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The schema as ArchiLab made it before migrations (create_all).
FIRST_REVISION = "0001"
# Nullable columns that releases before migrations added to older stores at
# start; an unversioned store may lack them. Never grows: later changes are
# revisions.
COLUMNS_ADDED_AT_START: dict[str, tuple[tuple[str, TypeEngine[Any]], ...]] = {
    "training_jobs": (("error_code", String(40)), ("error_params", JSON())),
}
# Any table of the first revision: its presence without a version marks a
# store made by create_all.
STORE_MARKER_TABLE = "training_jobs"
# pg_advisory_xact_lock key ("ArchiLab" in ASCII): a second migrator waits.
POSTGRES_MIGRATION_LOCK = 0x41726368694C6162


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's settings without an ini file; ``env.py`` reads the connection."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def upgrade_database(url: str, target: str = "head") -> str | None:
    """Bring the store at ``url`` to ``target`` (the newest revision); returns it.

    One transaction (on PostgreSQL, where DDL is transactional, all or
    nothing), behind a lock so a second migrator waits instead of racing.
    """
    engine = connect_database(url)
    try:
        with engine.begin() as connection:
            _lock_migrations(connection)
            config = alembic_config(connection)
            if _is_unversioned_store(connection):
                _adopt_unversioned_store(connection)
                command.stamp(config, FIRST_REVISION)
            command.upgrade(config, target)
            revision = MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
    logger.info("store.migrated", extra={"revision": revision})
    return revision


def _lock_migrations(connection: Connection) -> None:
    # SQLite has no such lock; there the launcher is the only migrator.
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_MIGRATION_LOCK}
        )


def _is_unversioned_store(connection: Connection) -> bool:
    tables = set(inspect(connection).get_table_names())
    return STORE_MARKER_TABLE in tables and "alembic_version" not in tables


def _adopt_unversioned_store(connection: Connection) -> None:
    """Give a store made by ``create_all`` the columns of the first revision."""
    operations = Operations(MigrationContext.configure(connection))
    inspector = inspect(connection)
    for table, columns in COLUMNS_ADDED_AT_START.items():
        present = {column["name"] for column in inspector.get_columns(table)}
        for name, column_type in columns:
            if name not in present:
                operations.add_column(table, Column(name, column_type))
                logger.info("store.column_added", extra={"column": f"{table}.{name}"})


def write_revision(message: str) -> Path:
    """Draft the next revision from the difference between the tables and head.

    For developers: compares ``database.metadata`` with an empty SQLite store
    brought to head, and writes ``versions/<NNNN>_<message>.py`` to review.
    """
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    next_id = f"{int(head or 0) + 1:04d}"
    with tempfile.TemporaryDirectory() as scratch:
        url = sqlite_url(Path(scratch) / "head.db")
        upgrade_database(url)
        engine = connect_database(url)
        try:
            with engine.begin() as connection:
                config = alembic_config(connection)
                written = command.revision(
                    config, message, autogenerate=True, rev_id=next_id
                )
        finally:
            engine.dispose()
    assert written is not None and not isinstance(written, list)
    return Path(written.path)
