"""The parts of the report read with their own queries: the clients' names,
trends, health, the next meeting."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dashboard.figures.card_values import format_value
from dashboard.figures.client_meetings import local_starts
from dashboard.figures.meeting_kinds import kind_labels
from dashboard.kernel.formatting import format_day, format_number, format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.kernel.periods import Window
from dashboard.kpis import kpi_trend
from dashboard.kpis.health import client_health
from dashboard.metrics.health import health_band
from dashboard.reports.model import Trend
from data.models import Client
from data.queries.client_detail import client_meetings
from data.queries.selection import scope_condition

TREND_KEYS = ("revenue", "nps", "attendance_rate")
TREND_PERIODS = 8
MEETING_LOOKAHEAD = (31, 365)  # days: a month first, then the year
BANDS = {"healthy": "Healthy", "watch": "Watch", "at_risk": "At risk"}


def client_names(conn, scope, clients, owner) -> dict[str, str]:
    """External id → name of the clients the report covers, within the scope: the
    ones named, else the owner's book, else all. A one-client report reads one row,
    not the whole client list."""
    where = [scope_condition(scope)]
    if clients:
        where.append(Client.external_id.in_(clients))
    elif owner is not None:
        where.append(Client.owner == owner)
    rows = conn.execute(select(Client.external_id, Client.name).where(*where))
    return {external_id: name for external_id, name in rows}


def has_owner(conn, scope, owner: str) -> bool:
    """Whether a client within the scope has this owner."""
    found = select(Client.id).where(scope_condition(scope), Client.owner == owner)
    return conn.execute(found.limit(1)).first() is not None


def trends(conn, settings, filters, scope, report, lang) -> tuple[Trend, ...]:
    """The last periods of a few figures, P among them (the same KPI functions)."""
    frame = kpi_trend(
        conn,
        settings=settings,
        filters=filters,
        scope=scope,
        keys=TREND_KEYS,
        periods=TREND_PERIODS,
        known=report,
    )
    periods = tuple(format_period(label, lang) for label in frame.index)
    _ = translator(lang)
    return tuple(
        Trend(
            key=key,
            title=_(TITLES[key]),
            periods=periods,
            values=tuple(frame[key]),
            texts=tuple(
                format_value(key, v, lang, settings.currency) for v in frame[key]
            ),
        )
        for key in TREND_KEYS
    )


def health(conn, settings, filters, scope, lang) -> tuple[str | None, str | None]:
    """The mean health score of the clients (formatted) and its band."""
    table = client_health(conn, settings=settings, filters=filters, scope=scope)
    scores = [s for s in table["score"] if s is not None and s == s]
    if not scores:
        return None, None
    score = sum(scores) / len(scores)
    return format_number(score, lang, 0), translator(lang)(BANDS[health_band(score)])


def next_meeting(conn, settings, filters, scope, lang) -> str | None:
    """The first scheduled meeting from as_of on: "QBR, Sep 3, 2026".

    A book has a meeting in the next days most of the time: the first month is
    read first (tens of rows, not a year of thousands of clients' meetings), the
    year only when the month holds none.
    """
    as_of = settings.today()
    for days in MEETING_LOOKAHEAD:
        meetings = client_meetings(
            conn=conn,
            filters=filters,
            scope=scope,
            window=Window(as_of, as_of + dt.timedelta(days=days)),
            timezone=settings.timezone,
        )
        planned = meetings[meetings["status"] == "scheduled"]
        if not planned.empty:
            break
    else:
        return None
    first = planned.iloc[0]
    start = local_starts(planned["scheduled_start"].iloc[:1], settings.timezone)
    kind = kind_labels(lang).get(first["kind"], first["kind"])
    return f"{kind}, {format_day(start.iloc[0].date(), lang)}"
