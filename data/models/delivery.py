"""Scheduled reports: who gets which report when (subscriptions), and each message
sent or tried (deliveries, one row per subscription, period and recipient)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base, one_of

CADENCES = ("weekly", "monthly", "quarterly")
PERIOD_RULES = ("closed", "to_date")
SUBSCRIPTION_AUDIENCES = ("client", "internal")
# pending: waiting for its (next) attempt; rendering: claimed, the report is being
# built (safe to start again); sending: handed to the mail server (never started
# again: it may have gone out); sent; failed: given up, the owner told.
DELIVERY_STATUSES = ("pending", "rendering", "sending", "sent", "failed")


class Subscription(Base):
    """A standing order for the report: what (clients or an owner's book,
    audience, language), when (cadence, day, local time in its own time zone),
    which period each run covers, and to whom. Times are naive UTC."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        CheckConstraint(one_of("audience", SUBSCRIPTION_AUDIENCES), name="audience"),
        CheckConstraint(one_of("cadence", CADENCES), name="cadence"),
        CheckConstraint(one_of("period_rule", PERIOD_RULES), name="period_rule"),
        CheckConstraint("day >= 0 AND day <= 92", name="day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    # Comma-separated client external ids; empty when the scope is a book.
    clients: Mapped[str] = mapped_column(Text, default="")
    owner_book: Mapped[str | None] = mapped_column(String(100))
    audience: Mapped[str] = mapped_column(String(10))
    lang: Mapped[str] = mapped_column(String(5))
    cadence: Mapped[str] = mapped_column(String(10))
    # weekly: 0 (Monday) to 6; monthly: 1 to 31; quarterly: 1 to 92 days after.
    day: Mapped[int] = mapped_column(Integer)
    local_time: Mapped[str] = mapped_column(String(5))  # "09:00"
    timezone: Mapped[str] = mapped_column(String(64))
    period_rule: Mapped[str] = mapped_column(String(10))
    recipients: Mapped[str] = mapped_column(Text)  # comma-separated addresses
    owner_username: Mapped[str] = mapped_column(String(100), index=True)
    # Where failures are reported (once per failed delivery).
    owner_email: Mapped[str | None] = mapped_column(String(254))
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    # Runs due before this moment are never caught up (created, or resumed).
    active_since: Mapped[dt.datetime] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Delivery(Base):
    """One report for one recipient and one run; written before anything is sent,
    so a second worker finds the row and does not send again."""

    __tablename__ = "deliveries"
    __table_args__ = (
        CheckConstraint(one_of("status", DELIVERY_STATUSES), name="status"),
        UniqueConstraint("subscription_id", "period", "recipient"),
        Index("ix_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE")
    )
    # The run: the period label, and "to <day>" for a period-to-date run.
    period: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254))
    due_at: Mapped[dt.datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # When a worker task was last queued for it (not queued again for a while).
    queued_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(200))
    # attachment, or link (the PDF could not be checked or was too large).
    sent_as: Mapped[str | None] = mapped_column(String(10))
    snapshot_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_snapshots.id", ondelete="SET NULL")
    )
    # A book's report as sent (one-client reports are finalised: snapshot_id).
    sent_copy_id: Mapped[int | None] = mapped_column(
        ForeignKey("sent_copies.id", ondelete="SET NULL")
    )
    owner_told_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SentCopy(Base):
    """A book report exactly as a schedule sent it for one run: the report of
    several clients has no finalised version of its own, so the schedule keeps
    its copy. One row per distinct content; never changed once written."""

    __tablename__ = "sent_copies"
    __table_args__ = (UniqueConstraint("subscription_id", "period", "content_hash"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE")
    )
    period: Mapped[str] = mapped_column(String(40))
    lang: Mapped[str] = mapped_column(String(5))
    content_hash: Mapped[str] = mapped_column(String(64))
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
