"""Meeting aggregates for a window of local dates: held meetings and their attendees.

A meeting belongs to the window when its start, read in the configured time zone,
falls on a day in `[window.start, window.t]`; `scheduled_start` is stored as naive
UTC, so the window's bounds are turned into UTC instants (local midnights).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, and_, case, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Attendee, Meeting, RollupMeetings
from data.queries.rollups import rollup_piece_sums
from data.queries.selection import local_midnight_utc, selected_clients

MEETING_TOTALS = (
    "held",
    "client_invited",
    "client_attended",
    "objectives_set",
    "objectives_met",
    "overruns",
    "overrun_minutes",
    "cost_cents",
    "feedback_total",
    "feedback_n",
)


def _sum(expression) -> ColumnElement:
    return func.coalesce(func.sum(expression), 0)


def count_where(condition: ColumnElement[bool]) -> ColumnElement:
    """SQL aggregate: the number of rows meeting the condition (0 when none)."""
    return _sum(case((condition, 1), else_=0))


def held_in_window(window: Window, timezone: str) -> ColumnElement[bool]:
    """SQL: the meeting was held and its local start date is in the window."""
    return and_(
        Meeting.status == "held",
        Meeting.scheduled_start >= local_midnight_utc(window.start, timezone),
        Meeting.scheduled_start < local_midnight_utc(window.end, timezone),
    )


def held_meeting_columns() -> list[ColumnElement]:
    """Aggregates over held meetings (rows of `meetings`), labelled as MEETING_TOTALS.

    A meeting with `objectives_set` but no `objectives_met` counts as none met;
    meetings without `objectives_set` are left out of both sums.
    """
    with_objectives = Meeting.objectives_set.is_not(None)
    return [
        func.count().label("held"),
        _sum(Meeting.objectives_set).label("objectives_set"),
        _sum(
            case((with_objectives, func.coalesce(Meeting.objectives_met, 0)), else_=0)
        ).label("objectives_met"),
        count_where(Meeting.actual_minutes > Meeting.planned_minutes).label("overruns"),
        _sum(Meeting.actual_minutes - Meeting.planned_minutes).label("overrun_minutes"),
        _sum(Meeting.cost_cents).label("cost_cents"),
        _sum(Meeting.feedback_score).label("feedback_total"),
        func.count(Meeting.feedback_score).label("feedback_n"),
    ]


def client_attendee_columns() -> list[ColumnElement]:
    """Aggregates over attendee rows: client-side invited and attended."""
    client_side = Attendee.side == "client"
    return [
        count_where(client_side).label("client_invited"),
        count_where(and_(client_side, Attendee.attended.is_(True))).label(
            "client_attended"
        ),
    ]


def meeting_totals(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    timezone: str,
) -> dict[str, int | float]:
    """Totals over the held meetings of the selected clients in the window.

    Keys are MEETING_TOTALS: counts and minute sums are ints, `feedback_total` is
    the sum of the given feedback scores and `cost_cents` the cost in cents (empty
    cost = 0).
    """
    selected = selected_clients(Meeting.client_id, filters, scope)
    held = held_in_window(window, timezone)
    meetings = conn.execute(select(*held_meeting_columns()).where(selected, held)).one()
    attendees = conn.execute(
        select(*client_attendee_columns())
        .select_from(Attendee)
        .join(Meeting, Meeting.id == Attendee.meeting_id)
        .where(selected, held)
    ).one()
    totals = {**meetings._mapping, **attendees._mapping}
    return {
        key: float(totals[key]) if key == "feedback_total" else int(totals[key])
        for key in MEETING_TOTALS
    }


def meeting_totals_many(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    windows: Sequence[Window],
) -> list[dict[str, int | float]]:
    """`meeting_totals` of each window, in one query over the rollups (whose
    meeting days must be in the configured time zone: see `rollup_timezone`)."""
    totals = rollup_piece_sums(
        conn,
        RollupMeetings.__table__,
        MEETING_TOTALS,
        windows=windows,
        filters=filters,
        scope=scope,
    )
    for window_totals in totals:
        window_totals["feedback_total"] = float(window_totals["feedback_total"])
    return totals
