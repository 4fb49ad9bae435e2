"""report comments, finalised report snapshots, the report_finalised audit action

A manager's comment per section of a report (client, period, audience, language)
and the finalised reports: the model as JSON and the HTML as shared, numbered
per report (unique, so two finalises at once cannot share a version).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 11:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

AUDIENCES = "'client', 'internal'"
SECTIONS = "'summary', 'progress', 'problems', 'next_steps'"
ACTIONS = (
    "'login', 'login_failed', 'lockout', 'logout', 'presenting_started', "
    "'presenting_stopped', 'export', 'import', 'user_added', 'user_disabled', "
    "'password_set'"
)
NEW_ACTIONS = ACTIONS + ", 'report_finalised'"


def _audit_actions(actions: str) -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("ck_audit_log_action"), type_="check")
        batch.create_check_constraint(
            op.f("ck_audit_log_action"), f"action IN ({actions})"
        )


def upgrade() -> None:
    op.create_table(
        "report_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"audience IN ({AUDIENCES})", name=op.f("ck_report_comments_audience")
        ),
        sa.CheckConstraint(
            f"section IN ({SECTIONS})", name=op.f("ck_report_comments_section")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_comments")),
        sa.UniqueConstraint(
            "client",
            "period",
            "audience",
            "lang",
            "section",
            name=op.f("uq_report_comments_client"),
        ),
    )
    op.create_table(
        "report_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("audience", sa.String(length=10), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("model_json", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            f"audience IN ({AUDIENCES})", name=op.f("ck_report_snapshots_audience")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_snapshots")),
        sa.UniqueConstraint(
            "client",
            "period",
            "audience",
            "lang",
            "version",
            name=op.f("uq_report_snapshots_client"),
        ),
    )
    op.create_index(
        op.f("ix_report_snapshots_client"), "report_snapshots", ["client"]
    )
    _audit_actions(NEW_ACTIONS)


def downgrade() -> None:
    _audit_actions(ACTIONS)
    op.drop_index(op.f("ix_report_snapshots_client"), table_name="report_snapshots")
    op.drop_table("report_snapshots")
    op.drop_table("report_comments")
