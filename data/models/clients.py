"""Clients and what they bring: invoices, survey answers; acquisition spend."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from dashboard.kernel.filters import SEGMENTS
from data.models.base import (
    SURVEY_KINDS,
    Base,
    one_of,
)


class Client(Base):
    """A client (logo): active from `onboarded_on` until the day before `churned_on`."""

    __tablename__ = "clients"
    __table_args__ = (
        CheckConstraint(one_of("segment", SEGMENTS), name="segment"),
        CheckConstraint(
            "churned_on IS NULL OR churned_on > onboarded_on",
            name="churn_after_onboard",
        ),
        CheckConstraint(
            "churn_reason IS NULL OR churned_on IS NOT NULL", name="reason_needs_churn"
        ),
        Index("ix_clients_onboarded_churned", "onboarded_on", "churned_on"),
        # The client picker's options are the first clients by name.
        Index("ix_clients_name_external_id", "name", "external_id"),
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


class SurveyResponse(Base):
    """One NPS (0-10) or CSAT (1-5) answer from a client."""

    __tablename__ = "survey_responses"
    __table_args__ = (
        CheckConstraint(one_of("kind", SURVEY_KINDS), name="kind"),
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
            f"segment IS NULL OR {one_of('segment', SEGMENTS)}", name="segment"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spent_on: Mapped[dt.date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(100))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    segment: Mapped[str | None] = mapped_column(String(20))
