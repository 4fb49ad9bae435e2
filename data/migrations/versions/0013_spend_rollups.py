"""spend rollups: per-project and per-client-and-category sums of spend by month and
by day

The budget figures (spend to date per project, spend in a window, daily spend,
spend by category) are summed from these instead of the raw spend rows (2.4 M at
the `large` size). Filled from the existing rows here, so an upgraded database
reads right at once.

Revision ID: 0013_spend_rollups
Revises: 0012_rollups
Create Date: 2026-11-30 20:00:00
"""

import sqlalchemy as sa
from alembic import op

from data.rollups import refresh_rollups

revision = "0013_spend_rollups"
down_revision = "0012_rollups"
branch_labels = None
depends_on = None

ROLLUPS = ("rollup_spend", "rollup_spend_categories")


def _amount() -> sa.Column:
    return sa.Column("amount_cents", sa.BigInteger(), nullable=False)


def _checks(name: str) -> list:
    return [
        sa.CheckConstraint("grain IN (0, 1)", name=op.f(f"ck_{name}_grain")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f(f"fk_{name}_client_id_clients"),
            ondelete="CASCADE",
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "rollup_spend",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("grain", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        _amount(),
        *_checks("rollup_spend"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_rollup_spend_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "project_id", "grain", "day", name=op.f("pk_rollup_spend")
        ),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "rollup_spend_categories",
        sa.Column("grain", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        _amount(),
        *_checks("rollup_spend_categories"),
        sa.PrimaryKeyConstraint(
            "grain",
            "day",
            "client_id",
            "category",
            name=op.f("pk_rollup_spend_categories"),
        ),
        sqlite_with_rowid=False,
    )
    for name in ROLLUPS:
        op.create_index(
            f"ix_{name}_client_grain_day",
            name,
            ["client_id", "grain", "day"],
            unique=False,
        )
    refresh_rollups(op.get_bind(), None, tables=ROLLUPS, bump=False)


def downgrade() -> None:
    for name in reversed(ROLLUPS):
        op.drop_index(f"ix_{name}_client_grain_day", table_name=name)
        op.drop_table(name)
