"""Imports started in the browser: one row per run (a dry run, or the import of a
dry run's files), written by the page and kept up to date by the run's process."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of

RUN_MODES = ("dry_run", "import")
# queued: waiting for its process; running; done: counted (dry run) or written
# (import); refused: the files have problems, or the data changed since the dry
# run; cancelled: stopped by a person, nothing written; failed: stopped by an
# error, nothing written.
RUN_STATUSES = ("queued", "running", "done", "refused", "cancelled", "failed")


class ImportRun(Base):
    """One run of the importer on uploaded files. JSON columns: `files` (names,
    in upload order), `counts` (per entity: rows, inserted, updated, unchanged,
    deleted) and `problems` (file, unit, row, column, message)."""

    __tablename__ = "import_runs"
    __table_args__ = (
        CheckConstraint(one_of("mode", RUN_MODES), name="mode"),
        CheckConstraint(one_of("status", RUN_STATUSES), name="status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress"),
        # A dry run is imported at most once.
        UniqueConstraint("dry_run_id", name="uq_import_runs_dry_run_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mode: Mapped[str] = mapped_column(String(10))
    dry_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_runs.id"))
    username: Mapped[str] = mapped_column(String(100), index=True)
    address: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    files: Mapped[str] = mapped_column(Text)
    total_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    # The folder under instance/uploads holding the files; NULL once deleted.
    folder: Mapped[str | None] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(10), index=True)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[str | None] = mapped_column(Text)
    problems: Mapped[str | None] = mapped_column(Text)
    problem_count: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
    # The data version the dry run saw; its import is refused once it moved on.
    data_version: Mapped[int | None] = mapped_column(BigInteger)
    # An import's data-quality counts per check, before and after (JSON).
    quality: Mapped[str | None] = mapped_column(Text)
