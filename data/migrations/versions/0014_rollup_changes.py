"""rollup changes: the clients whose rollup rows each data version changed

A server holds the rollup rows in memory and read them all again after every
write: about 2.5 s at the `large` size, after each save during a review meeting.
With the clients each version changed, it reads those clients' rows alone, and
nothing after a write that changed no rollup (a report comment).

Revision ID: 0014_rollup_changes
Revises: 0013_spend_rollups
Create Date: 2026-12-01 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_rollup_changes"
down_revision = "0013_spend_rollups"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rollup_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_changes")),
    )
    op.create_index(
        op.f("ix_rollup_changes_version"), "rollup_changes", ["version"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_rollup_changes_version"), table_name="rollup_changes")
    op.drop_table("rollup_changes")
