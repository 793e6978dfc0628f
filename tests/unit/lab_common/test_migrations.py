"""Schema migrations of the job store, on SQLite and on PostgreSQL.

The revisions must make the tables the code declares, and a store made before
migrations (by ``create_all``, possibly by an older release missing columns)
must upgrade without losing a row.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    text,
)

from lab_common.job_messages import job_error
from lab_common.jobs import TrainingJobSpec
from lab_common.store import JobStore, KeyStore, connect_database, upgrade_database
from lab_common.store.database import metadata
from lab_common.store.migration import FIRST_REVISION, alembic_config

MIGRATOR_TIMEOUT_SECONDS = 60
MIGRATOR_SCRIPT = """
import sys
from lab_common.store import upgrade_database
print("ready", flush=True)
sys.stdin.readline()
upgrade_database(sys.argv[1])
"""
SPEC = TrainingJobSpec(
    task="image-classification", dataset="mnist-5k", architecture="tiny-cnn"
)


def release_metadata() -> MetaData:
    """The tables exactly as releases before migrations declared them.

    Frozen here: ``database.metadata`` moves on with each revision, but stores
    made by ``create_all`` from these tables stay in the field.
    """
    tables = MetaData()
    Table(
        "training_jobs",
        tables,
        Column("id", String(32), primary_key=True),
        Column("owner", String(64), nullable=False, index=True),
        Column("task", String(32), nullable=False, index=True),
        Column("status", String(16), nullable=False, index=True),
        Column("spec", JSON, nullable=False),
        Column("attempts", Integer, nullable=False, default=0),
        Column("epoch", Integer, nullable=False, default=0),
        Column("progress", Float, nullable=False, default=0.0),
        Column("eta_seconds", Float),
        Column("history", JSON, nullable=False, default=list),
        Column("test_metrics", JSON, nullable=False, default=dict),
        Column("error", Text),
        Column("error_code", String(40)),
        Column("error_params", JSON),
        Column("model_name", String(64)),
        Column("model_version", String(16)),
        Column("cancel_requested", Boolean, nullable=False, default=False),
        Column("worker", String(255)),
        Column("created_at", DateTime(timezone=True), nullable=False, index=True),
        Column("started_at", DateTime(timezone=True)),
        Column("finished_at", DateTime(timezone=True)),
        Column("heartbeat_at", DateTime(timezone=True)),
    )
    Table(
        "job_events",
        tables,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column(
            "job_id",
            String(32),
            ForeignKey("training_jobs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        Column("kind", String(16), nullable=False),
        Column("data", JSON, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Index("ix_job_events_job_id_id", "job_id", "id"),
    )
    Table(
        "api_keys",
        tables,
        Column("id", String(32), primary_key=True),
        Column("key_hash", String(64), nullable=False, unique=True),
        Column("prefix", String(16), nullable=False),
        Column("role", String(16), nullable=False),
        Column("team", String(64)),
        Column("label", String(200)),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("revoked_at", DateTime(timezone=True)),
    )
    return tables


def make_release_store(url: str, *, dropped_columns: tuple[str, ...] = ()) -> str:
    """A store as the release before migrations left it, holding one failed job.

    ``dropped_columns`` (of training_jobs) mimic an older release still.
    Returns the job's id.
    """
    engine = connect_database(url)
    tables = release_metadata()
    tables.create_all(engine)
    error = job_error("queue-unavailable", reason="x")
    job_id = uuid.uuid4().hex
    # Written through the release's own tables: today's JobStore knows newer
    # columns than such a store has.
    with engine.begin() as db:
        db.execute(
            insert(tables.tables["training_jobs"]).values(
                id=job_id,
                owner="team:red",
                task=SPEC.task,
                status="failed",
                spec=SPEC.model_dump(mode="json", exclude={"challenge_id"}),
                attempts=0,
                epoch=0,
                progress=0.0,
                history=[],
                test_metrics={},
                error=error.message,
                error_code=error.code,
                error_params=error.params,
                cancel_requested=False,
                created_at=datetime.now(UTC),
            )
        )
    with engine.begin() as db:
        for column in dropped_columns:
            db.execute(text(f"ALTER TABLE training_jobs DROP COLUMN {column}"))
    engine.dispose()
    return job_id


def schema_differences(url: str) -> list[Any]:
    """What autogenerate would change to match ``database.metadata``."""
    engine = connect_database(url)
    try:
        with engine.connect() as db:
            return list(compare_metadata(MigrationContext.configure(db), metadata))
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(url: str) -> str | None:
    """The revision recorded in the store's alembic_version table."""
    engine = connect_database(url)
    try:
        with engine.connect() as db:
            return MigrationContext.configure(db).get_current_revision()
    finally:
        engine.dispose()


