"""Submissions of a model trained outside ArchiLab (a .keras file, no job).

Revision ID: 0003
Revises: 0002
Created: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch: SQLite cannot drop NOT NULL in place; one path for both backends.
    with op.batch_alter_table("challenge_submissions") as batch:
        batch.alter_column("job_id", existing_type=sa.String(32), nullable=True)
        batch.add_column(
            sa.Column("external", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("error_code", sa.String(64)))
        batch.add_column(sa.Column("error_params", sa.JSON))


def downgrade() -> None:
    op.execute("DELETE FROM challenge_submissions WHERE job_id IS NULL")
    with op.batch_alter_table("challenge_submissions") as batch:
        batch.drop_column("error_params")
        batch.drop_column("error_code")
        batch.drop_column("external")
        batch.alter_column("job_id", existing_type=sa.String(32), nullable=False)
