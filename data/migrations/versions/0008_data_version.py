"""data version, and date-first covering indexes for queries over all clients

Results computed from the data are cached under the version they were computed
for; a write bumps the version in its own transaction, so a cached result is
never stale.

A query for all clients no longer carries `client_id IN (SELECT id FROM clients)`,
so it no longer reaches the client-first covering indexes; the date indexes of
action items and spend become covering (date, then the columns read). Measured on
the `large` demo database (SQLite), CPU: open overdue items 0.50 s -> 0.08 s,
spend of two months 0.29 s -> 0.01 s.

Revision ID: 0008_data_version
Revises: 0007_targets
Create Date: 2026-11-30 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_data_version"
down_revision = "0007_targets"
branch_labels = None
depends_on = None

# (table, old index, old columns, new index, new columns)
REPLACED = (
    (
        "action_items",
        "ix_action_items_due_on",
        ["due_on"],
        "ix_action_items_due_completed_client",
        ["due_on", "completed_on", "client_id"],
    ),
    (
        "spend",
        "ix_spend_spent_on",
        ["spent_on"],
        "ix_spend_spent_project_amount",
        ["spent_on", "project_id", "amount_cents"],
    ),
)


def upgrade() -> None:
    table = op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_data_version_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])
    for table_name, old, _, new, columns in REPLACED:
        op.create_index(new, table_name, columns, unique=False)
        op.drop_index(old, table_name=table_name)


def downgrade() -> None:
    for table_name, old, old_columns, new, _ in reversed(REPLACED):
        op.create_index(old, table_name, old_columns, unique=False)
        op.drop_index(new, table_name=table_name)
    op.drop_table("data_version")
