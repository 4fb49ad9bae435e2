"""report subscriptions and their deliveries, the delivery audit actions

A subscription sends the report on a cadence (weekly, monthly, quarterly) at a
local time in its own time zone; each message is a delivery row, unique per
subscription, period and recipient, written before it is sent.

Revision ID: 0006_deliveries
Revises: 0004
Create Date: 2026-11-30 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_deliveries"
down_revision = "0004"
branch_labels = None
depends_on = None

ACTIONS = (
    "'login', 'login_failed', 'lockout', 'logout', 'presenting_started', "
    "'presenting_stopped', 'export', 'import', 'user_added', 'user_disabled', "
    "'password_set', 'report_finalised'"
)
NEW_ACTIONS = ACTIONS + ", 'schedule_changed', 'delivery_sent', 'delivery_failed'"
STATUSES = "'pending', 'rendering', 'sending', 'sent', 'failed'"


def _audit_actions(actions: str) -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("ck_audit_log_action"), type_="check")
        batch.create_check_constraint(
            op.f("ck_audit_log_action"), f"action IN ({actions})"
        )


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("clients", sa.Text(), nullable=False),
        sa.Column("owner_book", sa.String(length=100), nullable=True),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("cadence", sa.String(length=10), nullable=False),
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("local_time", sa.String(length=5), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("period_rule", sa.String(length=10), nullable=False),
        sa.Column("recipients", sa.Text(), nullable=False),
        sa.Column("owner_username", sa.String(length=100), nullable=False),
        sa.Column("owner_email", sa.String(length=254), nullable=True),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("active_since", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "audience IN ('client', 'internal')",
            name=op.f("ck_subscriptions_audience"),
        ),
        sa.CheckConstraint(
            "cadence IN ('weekly', 'monthly', 'quarterly')",
            name=op.f("ck_subscriptions_cadence"),
        ),
        sa.CheckConstraint(
            "period_rule IN ('closed', 'to_date')",
            name=op.f("ck_subscriptions_period_rule"),
        ),
        sa.CheckConstraint("day >= 0 AND day <= 92", name=op.f("ck_subscriptions_day")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
    )
    op.create_index(
        op.f("ix_subscriptions_owner_username"), "subscriptions", ["owner_username"]
    )
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("queued_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=200), nullable=True),
        sa.Column("sent_as", sa.String(length=10), nullable=True),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.Column("owner_told_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            f"status IN ({STATUSES})", name=op.f("ck_deliveries_status")
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscriptions.id"],
            name=op.f("fk_deliveries_subscription_id_subscriptions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["report_snapshots.id"],
            name=op.f("fk_deliveries_snapshot_id_report_snapshots"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint(
            "subscription_id",
            "period",
            "recipient",
            name=op.f("uq_deliveries_subscription_id"),
        ),
    )
    op.create_index(
        "ix_deliveries_status_next_attempt_at",
        "deliveries",
        ["status", "next_attempt_at"],
    )
    _audit_actions(NEW_ACTIONS)


def downgrade() -> None:
    _audit_actions(ACTIONS)
    op.drop_index("ix_deliveries_status_next_attempt_at", table_name="deliveries")
    op.drop_table("deliveries")
    op.drop_index(op.f("ix_subscriptions_owner_username"), table_name="subscriptions")
    op.drop_table("subscriptions")
