"""covering indexes for the KPI queries

The KPI queries select rows by client (or project) and date and read one more
column; with that column in the index, SQLite and PostgreSQL answer from the index
alone instead of visiting every row. Each new index replaces the narrower one it
starts with. Measured on the `large` demo database (SQLite), CPU per `kpi_report`:
about 1.9 s before, 0.8 s after (open overdue action items 0.58 s -> 0.07 s);
client health's attendance join over a year of meetings also reads status.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 02:10:00
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (table, old index, old columns, new index, new columns)
REPLACED = (
    (
        "invoices",
        "ix_invoices_client_issued",
        ["client_id", "issued_on"],
        "ix_invoices_client_issued_amount",
        ["client_id", "issued_on", "amount_cents"],
    ),
    (
        "action_items",
        "ix_action_items_client_due",
        ["client_id", "due_on"],
        "ix_action_items_client_due_completed",
        ["client_id", "due_on", "completed_on"],
    ),
    (
        "spend",
        "ix_spend_project_spent",
        ["project_id", "spent_on"],
        "ix_spend_project_spent_amount",
        ["project_id", "spent_on", "amount_cents"],
    ),
    (
        "meetings",
        "ix_meetings_client_start",
        ["client_id", "scheduled_start"],
        "ix_meetings_client_start_status",
        ["client_id", "scheduled_start", "status"],
    ),
    (
        "attendees",
        "ix_attendees_meeting_id",
        ["meeting_id"],
        "ix_attendees_meeting_side_attended",
        ["meeting_id", "side", "attended"],
    ),
)


def upgrade() -> None:
    for table, old, _, new, columns in REPLACED:
        op.create_index(new, table, columns, unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, old, old_columns, new, _ in reversed(REPLACED):
        op.create_index(old, table, old_columns, unique=False)
        op.drop_index(new, table_name=table)
