"""import runs: uploads in the browser, their dry runs and imports

One row per run of the importer started from the upload page: who, when, which
files, its status and progress while its process works, then the counts per
entity or every problem. A dry run is imported at most once (unique dry_run_id).

Revision ID: 0011_import_runs
Revises: 0010_reviews
Create Date: 2026-11-30 16:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_import_runs"
down_revision = "0010_reviews"
branch_labels = None
depends_on = None

MODES = "'dry_run', 'import'"
STATUSES = "'queued', 'running', 'done', 'refused', 'cancelled', 'failed'"


def upgrade() -> None:
    op.create_table(
        "import_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(length=10), nullable=False),
        sa.Column("dry_run_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("total_bytes", sa.BigInteger(), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=True),
        sa.Column("problems", sa.Text(), nullable=True),
        sa.Column("problem_count", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("data_version", sa.BigInteger(), nullable=True),
        sa.Column("quality", sa.Text(), nullable=True),
        sa.CheckConstraint(f"mode IN ({MODES})", name=op.f("ck_import_runs_mode")),
        sa.CheckConstraint(
            f"status IN ({STATUSES})", name=op.f("ck_import_runs_status")
        ),
        sa.CheckConstraint(
            "progress >= 0 AND progress <= 100", name=op.f("ck_import_runs_progress")
        ),
        sa.ForeignKeyConstraint(
            ["dry_run_id"],
            ["import_runs.id"],
            name=op.f("fk_import_runs_dry_run_id_import_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_runs")),
        sa.UniqueConstraint("dry_run_id", name="uq_import_runs_dry_run_id"),
    )
    op.create_index(
        op.f("ix_import_runs_created_at"), "import_runs", ["created_at"], unique=False
    )
    op.create_index(
        op.f("ix_import_runs_status"), "import_runs", ["status"], unique=False
    )
    op.create_index(
        op.f("ix_import_runs_username"), "import_runs", ["username"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_import_runs_username"), table_name="import_runs")
    op.drop_index(op.f("ix_import_runs_status"), table_name="import_runs")
    op.drop_index(op.f("ix_import_runs_created_at"), table_name="import_runs")
    op.drop_table("import_runs")
