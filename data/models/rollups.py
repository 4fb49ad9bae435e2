"""Rollups: per-client sums of the heaviest topics, by month and by day.

Each rollup row holds the exact sums (whole numbers, cents) of one client's rows
(spend: one project's, or one client's in one category) in one bucket: a whole
month (`grain` MONTH, `day` = the month's first day) or one day (`grain` DAY). A
window `[start, t]` is summed from the months that lie wholly inside it and the
days of the months its bounds cut, so its sums equal the raw rows' to the last
digit. Meetings are bucketed by their local start date in
the time zone `rollup_state.timezone` names; the rollups are read only while it
is the configured one. Rebuilt by `refresh_rollups` in every write's transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
)
from sqlalchemy.orm import Mapped, mapped_column

from data.models.base import Base

MONTH = 0
DAY = 1
# On SQLite the rows are stored in key order (grain, day, client): a range of
# days is read in place, without a lookup from the key's index into the table.
CLUSTERED = {"sqlite_with_rowid": False}


def _client_id() -> Mapped[int]:
    return mapped_column(ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True)


def _grain() -> Mapped[int]:
    return mapped_column(Integer, primary_key=True, autoincrement=False)


def _count() -> Mapped[int]:
    return mapped_column(BigInteger, default=0)


class RollupState(Base):
    """Whether the rollups exist, and the time zone their meeting days are in."""

    __tablename__ = "rollup_state"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    timezone: Mapped[str] = mapped_column(String(64))


class RollupMeetings(Base):
    """Held meetings of a client in a bucket (local start date) and their
    client-side attendees: the sums behind the Meetings rows of METRICS.md."""

    __tablename__ = "rollup_meetings"
    __table_args__ = (
        CheckConstraint("grain IN (0, 1)", name="grain"),
        # One client (a filter, a refresh): its rows in date order.
        Index("ix_rollup_meetings_client_grain_day", "client_id", "grain", "day"),
        CLUSTERED,
    )

    grain: Mapped[int] = _grain()
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = _client_id()
    held: Mapped[int] = _count()
    client_invited: Mapped[int] = _count()
    client_attended: Mapped[int] = _count()
    objectives_set: Mapped[int] = _count()
    objectives_met: Mapped[int] = _count()
    overruns: Mapped[int] = _count()
    overrun_minutes: Mapped[int] = _count()
    cost_cents: Mapped[int] = _count()
    feedback_total: Mapped[float] = mapped_column(Float, default=0.0)
    feedback_n: Mapped[int] = _count()


class RollupRevenue(Base):
    """Σ invoice cents of a client issued in a bucket (credit notes included)."""

    __tablename__ = "rollup_revenue"
    __table_args__ = (
        CheckConstraint("grain IN (0, 1)", name="grain"),
        # One client (a filter, a refresh): its rows in date order.
        Index("ix_rollup_revenue_client_grain_day", "client_id", "grain", "day"),
        CLUSTERED,
    )

    grain: Mapped[int] = _grain()
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = _client_id()
    amount_cents: Mapped[int] = _count()


class RollupSurveys(Base):
    """Survey responses of a client in a bucket, per kind and band."""

    __tablename__ = "rollup_surveys"
    __table_args__ = (
        CheckConstraint("grain IN (0, 1)", name="grain"),
        # One client (a filter, a refresh): its rows in date order.
        Index("ix_rollup_surveys_client_grain_day", "client_id", "grain", "day"),
        CLUSTERED,
    )

    grain: Mapped[int] = _grain()
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = _client_id()
    nps_n: Mapped[int] = _count()
    promoters: Mapped[int] = _count()
    detractors: Mapped[int] = _count()
    csat_n: Mapped[int] = _count()
    satisfied: Mapped[int] = _count()


class RollupActionItems(Base):
    """Action items of a client due in a bucket: all of them, and those shared
    with the client (what a client-facing view counts). `completed` counts items
    with a completion date at all; a view subtracts those completed after its
    as_of (see `action_item_counts_many`)."""

    __tablename__ = "rollup_action_items"
    __table_args__ = (
        CheckConstraint("grain IN (0, 1)", name="grain"),
        # One client (a filter, a refresh): its rows in date order.
        Index("ix_rollup_action_items_client_grain_day", "client_id", "grain", "day"),
        CLUSTERED,
    )

    grain: Mapped[int] = _grain()
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = _client_id()
    due: Mapped[int] = _count()
    completed: Mapped[int] = _count()
    on_time: Mapped[int] = _count()
    shared_due: Mapped[int] = _count()
    shared_completed: Mapped[int] = _count()
    shared_on_time: Mapped[int] = _count()


class RollupSpend(Base):
    """Σ spend cents of a project in a bucket: a project's spend up to t (AC)
    and the daily spend behind the burn-ups. `client_id` is the project's client
    (what filters and refreshes select by)."""

    __tablename__ = "rollup_spend"
    __table_args__ = (
        CheckConstraint("grain IN (0, 1)", name="grain"),
        # One client (a filter, a refresh): its rows in date order.
        Index("ix_rollup_spend_client_grain_day", "client_id", "grain", "day"),
        CLUSTERED,
    )

    # Project first: every read names the projects counted (their months up to
    # t, or their days), each a range of the key read in place.
    project_id: Mapped[int] = mapped_column(
        ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True
    )
    grain: Mapped[int] = _grain()
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id", ondelete="CASCADE"))
    amount_cents: Mapped[int] = _count()


class RollupSpendCategories(Base):
    """Σ spend cents of a client's projects in a bucket, per category: the
    spend in a window (the `spend` metric) and its split by category."""

    __tablename__ = "rollup_spend_categories"
    __table_args__ = (
        CheckConstraint("grain IN (0, 1)", name="grain"),
        # One client (a filter, a refresh): its rows in date order.
        Index(
            "ix_rollup_spend_categories_client_grain_day", "client_id", "grain", "day"
        ),
        CLUSTERED,
    )

    grain: Mapped[int] = _grain()
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    client_id: Mapped[int] = _client_id()
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    amount_cents: Mapped[int] = _count()


ROLLUP_TABLES = (
    RollupMeetings.__table__,
    RollupRevenue.__table__,
    RollupSurveys.__table__,
    RollupActionItems.__table__,
    RollupSpend.__table__,
    RollupSpendCategories.__table__,
)
# The columns, besides `grain` and `day`, a rollup's rows are keyed and
# selected by; the others are the sums.
KEY_COLUMNS = ("client_id", "project_id", "category")


def sum_columns(table: Table) -> list[Column]:
    """The columns of a rollup table that hold sums (all but grain, day, keys)."""
    return [c for c in table.c if c.name not in ("grain", "day", *KEY_COLUMNS)]


def next_month(month: dt.date) -> dt.date:
    """The first day of the month after `month`'s (a month bucket's end)."""
    return (month + dt.timedelta(days=32)).replace(day=1)