def described_schema(engine: Engine) -> dict[str, Any]:
    """Columns, keys, indexes and constraints of every table, comparable."""
    inspector = inspect(engine)
    tables = sorted(set(inspector.get_table_names()) - {"alembic_version"})
    return {
        table: {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (k["constrained_columns"], k["referred_table"], k["options"])
                for k in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (i["name"], i["column_names"], bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "unique": sorted(
                u["column_names"] for u in inspector.get_unique_constraints(table)
            ),
        }
        for table in tables
    }


def test_revisions_form_one_line_from_the_first() -> None:
    script = ScriptDirectory.from_config(alembic_config())

    revisions = list(script.walk_revisions())

    assert len(script.get_heads()) == 1
    assert revisions[-1].revision == FIRST_REVISION


def test_upgrade_makes_the_tables_the_code_declares(empty_database_url: str) -> None:
    head = upgrade_database(empty_database_url)

    assert head == current_revision(empty_database_url) == head_revision()
    assert schema_differences(empty_database_url) == []


def test_first_revision_makes_what_create_all_made(empty_database_url: str) -> None:
    engine = connect_database(empty_database_url)
    release_metadata().create_all(engine)
    made_by_create_all = described_schema(engine)
    release_metadata().drop_all(engine)
    engine.dispose()

    upgrade_database(empty_database_url, FIRST_REVISION)
    engine = connect_database(empty_database_url)
    made_by_migrations = described_schema(engine)
    engine.dispose()

    assert made_by_migrations == made_by_create_all


def test_upgrade_adopts_a_store_made_by_create_all(empty_database_url: str) -> None:
    job_id = make_release_store(empty_database_url)

    head = upgrade_database(empty_database_url)

    engine = connect_database(empty_database_url)
    job = JobStore(engine).get_job(job_id)
    engine.dispose()
    assert head == current_revision(empty_database_url) == head_revision()
    assert schema_differences(empty_database_url) == []
    assert (job.owner, job.error_code) == ("team:red", "queue-unavailable")


def test_upgrade_adopts_an_older_store_missing_columns(empty_database_url: str) -> None:
    job_id = make_release_store(
        empty_database_url, dropped_columns=("error_code", "error_params")
    )

    upgrade_database(empty_database_url)

    engine = connect_database(empty_database_url)
    job = JobStore(engine).get_job(job_id)
    engine.dispose()
    assert schema_differences(empty_database_url) == []
    assert job.error is not None and job.error.startswith("The training queue")
    assert (job.error_code, job.error_params) == (None, {})


def test_upgrade_of_an_upgraded_store_changes_nothing(empty_database_url: str) -> None:
    first = upgrade_database(empty_database_url)
    engine = connect_database(empty_database_url)
    secret, _ = KeyStore(engine).create_key("admin")
    engine.dispose()

    second = upgrade_database(empty_database_url)

    engine = connect_database(empty_database_url)
    found = KeyStore(engine).find_key(secret)
    engine.dispose()
    assert second == first
    assert found is not None


def test_connect_database_makes_no_tables(empty_database_url: str) -> None:
    engine = connect_database(empty_database_url)

    with engine.connect() as db:
        db.execute(text("SELECT 1"))
    tables = inspect(engine).get_table_names()
    engine.dispose()

    assert tables == []


def test_two_migrators_at_once_both_succeed_on_postgresql(
    postgres_url: str,
) -> None:
    # Processes, not threads: Alembic's op and context proxies are per process.
    # Each imports first, then waits for "go", so both migrate at the same time.
    migrators = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATOR_SCRIPT, postgres_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for migrator in migrators:
        assert migrator.stdout is not None
        assert migrator.stdout.readline().strip() == "ready"

    for migrator in migrators:
        assert migrator.stdin is not None
        migrator.stdin.write("go\n")
        migrator.stdin.flush()

    errors = [
        migrator.communicate(timeout=MIGRATOR_TIMEOUT_SECONDS)[1]
        for migrator in migrators
    ]

    assert [migrator.returncode for migrator in migrators] == [0, 0], errors
    assert schema_differences(postgres_url) == []
