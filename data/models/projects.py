"""Projects with their budget, spend and milestones."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import (
    SPEND_CATEGORIES,
    Base,
    one_of,
)


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
        CheckConstraint(one_of("category", SPEND_CATEGORIES), name="category"),
        Index(
            "ix_spend_project_spent_amount", "project_id", "spent_on", "amount_cents"
        ),
        # For all clients (no project condition): dates first, still covering.
        Index(
            "ix_spend_spent_project_amount", "spent_on", "project_id", "amount_cents"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE")
    )
    spent_on: Mapped[dt.date] = mapped_column(Date)
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
