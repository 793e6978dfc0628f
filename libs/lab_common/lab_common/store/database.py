"""Tables and the engine, tuned per backend.

The tables here are the schema the code expects; the revisions in
``migrations/versions/`` make it in a store (a test checks they agree).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
    create_engine,
    event,
    false,
)
from sqlalchemy.engine import make_url

# Seconds a SQLite writer waits for another one before giving up.
SQLITE_BUSY_TIMEOUT_SECONDS = 30

metadata = MetaData()

training_jobs = Table(
    "training_jobs",
    metadata,
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
    # The challenge the job trains in (its spec's challenge_id), for counting
    # a team's running jobs and hiding challenge jobs from open readers.
    Column("challenge_id", String(32), index=True),
    # The id of the queue message (Celery task) that took the job: a worker
    # runs the fairest queued job, not always its message's own
    # (lab_common.store.queue); cancelling by force revokes this id.
    Column("claimed_by", String(64)),
)

job_events = Table(
    "job_events",
    metadata,
    # Grows across all jobs: the SSE event id (Last-Event-ID) of every event.
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

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(32), primary_key=True),
    # SHA-256 of the whole key: keys are long random tokens, so a fast hash is
    # enough (nothing to brute-force), and lookups stay one indexed query.
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("role", String(16), nullable=False),
    Column("team", String(64)),
    Column("label", String(200)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)


challenges = Table(
    "challenges",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("template", String(40), nullable=False),
    Column("title", String(200), nullable=False),
    Column("dataset", String(80), nullable=False),
    Column("status", String(16), nullable=False),
    Column("quota", Integer, nullable=False),
    Column("allow_external", Boolean, nullable=False),
    Column("seed", Integer, nullable=False),
    # Seed, then each split's size and SHA-256 (lab_common.datasets.splits).
    Column("manifest", JSON, nullable=False),
    Column("baseline_job_id", String(32)),
    Column("created_by", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("opened_at", DateTime(timezone=True)),
    Column("frozen_at", DateTime(timezone=True)),
    Column("revealed_at", DateTime(timezone=True)),
)

# Aggregates only: never an outcome per hidden example.
challenge_submissions = Table(
    "challenge_submissions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "challenge_id",
        String(32),
        ForeignKey("challenges.id", ondelete="CASCADE"),
        nullable=False,
    ),
    # The team's name; the baseline's row has none (is_baseline).
    Column("team", String(64)),
    Column("is_baseline", Boolean, nullable=False),
    # None for a .keras file trained outside ArchiLab (``external``): unranked.
    Column("job_id", String(32)),
    Column("external", Boolean, nullable=False, server_default=false()),
    Column("note", String(500), nullable=False),
    Column("status", String(16), nullable=False),
    Column("public_score", Float),
    Column("private_score", Float),
    Column("shown_public_score", Float),
    Column("significant", Boolean),
    Column("public_examples", Integer),
    Column("private_examples", Integer),
    Column("architecture", String(40)),
    Column("parameters", Integer),
    Column("latency_ms_per_image", Float),
    Column("error", Text),
    # A failure told in the reader's language: its sentence key and values.
    Column("error_code", String(64)),
    Column("error_params", JSON),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("scored_at", DateTime(timezone=True)),
    Index("ix_challenge_submissions_challenge_id_team", "challenge_id", "team"),
)


def as_utc(moment: datetime | None) -> datetime | None:
    """SQLite hands timestamps back without their zone; they are all UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.resolve()}"


def _tune_sqlite(connection: sqlite3.Connection, _record: Any) -> None:
    cursor = connection.cursor()
    # WAL lets readers (the gateway) go on while a writer (the worker) commits.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.close()


def connect_database(url: str) -> Engine:
    """An engine for ``url`` (SQLite file or PostgreSQL), tuned per backend.

    It changes no schema: ``lab_common.store.migration.upgrade_database`` makes
    and upgrades the tables, once, before the services connect.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}
        )
        event.listen(engine, "connect", _tune_sqlite)
    else:
        engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    return engine
