"""sent copies: a book report exactly as a schedule sent it

A one-client report a schedule sends is finalised (report_snapshots); the report
of an owner's book has no finalised version of its own, so the Deliveries page
had nothing to link. The schedule now keeps the copy it sent, one row per
distinct content of a run, and each delivery points at it.

Revision ID: 0009_sent_copies
Revises: 0008_data_version
Create Date: 2026-11-30 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_sent_copies"
down_revision = "0008_data_version"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sent_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("subscription_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("lang", sa.String(length=5), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("html", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscriptions.id"],
            name=op.f("fk_sent_copies_subscription_id_subscriptions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_copies")),
        sa.UniqueConstraint(
            "subscription_id",
            "period",
            "content_hash",
            name=op.f("uq_sent_copies_subscription_id"),
        ),
    )
    with op.batch_alter_table("deliveries") as batch:
        batch.add_column(sa.Column("sent_copy_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_deliveries_sent_copy_id_sent_copies"),
            "sent_copies",
            ["sent_copy_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        batch.drop_constraint(
            op.f("fk_deliveries_sent_copy_id_sent_copies"), type_="foreignkey"
        )
        batch.drop_column("sent_copy_id")
    op.drop_table("sent_copies")
