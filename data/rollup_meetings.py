"""The meetings' day rows of the rollups: each held meeting on its local start date.

Local dates come from a temporary table of local midnights (as UTC instants, the
same bounds the raw-row queries use), looked up per meeting by index, so any time
zone works the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    MetaData,
    Table,
    func,
    insert,
    literal,
    select,
    true,
)
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.windows import ONE_DAY
from data.models import Attendee, Meeting, RollupMeetings
from data.models.rollups import DAY
from data.queries.meetings import client_attendee_columns, held_meeting_columns
from data.queries.selection import local_midnight_utc


def meeting_days(
    conn: Connection,
    clients: ColumnElement[bool],
    ids: list[int] | None,
    timezone: str,
) -> None:
    """Insert the day rows of the held meetings of the clients (`clients`: the
    condition on meetings, `ids`: the same clients, None for all), each meeting
    on its local start date in the time zone."""
    held = [Meeting.status == "held", clients]
    first, last = conn.execute(
        select(
            func.min(Meeting.scheduled_start), func.max(Meeting.scheduled_start)
        ).where(*held)
    ).one()
    if first is None:
        return
    days = _local_days(conn, _as_datetime(first), _as_datetime(last), timezone)
    try:
        _insert_meeting_days(conn, held, days, ids)
    finally:
        days.drop(conn)


def _as_datetime(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


def _local_days(
    conn: Connection, first: dt.datetime, last: dt.datetime, timezone: str
) -> Table:
    """A temporary table of the local days from before `first` to after `last`
    (UTC instants), each with the UTC instant of its local midnight."""
    table = Table(
        "rollup_local_days",
        MetaData(),
        Column("day", Date, primary_key=True),
        Column("utc_start", DateTime, index=True),
        prefixes=["TEMPORARY"],
    )
    table.create(conn)
    day = first.date() - 2 * ONE_DAY
    rows = []
    while day <= last.date() + 2 * ONE_DAY:
        rows.append({"day": day, "utc_start": local_midnight_utc(day, timezone)})
        day += ONE_DAY
    conn.execute(insert(table), rows)
    return table


def _insert_meeting_days(
    conn: Connection, held: list[ColumnElement[bool]], days: Table, ids
) -> None:
    local_day = (
        select(days.c.day)
        .where(days.c.utc_start <= Meeting.scheduled_start)
        .order_by(days.c.utc_start.desc())
        .limit(1)
        .scalar_subquery()
    )
    meetings = select(Meeting.id, local_day.label("day")).where(*held).subquery()
    attendees = (
        select(Attendee.meeting_id, *client_attendee_columns())
        .where(
            Attendee.meeting_id.in_(select(Meeting.id).where(*held))
            if ids is not None
            else true()
        )
        .group_by(Attendee.meeting_id)
        .subquery()
    )
    rows = (
        select(
            literal(DAY),
            meetings.c.day,
            Meeting.client_id,
            *held_meeting_columns(),
            func.coalesce(func.sum(attendees.c.client_invited), 0),
            func.coalesce(func.sum(attendees.c.client_attended), 0),
        )
        .select_from(meetings)
        .join(Meeting, Meeting.id == meetings.c.id)
        .outerjoin(attendees, attendees.c.meeting_id == Meeting.id)
        .group_by(meetings.c.day, Meeting.client_id)
    )
    names = [
        "grain",
        "day",
        "client_id",
        *(c.name for c in held_meeting_columns()),
        "client_invited",
        "client_attended",
    ]
    conn.execute(insert(RollupMeetings).from_select(names, rows))
