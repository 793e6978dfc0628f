"""Challenges and their submissions; each training job names its challenge.

Revision ID: 0002
Revises: 0001
Created: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    # batch: SQLite adds a column in place, but its index needs the same path
    # on both backends to stay one revision.
    with op.batch_alter_table("training_jobs") as batch:
        batch.add_column(sa.Column("challenge_id", sa.String(32)))
        batch.create_index("ix_training_jobs_challenge_id", ["challenge_id"])
    op.create_table(
        "challenges",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("template", sa.String(40), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("dataset", sa.String(80), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("quota", sa.Integer, nullable=False),
        sa.Column("allow_external", sa.Boolean, nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("manifest", sa.JSON, nullable=False),
        sa.Column("baseline_job_id", sa.String(32)),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("opened_at", TIMESTAMP),
        sa.Column("frozen_at", TIMESTAMP),
        sa.Column("revealed_at", TIMESTAMP),
    )
    op.create_table(
        "challenge_submissions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "challenge_id",
            sa.String(32),
            sa.ForeignKey("challenges.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("team", sa.String(64)),
        sa.Column("is_baseline", sa.Boolean, nullable=False),
        sa.Column("job_id", sa.String(32), nullable=False),
        sa.Column("note", sa.String(500), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("public_score", sa.Float),
        sa.Column("private_score", sa.Float),
        sa.Column("shown_public_score", sa.Float),
        sa.Column("significant", sa.Boolean),
        sa.Column("public_examples", sa.Integer),
        sa.Column("private_examples", sa.Integer),
        sa.Column("architecture", sa.String(40)),
        sa.Column("parameters", sa.Integer),
        sa.Column("latency_ms_per_image", sa.Float),
        sa.Column("error", sa.Text),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("scored_at", TIMESTAMP),
    )
    op.create_index(
        "ix_challenge_submissions_challenge_id_team",
        "challenge_submissions",
        ["challenge_id", "team"],
    )


def downgrade() -> None:
    op.drop_index(
        "ix_challenge_submissions_challenge_id_team",
        table_name="challenge_submissions",
    )
    op.drop_table("challenge_submissions")
    op.drop_table("challenges")
    with op.batch_alter_table("training_jobs") as batch:
        batch.drop_index("ix_training_jobs_challenge_id")
        batch.drop_column("challenge_id")
