"""Per-client counts behind client health: NPS answers, attendance, on-time items.

Budget and revenue inputs come from `data.queries.budget.project_inputs` and
`data.queries.revenue.revenue_by_client`, so they are counted exactly as the cards
count them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Subquery, and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import (
    ActionItem,
    Attendee,
    Client,
    Meeting,
    RollupActionItems,
    RollupMeetings,
    RollupSurveys,
    SurveyResponse,
)
from data.queries.action_items import due_in_window, due_item_columns
from data.queries.frames import rows_frame
from data.queries.meetings import client_attendee_columns, held_in_window
from data.queries.rollups import rollup_key_totals, rollup_timezone
from data.queries.selection import client_condition
from data.queries.visibility import client_facing_items_condition

COUNT_COLUMNS = [
    "nps_n",
    "promoters",
    "detractors",
    "client_invited",
    "client_attended",
    "items_due",
    "items_on_time",
]
HEALTH_INPUT_COLUMNS = ["client_id", "external_id", "name", *COUNT_COLUMNS]
INTEGER_COLUMNS = frozenset(("client_id", *COUNT_COLUMNS))
# Each count: {its name here: its column in the raw rows' subquery and in the
# rollups (action items: a client-facing scope reads the `shared_` ones)}.
SURVEYS = {"nps_n": "nps_n", "promoters": "promoters", "detractors": "detractors"}
ATTENDEES = {"client_invited": "client_invited", "client_attended": "client_attended"}
ITEMS = {"items_due": "due", "items_on_time": "on_time"}


def _count_where(condition: ColumnElement[bool]) -> ColumnElement:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _active_on(day: dt.date) -> ColumnElement[bool]:
    return and_(
        Client.onboarded_on <= day,
        or_(Client.churned_on.is_(None), Client.churned_on > day),
    )


def health_inputs(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    timezone: str,
    rollups: bool = False,
) -> pd.DataFrame:
    """One row per selected client active on `window.t`, with its counts in the
    window: NPS answers (`nps_n`, `promoters` 9–10, `detractors` 0–6), client-side
    attendees of held meetings (`client_invited`, `client_attended`) and action
    items due (`items_due`, `items_on_time`; only the shared ones for a
    client-facing scope). Clients without data get zeros. `rollups`: the counts
    are read from the rollups where they exist (the meetings' only while their
    days are in `timezone`), else from the raw rows; the numbers are the same.
    """
    clients = (
        select(Client.id, Client.external_id, Client.name)
        .where(client_condition(filters, scope), _active_on(window.t))
        .subquery()
    )
    zone = rollup_timezone(conn) if rollups else None
    attendees = (_raw_attendees(clients, window, timezone), ATTENDEES)
    if zone is None:
        surveys = (_raw_surveys(clients, window), SURVEYS)
        items = (_raw_items(clients, window, scope), ITEMS)
        return _joined(conn, clients, [surveys, attendees, items])
    # From the rollups: the sums per client of each rollup table (held in memory
    # in a server), set beside the clients' rows.
    prefix = "" if scope.internal else "shared_"
    sums = {
        RollupSurveys.__table__: SURVEYS,
        RollupActionItems.__table__: {
            name: prefix + column for name, column in ITEMS.items()
        },
    }
    if zone == timezone:
        sums[RollupMeetings.__table__] = ATTENDEES
        frame = _joined(conn, clients, [])
    else:
        frame = _joined(conn, clients, [attendees])
    ids = frame["client_id"].to_numpy(dtype="int64")
    for table, columns in sums.items():
        totals = rollup_key_totals(
            conn,
            table,
            list(columns.values()),
            key="client_id",
            window=window,
            condition=table.c.client_id.in_(select(clients.c.id)),
            chosen=lambda: ids,
        )
        for name, column in columns.items():
            by_client = frame["client_id"].map(totals[column]).fillna(0)
            frame[name] = by_client.astype("int64")
    return frame[HEALTH_INPUT_COLUMNS]


def _joined(
    conn: Connection, clients: Subquery, counts: list[tuple[Subquery, dict]]
) -> pd.DataFrame:
    """The clients' rows, by external id, with the counts of each subquery
    (named as its mapping says: {name: the subquery's column}; zeros where a
    client has no row)."""
    names = [name for _, columns in counts for name in columns]
    values = [
        func.coalesce(count.c[column], 0)
        for count, columns in counts
        for column in columns.values()
    ]
    statement = select(clients.c.id, clients.c.external_id, clients.c.name, *values)
    for count, _ in counts:
        statement = statement.outerjoin(count, count.c.client_id == clients.c.id)
    rows = conn.execute(statement.order_by(clients.c.external_id)).all()
    return rows_frame(
        rows, ["client_id", "external_id", "name", *names], INTEGER_COLUMNS
    )


def _raw_surveys(clients: Subquery, window: Window) -> Subquery:
    nps = SurveyResponse.kind == "nps"
    return (
        select(
            SurveyResponse.client_id,
            _count_where(nps).label("nps_n"),
            _count_where(and_(nps, SurveyResponse.score >= 9)).label("promoters"),
            _count_where(and_(nps, SurveyResponse.score <= 6)).label("detractors"),
        )
        .where(
            SurveyResponse.client_id.in_(select(clients.c.id)),
            SurveyResponse.responded_on >= window.start,
            SurveyResponse.responded_on <= window.t,
        )
        .group_by(SurveyResponse.client_id)
        .subquery()
    )


def _raw_attendees(clients: Subquery, window: Window, timezone: str) -> Subquery:
    return (
        select(Meeting.client_id, *client_attendee_columns())
        .select_from(Attendee)
        .join(Meeting, Meeting.id == Attendee.meeting_id)
        .where(
            Meeting.client_id.in_(select(clients.c.id)),
            held_in_window(window, timezone),
        )
        .group_by(Meeting.client_id)
        .subquery()
    )


def _raw_items(clients: Subquery, window: Window, scope: Scope) -> Subquery:
    return (
        select(ActionItem.client_id, *due_item_columns(window.t))
        .where(
            ActionItem.client_id.in_(select(clients.c.id)),
            due_in_window(window),
            client_facing_items_condition(scope),
        )
        .group_by(ActionItem.client_id)
        .subquery()
    )
