"""The job store as ArchiLab made it before migrations: jobs, their events, keys.

Revision ID: 0001
Revises:
Created: 2026-12-03

Exactly what ``metadata.create_all`` made until then (same indexes, same
unnamed constraints), so a store from that time is stamped with this revision
once its late columns are added (``lab_common.store.migration``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
INDEXED_JOB_COLUMNS = ("owner", "task", "status", "created_at")


def upgrade() -> None:
    op.create_table(
        "training_jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("owner", sa.String(64), nullable=False),
        sa.Column("task", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("spec", sa.JSON, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("epoch", sa.Integer, nullable=False),
        sa.Column("progress", sa.Float, nullable=False),
        sa.Column("eta_seconds", sa.Float),
        sa.Column("history", sa.JSON, nullable=False),
        sa.Column("test_metrics", sa.JSON, nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("error_code", sa.String(40)),
        sa.Column("error_params", sa.JSON),
        sa.Column("model_name", sa.String(64)),
        sa.Column("model_version", sa.String(16)),
        sa.Column("cancel_requested", sa.Boolean, nullable=False),
        sa.Column("worker", sa.String(255)),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("started_at", TIMESTAMP),
        sa.Column("finished_at", TIMESTAMP),
        sa.Column("heartbeat_at", TIMESTAMP),
    )
    for column in INDEXED_JOB_COLUMNS:
        op.create_index(f"ix_training_jobs_{column}", "training_jobs", [column])
    op.create_table(
        "job_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "job_id",
            sa.String(32),
            sa.ForeignKey("training_jobs.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
    )
    op.create_index("ix_job_events_job_id_id", "job_events", ["job_id", "id"])
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("team", sa.String(64)),
        sa.Column("label", sa.String(200)),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP),
    )


def downgrade() -> None:
    op.drop_table("api_keys")
    op.drop_index("ix_job_events_job_id_id", table_name="job_events")
    op.drop_table("job_events")
    for column in INDEXED_JOB_COLUMNS:
        op.drop_index(f"ix_training_jobs_{column}", table_name="training_jobs")
    op.drop_table("training_jobs")
