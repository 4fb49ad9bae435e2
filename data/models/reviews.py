"""Review meetings held on the dashboard: the review itself (client, period, its
meeting, clock, status, version) and what was written during it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import ACTION_ITEM_VISIBILITIES, Base, one_of

REVIEW_STATUSES = ("open", "ended")
# The agenda items a note is written on (the report's sections, after what changed).
REVIEW_SECTIONS = ("changes", "summary", "progress", "problems", "next_steps")
NOTE_KINDS = ("decision", "note")
OPEN = "status = 'open'"


class Review(Base):
    """One review meeting with a client for a period. `version` grows by one with
    every change, so a save made from an older reading is refused; at most one
    review of a client is open at a time. The recap is claimed once
    (`recap_claimed_at`), so it is never sent twice."""

    __tablename__ = "reviews"
    __table_args__ = (
        CheckConstraint(one_of("status", REVIEW_STATUSES), name="status"),
        CheckConstraint("version >= 1", name="version"),
        CheckConstraint(
            "(status = 'open' AND ended_at IS NULL)"
            " OR (status = 'ended' AND ended_at IS NOT NULL)",
            name="ended_when_ended",
        ),
        Index(
            "uq_reviews_open_client",
            "client_id",
            unique=True,
            sqlite_where=text(OPEN),
            postgresql_where=text(OPEN),
        ),
        Index("ix_reviews_client_ended", "client_id", "ended_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(20))
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    started_by: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_snapshots.id", ondelete="SET NULL")
    )
    recap_to: Mapped[str | None] = mapped_column(Text)
    recap_claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    recap_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    recap_error: Mapped[str | None] = mapped_column(Text)


class ReviewNote(Base):
    """A decision or note written on one agenda item; `shared` ones are part of
    the review's outcome the client sees, `internal` ones never reach the client
    (not while presenting, not in a client report, not to a client's login)."""

    __tablename__ = "review_notes"
    __table_args__ = (
        CheckConstraint(one_of("section", REVIEW_SECTIONS), name="section"),
        CheckConstraint(one_of("kind", NOTE_KINDS), name="kind"),
        CheckConstraint(
            one_of("visibility", ACTION_ITEM_VISIBILITIES), name="visibility"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("reviews.id", ondelete="CASCADE"), index=True
    )
    section: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    visibility: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    written_by: Mapped[str] = mapped_column(String(100))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
