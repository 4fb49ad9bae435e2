"""agreed targets, action item visibility, the target audit actions

Targets per client, segment or the whole portfolio, KPI and period, versioned for
optimistic concurrency. Action items get a visibility (`shared` with the client or
`internal`); items that exist already become internal, so nothing is shown to a
client that nobody chose to share.

Revision ID: 0007_targets
Revises: 0006_deliveries
Create Date: 2026-11-30 13:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_targets"
down_revision = "0006_deliveries"
branch_labels = None
depends_on = None

SCOPES = "'client', 'segment', 'portfolio'"
SEGMENTS = "'enterprise', 'mid_market', 'smb'"
VISIBILITIES = "'shared', 'internal'"
PORTFOLIO = "scope = 'portfolio'"
ACTIONS = (
    "'login', 'login_failed', 'lockout', 'logout', 'presenting_started', "
    "'presenting_stopped', 'export', 'import', 'user_added', 'user_disabled', "
    "'password_set', 'report_finalised', 'schedule_changed', 'delivery_sent', "
    "'delivery_failed'"
)
NEW_ACTIONS = ACTIONS + ", 'target_set', 'target_deleted'"


def _audit_actions(actions: str) -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("ck_audit_log_action"), type_="check")
        batch.create_check_constraint(
            op.f("ck_audit_log_action"), f"action IN ({actions})"
        )


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=10), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("segment", sa.String(length=20), nullable=True),
        sa.Column("kpi", sa.String(length=40), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("set_by", sa.String(length=100), nullable=False),
        sa.Column("set_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(f"scope IN ({SCOPES})", name=op.f("ck_targets_scope")),
        sa.CheckConstraint(
            f"segment IN ({SEGMENTS})", name=op.f("ck_targets_segment")
        ),
        sa.CheckConstraint(
            "(scope = 'client' AND client_id IS NOT NULL AND segment IS NULL)"
            " OR (scope = 'segment' AND client_id IS NULL AND segment IS NOT NULL)"
            " OR (scope = 'portfolio' AND client_id IS NULL AND segment IS NULL)",
            name=op.f("ck_targets_exactly_one_scope"),
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_targets_version")),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_targets_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint(
            "client_id", "kpi", "period", name=op.f("uq_targets_client")
        ),
        sa.UniqueConstraint(
            "segment", "kpi", "period", name=op.f("uq_targets_segment")
        ),
    )
    op.create_index(
        "uq_targets_portfolio",
        "targets",
        ["kpi", "period"],
        unique=True,
        sqlite_where=sa.text(PORTFOLIO),
        postgresql_where=sa.text(PORTFOLIO),
    )
    op.create_index("ix_targets_period_kpi", "targets", ["period", "kpi"])
    with op.batch_alter_table("action_items") as batch:
        batch.add_column(
            sa.Column(
                "visibility",
                sa.String(length=10),
                server_default="internal",
                nullable=False,
            )
        )
        batch.create_check_constraint(
            op.f("ck_action_items_visibility"), f"visibility IN ({VISIBILITIES})"
        )
    _audit_actions(NEW_ACTIONS)


def downgrade() -> None:
    _audit_actions(ACTIONS)
    with op.batch_alter_table("action_items") as batch:
        batch.drop_constraint(op.f("ck_action_items_visibility"), type_="check")
        batch.drop_column("visibility")
    op.drop_index("ix_targets_period_kpi", table_name="targets")
    op.drop_index("uq_targets_portfolio", table_name="targets")
    op.drop_table("targets")
