"""Meeting drill-down aggregates: attendance per client, meetings by kind and status.

Meetings belong to a window by their local start date, exactly as the meeting
metrics count them (bounds are local midnights turned into naive UTC).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import Connection, and_, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Attendee, Client, Meeting, RollupMeetings
from data.queries.frames import plain_rows
from data.queries.held import holds
from data.queries.held_labels import held_client_labels
from data.queries.meetings import client_attendee_columns, held_in_window
from data.queries.rollups import rollup_key_totals, rollup_timezone
from data.queries.selection import (
    client_condition,
    local_midnight_utc,
    selected_client_ids,
    selected_clients,
)

ATTENDANCE_COLUMNS = ["external_id", "name", "held", "invited", "attended"]
KIND_STATUS_COLUMNS = ["kind", "status", "meetings"]


def starts_in_window(window: Window, timezone: str) -> ColumnElement[bool]:
    """SQL: the meeting's local start date is in the window (any status)."""
    return and_(
        Meeting.scheduled_start >= local_midnight_utc(window.start, timezone),
        Meeting.scheduled_start < local_midnight_utc(window.end, timezone),
    )


def attendance_by_client(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    timezone: str,
    rollups: bool = False,
) -> pd.DataFrame:
    """Per client with held meetings in the window: held meetings and client-side
    attendees invited and attended (the attendance rate's terms), by external id.
    `rollups`: summed from the meeting rollups while their days are in
    `timezone` (held in memory in a server), else from the attendee rows; the
    numbers are the same."""
    if rollups and rollup_timezone(conn) == timezone:
        return _attendance_from_rollups(conn, filters, scope, window)
    selected = selected_clients(Meeting.client_id, filters, scope)
    held = held_in_window(window, timezone)
    rows = conn.execute(
        select(
            Client.external_id,
            Client.name,
            func.count(func.distinct(Meeting.id)),
            *client_attendee_columns(),
        )
        .select_from(Meeting)
        .join(Client, Client.id == Meeting.client_id)
        .outerjoin(Attendee, Attendee.meeting_id == Meeting.id)
        .where(selected, held)
        .group_by(Client.external_id, Client.name)
        .order_by(Client.external_id)
    ).all()
    frame = pd.DataFrame(plain_rows(rows), columns=ATTENDANCE_COLUMNS)
    return frame.astype(dict.fromkeys(ATTENDANCE_COLUMNS[2:], "int64"))


def _attendance_from_rollups(
    conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    table = RollupMeetings.__table__
    sums = rollup_key_totals(
        conn,
        table,
        ["held", "client_invited", "client_attended"],
        key="client_id",
        window=window,
        condition=selected_clients(table.c.client_id, filters, scope),
        chosen=lambda: selected_client_ids(conn, filters, scope),
    )
    sums.columns = ATTENDANCE_COLUMNS[2:]
    sums = sums[sums["held"] > 0]
    if holds(conn):
        # The sums are the selected clients' already: named from memory, in
        # the database's order of external ids.
        labels = held_client_labels(conn)
        # As the join with the clients: a client a write removed since is left out.
        known, at = labels.found(sums.index.to_numpy())
        sums = sums[known]
        order = np.argsort(labels.rank[at], kind="stable")
        columns = [labels.external_id[at], labels.name[at]]
        columns += [sums[name].to_numpy() for name in sums.columns]
        rows = zip(*(column[order].tolist() for column in columns), strict=True)
        # Built as the database's rows are, so that the types are the same.
        frame = pd.DataFrame(list(rows), columns=ATTENDANCE_COLUMNS)
        return frame.astype(dict.fromkeys(ATTENDANCE_COLUMNS[2:], "int64"))
    clients = conn.execute(
        select(Client.id, Client.external_id, Client.name)
        .where(client_condition(filters, scope))
        .order_by(Client.external_id)
    ).all()
    frame = pd.DataFrame(
        plain_rows(clients), columns=["client_id", *ATTENDANCE_COLUMNS[:2]]
    )
    frame = frame.join(sums, on="client_id", how="inner")
    frame = frame[ATTENDANCE_COLUMNS].reset_index(drop=True)
    return frame.astype(dict.fromkeys(ATTENDANCE_COLUMNS[2:], "int64"))


def meetings_by_kind_status(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    timezone: str,
) -> pd.DataFrame:
    """Number of meetings of the selected clients starting in the window, per kind
    and status (only combinations that occur)."""
    selected = selected_clients(Meeting.client_id, filters, scope)
    rows = conn.execute(
        select(Meeting.kind, Meeting.status, func.count())
        .where(selected, starts_in_window(window, timezone))
        .group_by(Meeting.kind, Meeting.status)
        .order_by(Meeting.kind, Meeting.status)
    ).all()
    frame = pd.DataFrame(plain_rows(rows), columns=KIND_STATUS_COLUMNS)
    return frame.astype({"meetings": "int64"})
