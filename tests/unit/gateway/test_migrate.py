"""``python -m lab_gateway.migrate``: compose's one-shot migration step."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from lab_common.store import connect_database
from lab_common.store.database import metadata, sqlite_url
from lab_gateway.migrate import main
from lab_gateway.settings import Settings


def test_migrate_makes_the_job_store_and_exits_zero(tmp_path: Path) -> None:
    settings = Settings(database_url=sqlite_url(tmp_path / "archilab.db"))

    code = main(settings)

    engine = connect_database(settings.database_url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert code == 0
    assert tables == set(metadata.tables) | {"alembic_version"}
