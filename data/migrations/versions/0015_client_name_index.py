"""client name index: the client picker's first options without sorting every client

The picker offers the first clients by name (and the first matches of what is
typed, by name). Without an index on the name, the database read and sorted all
clients for each such request: about 2 ms at 10,000 clients, on every link that
names a client.

Revision ID: 0015_client_name_index
Revises: 0014_rollup_changes
Create Date: 2026-12-01 19:40:00
"""

from alembic import op

revision = "0015_client_name_index"
down_revision = "0014_rollup_changes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_clients_name_external_id", "clients", ["name", "external_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_clients_name_external_id", table_name="clients")
