"""Meetings, their attendees and the action items they produce."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import (
    ACTION_ITEM_VISIBILITIES,
    ATTENDEE_SIDES,
    MEETING_KINDS,
    MEETING_STATUSES,
    Base,
    one_of,
)


class Meeting(Base):
    """A meeting with a client; `scheduled_start` is UTC."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(one_of("kind", MEETING_KINDS), name="kind"),
        CheckConstraint(one_of("status", MEETING_STATUSES), name="status"),
        CheckConstraint("planned_minutes >= 0", name="planned_minutes"),
        CheckConstraint(
            "(status = 'held' AND actual_minutes IS NOT NULL AND actual_minutes >= 0)"
            " OR (status <> 'held' AND actual_minutes IS NULL)",
            name="actual_minutes_when_held",
        ),
        CheckConstraint(
            "objectives_set IS NULL OR objectives_set >= 0", name="objectives_set"
        ),
        CheckConstraint(
            "objectives_met IS NULL OR (objectives_set IS NOT NULL"
            " AND objectives_met >= 0 AND objectives_met <= objectives_set)",
            name="objectives_met",
        ),
        CheckConstraint("cost_cents IS NULL OR cost_cents >= 0", name="cost"),
        CheckConstraint(
            "feedback_score IS NULL OR (feedback_score >= 1 AND feedback_score <= 5)",
            name="feedback_score",
        ),
        Index(
            "ix_meetings_client_start_status", "client_id", "scheduled_start", "status"
        ),
        Index("ix_meetings_start_status", "scheduled_start", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    scheduled_start: Mapped[dt.datetime] = mapped_column(DateTime)
    planned_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    actual_minutes: Mapped[int | None] = mapped_column(Integer)
    objectives_set: Mapped[int | None] = mapped_column(Integer)
    objectives_met: Mapped[int | None] = mapped_column(Integer)
    cost_cents: Mapped[int | None] = mapped_column(BigInteger)
    feedback_score: Mapped[float | None] = mapped_column(Float)


class Attendee(Base):
    """A person invited to a meeting, from the client's side or ours."""

    __tablename__ = "attendees"
    __table_args__ = (
        CheckConstraint(one_of("side", ATTENDEE_SIDES), name="side"),
        UniqueConstraint("meeting_id", "side", "name", name="uq_attendees_person"),
        Index("ix_attendees_meeting_side_attended", "meeting_id", "side", "attended"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE")
    )
    name: Mapped[str] = mapped_column(String(200))
    side: Mapped[str] = mapped_column(String(10))
    attended: Mapped[bool] = mapped_column(Boolean)


class ActionItem(Base):
    """A follow-up agreed with a client, usually in a meeting; only `shared` ones
    are ever shown to the client."""

    __tablename__ = "action_items"
    __table_args__ = (
        CheckConstraint(
            one_of("visibility", ACTION_ITEM_VISIBILITIES), name="visibility"
        ),
        CheckConstraint("due_on >= created_on", name="due_after_created"),
        CheckConstraint(
            "side IS NULL OR " + one_of("side", ATTENDEE_SIDES), name="side"
        ),
        CheckConstraint(
            "completed_on IS NULL OR completed_on >= created_on",
            name="completed_after_created",
        ),
        Index(
            "ix_action_items_client_due_completed",
            "client_id",
            "due_on",
            "completed_on",
        ),
        # For all clients (no client condition): dates first, still covering.
        Index(
            "ix_action_items_due_completed_client",
            "due_on",
            "completed_on",
            "client_id",
        ),
        # Items completed after a view's as_of (the rollups count every
        # completed item): usually none, found without reading the others.
        Index("ix_action_items_completed_due", "completed_on", "due_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    owner: Mapped[str] = mapped_column(String(100), index=True)
    created_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    visibility: Mapped[str] = mapped_column(
        String(10), default="internal", server_default="internal"
    )
    # Whose item it is, when agreed in a review on the dashboard: the client's
    # (`client`) or ours (`internal`); None for imported items.
    side: Mapped[str | None] = mapped_column(String(10))
