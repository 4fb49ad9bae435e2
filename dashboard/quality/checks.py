"""Run the data-quality checks for a scope and filters: counts, feed ages, rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd
from sqlalchemy import Connection

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import period_containing
from dashboard.kernel.quality_text import CHECKS, FEED_KPIS, FEEDS
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from data.queries.held import holds
from data.queries.held_quality import held_check_counts
from data.queries.quality import (
    ROW_CHECKS,
    CheckDates,
    check_statement,
    count_rows,
)
from data.queries.quality_feeds import newest_rows

QUIET = "quiet_feeds"


@dataclass(frozen=True)
class FeedAge:
    """A feed's newest row on or before as_of, its age in days and its limit."""

    feed: str
    newest: dt.date | None
    age_days: int | None
    limit_days: int

    @property
    def quiet(self) -> bool:
        """True when its newest row is older than the limit (a feed without any
        row is not quiet: it never spoke)."""
        return self.age_days is not None and self.age_days > self.limit_days


@dataclass(frozen=True)
class CheckResult:
    """One check: its id, severity, the KPIs it affects and how many rows fail."""

    check: str
    severity: str
    kpis: tuple[str, ...]
    count: int

    @property
    def failed(self) -> bool:
        """True when a row fails the check."""
        return self.count > 0


@dataclass(frozen=True)
class Quality:
    """Every check's result (in CHECKS order) and every feed's age."""

    checks: tuple[CheckResult, ...]
    feeds: tuple[FeedAge, ...]

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        """The checks that fail, in CHECKS order (high severity first)."""
        return tuple(check for check in self.checks if check.failed)

    @property
    def counts(self) -> dict[str, int]:
        """Check id → failing rows."""
        return {check.check: check.count for check in self.checks}


def check_dates(settings: Settings) -> CheckDates:
    """as_of, the last complete quarter and the time zone of the settings."""
    as_of = settings.today()
    quarter = period_containing(as_of, "quarter", settings.fiscal_year_start_month)
    return CheckDates(
        as_of=as_of, quarter=quarter.previous(), timezone=settings.timezone
    )


def feed_ages(
    conn: Connection, settings: Settings, filters: Filters | None, scope: Scope
) -> tuple[FeedAge, ...]:
    """Each feed the viewer may see, with its newest row and age."""
    as_of = settings.today()
    newest = newest_rows(
        conn=conn, filters=filters, scope=scope, as_of=as_of, timezone=settings.timezone
    )
    return _ages(newest, as_of, settings)


def _ages(
    newest: dict[str, dt.date | None], as_of: dt.date, settings: Settings
) -> tuple[FeedAge, ...]:
    limits = settings.stale_days
    return tuple(
        FeedAge(
            feed=feed,
            newest=newest[feed],
            age_days=None if newest[feed] is None else (as_of - newest[feed]).days,
            limit_days=limits[feed],
        )
        for feed in FEEDS
        if feed in newest
    )


def _quiet_kpis(feeds: tuple[FeedAge, ...]) -> tuple[str, ...]:
    quiet = [feed for feed in feeds if feed.quiet] or feeds
    return tuple(dict.fromkeys(k for feed in quiet for k in FEED_KPIS[feed.feed]))


def run_checks(
    conn: Connection,
    *,
    settings: Settings,
    filters: Filters | None,
    scope: Scope,
) -> Quality:
    """Every check for the filters within the scope: summed from each client's
    counts where the database is held (a server), else counted in SQL."""
    dates = check_dates(settings)
    if holds(conn):
        found, newest = held_check_counts(conn, filters, scope, dates)
        feeds = _ages(newest, dates.as_of, settings)
    else:
        feeds = feed_ages(conn, settings, filters, scope)
        found = {
            check: count_rows(
                conn, check_statement(check, filters=filters, scope=scope, dates=dates)
            )
            for check in ROW_CHECKS
        }
    results = []
    for check, (severity, kpis) in CHECKS.items():
        if check == QUIET:
            count = sum(feed.quiet for feed in feeds)
            kpis = _quiet_kpis(feeds)
        else:
            count = found[check]
        results.append(CheckResult(check, severity, kpis, count))
    return Quality(checks=tuple(results), feeds=feeds)


def check_rows(
    conn: Connection,
    check: str,
    *,
    settings: Settings,
    filters: Filters | None,
    scope: Scope,
    limit: int | None = None,
) -> pd.DataFrame:
    """The offending rows of one check (a key of CHECKS), at most `limit`."""
    if check == QUIET:
        feeds = [
            feed for feed in feed_ages(conn, settings, filters, scope) if feed.quiet
        ]
        frame = pd.DataFrame(
            {
                "feed": [feed.feed for feed in feeds],
                "newest_row_on": [feed.newest for feed in feeds],
                "age_days": [feed.age_days for feed in feeds],
                "limit_days": [feed.limit_days for feed in feeds],
            }
        )
        return frame.head(limit) if limit is not None else frame
    statement = check_statement(
        check, filters=filters, scope=scope, dates=check_dates(settings)
    )
    if limit is not None:
        statement = statement.limit(limit)
    result = conn.execute(statement)
    frame = pd.DataFrame([tuple(row) for row in result], columns=list(result.keys()))
    for column in frame.columns:
        if column.endswith("_on"):  # SQLite gives MAX() of a date as text
            frame[column] = [_day(value) for value in frame[column]]
    # Money is stored in cents: shown and written as amounts (480.05).
    amounts = {
        c: c.removesuffix("_cents") for c in frame.columns if c.endswith("_cents")
    }
    for cents in amounts:
        frame[cents] = [Decimal(int(value)).scaleb(-2) for value in frame[cents]]
    return frame.rename(columns=amounts)


def _day(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
