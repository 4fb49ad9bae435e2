"""Agreed targets: a threshold for one KPI in one period, for a client, a segment
or the whole portfolio (rules: dashboard/kernel/targets.py)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.kernel.filters import SEGMENTS
from dashboard.kernel.targets import TARGET_SCOPES
from data.models.base import Base, one_of

PORTFOLIO = "scope = 'portfolio'"


class Target(Base):
    """One agreed target; `version` grows by one on every change, so a save made
    from an older reading is refused instead of overwriting."""

    __tablename__ = "targets"
    __table_args__ = (
        CheckConstraint(one_of("scope", TARGET_SCOPES), name="scope"),
        CheckConstraint(one_of("segment", SEGMENTS), name="segment"),
        CheckConstraint(
            "(scope = 'client' AND client_id IS NOT NULL AND segment IS NULL)"
            " OR (scope = 'segment' AND client_id IS NULL AND segment IS NOT NULL)"
            " OR (scope = 'portfolio' AND client_id IS NULL AND segment IS NULL)",
            name="exactly_one_scope",
        ),
        CheckConstraint("version >= 1", name="version"),
        # One target per (whom, kpi, period): NULLs never collide in a unique
        # constraint, so the portfolio's targets get a partial unique index.
        UniqueConstraint("client_id", "kpi", "period", name="uq_targets_client"),
        UniqueConstraint("segment", "kpi", "period", name="uq_targets_segment"),
        Index(
            "uq_targets_portfolio",
            "kpi",
            "period",
            unique=True,
            sqlite_where=text(PORTFOLIO),
            postgresql_where=text(PORTFOLIO),
        ),
        Index("ix_targets_period_kpi", "period", "kpi"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(10))
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("clients.id", ondelete="CASCADE")
    )
    segment: Mapped[str | None] = mapped_column(String(20))
    kpi: Mapped[str] = mapped_column(String(40))
    period: Mapped[str] = mapped_column(String(20))
    value: Mapped[float] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(String(500))
    set_by: Mapped[str] = mapped_column(String(100))
    set_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)
