"""rollups: per-client sums of meetings, revenue, surveys and action items by month and
by day

The headline's heaviest figures are summed from these instead of the raw rows
(attendees alone are 2.6 M rows at the `large` size). The tables are filled from
the existing rows here, so an upgraded database reads right at once; meeting days
are in the TIMEZONE setting of the environment that runs the upgrade (UTC when
unset), and a later write in another zone rebuilds them in that one.

Revision ID: 0012_rollups
Revises: 0011_import_runs
Create Date: 2026-11-30 16:30:00
"""

import os
import zoneinfo

import sqlalchemy as sa
from alembic import op

from data.queries.meetings import MEETING_TOTALS
from data.queries.satisfaction import SURVEY_COUNTS
from data.rollups import DEFAULT_TIMEZONE, refresh_rollups

revision = "0012_rollups"
down_revision = "0011_import_runs"
branch_labels = None
depends_on = None

ROLLUPS = ("rollup_action_items", "rollup_surveys", "rollup_revenue", "rollup_meetings")
ACTION_ITEM_COUNTS = ("due", "completed", "on_time")
ACTION_ITEM_COUNTS += tuple(f"shared_{name}" for name in ACTION_ITEM_COUNTS)
# Whole-number sums; `feedback_total` is the one float (a sum of scores).
MEETING_COUNTS = tuple(name for name in MEETING_TOTALS if name != "feedback_total")


def _rollup_table(name: str, *measures: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("grain", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        *measures,
        sa.CheckConstraint("grain IN (0, 1)", name=op.f(f"ck_{name}_grain")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f(f"fk_{name}_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("grain", "day", "client_id", name=op.f(f"pk_{name}")),
        sqlite_with_rowid=False,
    )
    op.create_index(
        f"ix_{name}_client_grain_day", name, ["client_id", "grain", "day"], unique=False
    )


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.BigInteger(), nullable=False) for name in names]


def _timezone() -> str:
    name = os.environ.get("TIMEZONE") or DEFAULT_TIMEZONE
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return name


def upgrade() -> None:
    op.create_table(
        "rollup_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_rollup_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_state")),
    )
    _rollup_table(
        "rollup_meetings",
        *_counts(*MEETING_COUNTS),
        sa.Column("feedback_total", sa.Float(), nullable=False),
    )
    _rollup_table("rollup_revenue", *_counts("amount_cents"))
    _rollup_table("rollup_surveys", *_counts(*SURVEY_COUNTS))
    _rollup_table("rollup_action_items", *_counts(*ACTION_ITEM_COUNTS))
    op.create_index(
        "ix_action_items_completed_due",
        "action_items",
        ["completed_on", "due_on"],
        unique=False,
    )
    refresh_rollups(op.get_bind(), None, timezone=_timezone(), tables=ROLLUPS, bump=False)


def downgrade() -> None:
    op.drop_index("ix_action_items_completed_due", table_name="action_items")
    for name in ROLLUPS:
        op.drop_index(f"ix_{name}_client_grain_day", table_name=name)
        op.drop_table(name)
    op.drop_table("rollup_state")
