"""The data model: one table per imported entity of DATA.md, rules as constraints.

Money is stored as whole cents (BIGINT) so sums are exact on SQLite and PostgreSQL
alike; meeting start times are stored as naive UTC datetimes.
"""

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
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SEGMENTS = ("enterprise", "mid_market", "smb")
MEETING_KINDS = ("qbr", "monthly_review", "weekly_sync", "workshop", "escalation")
MEETING_STATUSES = ("scheduled", "held", "cancelled", "no_show")
ATTENDEE_SIDES = ("client", "internal")
SPEND_CATEGORIES = ("labor", "travel", "software", "subcontract", "other")
SURVEY_KINDS = ("nps", "csat")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: tuple[str, ...]) -> str:
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations are stable."""

    metadata = MetaData(naming_convention=NAMING)


class Client(Base):
    """A client (logo): active from `onboarded_on` until the day before `churned_on`."""

    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint(_in("segment", SEGMENTS), name="segment"),
        CheckConstraint(
            "churned_on IS NULL OR churned_on > onboarded_on",
            name="churn_after_onboard",
        ),
        CheckConstraint(
            "churn_reason IS NULL OR churned_on IS NOT NULL", name="reason_needs_churn"
        ),
        Index("ix_clients_onboarded_churned", "onboarded_on", "churned_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    segment: Mapped[str] = mapped_column(String(20), index=True)
    industry: Mapped[str | None] = mapped_column(String(100))
    region: Mapped[str | None] = mapped_column(String(100), index=True)
    owner: Mapped[str | None] = mapped_column(String(100), index=True)
    onboarded_on: Mapped[dt.date] = mapped_column(Date)
    churned_on: Mapped[dt.date | None] = mapped_column(Date)
    churn_reason: Mapped[str | None] = mapped_column(String(200))


class Invoice(Base):
    """An invoice, or a credit note when the amount is negative."""

    __tablename__ = "invoices"
    __table_args__ = (
        Index(
            "ix_invoices_client_issued_amount", "client_id", "issued_on", "amount_cents"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    issued_on: Mapped[dt.date] = mapped_column(Date, index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    product: Mapped[str | None] = mapped_column(String(100))


class Meeting(Base):
    """A meeting with a client; `scheduled_start` is UTC."""

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(_in("kind", MEETING_KINDS), name="kind"),
        CheckConstraint(_in("status", MEETING_STATUSES), name="status"),
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
        CheckConstraint(_in("side", ATTENDEE_SIDES), name="side"),
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
    """A follow-up agreed with a client, usually in a meeting."""

    __tablename__ = "action_items"
    __table_args__ = (
        CheckConstraint("due_on >= created_on", name="due_after_created"),
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
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)


class Project(Base):
    """A delivery project for one client, with a budget (BAC)."""

    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint("end_on >= start_on", name="end_after_start"),
        CheckConstraint("budget_cents > 0", name="budget_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    start_on: Mapped[dt.date] = mapped_column(Date)
    end_on: Mapped[dt.date] = mapped_column(Date)
    budget_cents: Mapped[int] = mapped_column(BigInteger)


class Spend(Base):
    """Money spent on a project on a day (actual cost, AC)."""

    __tablename__ = "spend"
    __table_args__ = (
        CheckConstraint(_in("category", SPEND_CATEGORIES), name="category"),
        Index(
            "ix_spend_project_spent_amount", "project_id", "spent_on", "amount_cents"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE")
    )
    spent_on: Mapped[dt.date] = mapped_column(Date, index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    category: Mapped[str] = mapped_column(String(20))


class Milestone(Base):
    """A weighted milestone of a project; completion drives earned value."""

    __tablename__ = "milestones"
    __table_args__ = (CheckConstraint("weight > 0", name="weight_positive"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    planned_on: Mapped[dt.date] = mapped_column(Date)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    weight: Mapped[float] = mapped_column(Float, default=1.0)


class SurveyResponse(Base):
    """One NPS (0-10) or CSAT (1-5) answer from a client."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint(_in("kind", SURVEY_KINDS), name="kind"),
        CheckConstraint(
            "(kind = 'nps' AND score >= 0 AND score <= 10)"
            " OR (kind = 'csat' AND score >= 1 AND score <= 5)",
            name="score_range",
        ),
        Index("ix_survey_responses_client_responded", "client_id", "responded_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    responded_on: Mapped[dt.date] = mapped_column(Date, index=True)
    kind: Mapped[str] = mapped_column(String(10))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)


class AcquisitionSpend(Base):
    """Marketing and sales spend to win clients, optionally tagged by segment."""

    __tablename__ = "acquisition_spend"
    __table_args__ = (
        CheckConstraint(
            f"segment IS NULL OR {_in('segment', SEGMENTS)}", name="segment"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spent_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    segment: Mapped[str | None] = mapped_column(String(20))


ENTITY_TABLES = (
    Client.__table__,
    Invoice.__table__,
    Meeting.__table__,
    Attendee.__table__,
    ActionItem.__table__,
    Project.__table__,
    Spend.__table__,
    Milestone.__table__,
    SurveyResponse.__table__,
    AcquisitionSpend.__table__,
)


# The login tables live in their own module; imported here so that
# Base.metadata (and so Alembic) knows every table.
from data import auth_models as _auth_models  # noqa: E402, F401
