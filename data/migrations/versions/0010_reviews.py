"""reviews held on the dashboard, their decisions and notes, the review audit actions

Action items get the side they belong to (the client's or ours), set when
they are agreed in a review. A review is one meeting with a client for a period, started and ended on the
dashboard; what is captured during it goes to the tables the KPIs read (meetings,
attendees, action items, targets). The review row keeps its clock, an optimistic
version and the once-only claim of its recap email; at most one review of a
client is open at a time.

Revision ID: 0010_reviews
Revises: 0009_sent_copies
Create Date: 2026-11-30 16:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_reviews"
down_revision = "0009_sent_copies"
branch_labels = None
depends_on = None

OPEN = "status = 'open'"
ACTIONS = (
    "'login', 'login_failed', 'lockout', 'logout', 'presenting_started', "
    "'presenting_stopped', 'export', 'import', 'user_added', 'user_disabled', "
    "'password_set', 'report_finalised', 'schedule_changed', 'delivery_sent', "
    "'delivery_failed', 'target_set', 'target_deleted'"
)
NEW_ACTIONS = (
    ACTIONS + ", 'review_started', 'review_changed', 'review_ended', "
    "'review_recap_sent'"
)


def _audit_actions(actions: str) -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_constraint(op.f("ck_audit_log_action"), type_="check")
        batch.create_check_constraint(
            op.f("ck_audit_log_action"), f"action IN ({actions})"
        )


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("started_by", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by", sa.String(length=100), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("snapshot_id", sa.Integer(), nullable=True),
        sa.Column("recap_to", sa.Text(), nullable=True),
        sa.Column("recap_claimed_at", sa.DateTime(), nullable=True),
        sa.Column("recap_sent_at", sa.DateTime(), nullable=True),
        sa.Column("recap_error", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'ended')", name=op.f("ck_reviews_status")
        ),
        sa.CheckConstraint("version >= 1", name=op.f("ck_reviews_version")),
        sa.CheckConstraint(
            "(status = 'open' AND ended_at IS NULL)"
            " OR (status = 'ended' AND ended_at IS NOT NULL)",
            name=op.f("ck_reviews_ended_when_ended"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.id"],
            name=op.f("fk_reviews_client_id_clients"), ondelete="CASCADE",
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meetings.id"],
            name=op.f("fk_reviews_meeting_id_meetings"), ondelete="CASCADE",
        ),  # fmt: skip
        sa.ForeignKeyConstraint(
            ["snapshot_id"], ["report_snapshots.id"],
            name=op.f("fk_reviews_snapshot_id_report_snapshots"),
            ondelete="SET NULL",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("meeting_id", name=op.f("uq_reviews_meeting_id")),
    )
    op.create_index(
        "uq_reviews_open_client", "reviews", ["client_id"], unique=True,
        sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN),
    )  # fmt: skip
    op.create_index("ix_reviews_client_ended", "reviews", ["client_id", "ended_at"])
    op.create_table(
        "review_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("section", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("written_by", sa.String(length=100), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "section IN ('changes', 'summary', 'progress', 'problems', 'next_steps')",
            name=op.f("ck_review_notes_section"),
        ),
        sa.CheckConstraint(
            "kind IN ('decision', 'note')", name=op.f("ck_review_notes_kind")
        ),
        sa.CheckConstraint(
            "visibility IN ('shared', 'internal')",
            name=op.f("ck_review_notes_visibility"),
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"],
            name=op.f("fk_review_notes_review_id_reviews"), ondelete="CASCADE",
        ),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_notes")),
    )
    op.create_index(
        op.f("ix_review_notes_review_id"), "review_notes", ["review_id"]
    )
    with op.batch_alter_table("action_items") as batch:
        batch.add_column(sa.Column("side", sa.String(length=10), nullable=True))
        batch.create_check_constraint(
            op.f("ck_action_items_side"),
            "side IS NULL OR side IN ('client', 'internal')",
        )
    _audit_actions(NEW_ACTIONS)


def downgrade() -> None:
    _audit_actions(ACTIONS)
    with op.batch_alter_table("action_items") as batch:
        batch.drop_constraint(op.f("ck_action_items_side"), type_="check")
        batch.drop_column("side")
    op.drop_index(op.f("ix_review_notes_review_id"), table_name="review_notes")
    op.drop_table("review_notes")
    op.drop_index("ix_reviews_client_ended", table_name="reviews")
    op.drop_index("uq_reviews_open_client", table_name="reviews")
    op.drop_table("reviews")
