"""Anonymous benchmarks: one aggregate over all clients, never a name or a row.

These functions deliberately look past the viewer's scope. A client (or an account
manager presenting to one) may compare their figure with "our clients" as a whole,
which needs every client's figure; what leaves the function is a single number,
and only when enough other clients contribute that no single client's value can
be read from it. Nothing else may be built on these functions.
"""

from __future__ import annotations

import statistics

from sqlalchemy import Connection, select

from dashboard.kernel.periods import Window
from dashboard.metrics.meetings import attendance_rate
from data.models import Attendee, Client, Meeting
from data.queries.meetings import client_attendee_columns, held_in_window

MIN_CLIENTS = 5


def attendance_median(
    *,
    conn: Connection,
    window: Window,
    timezone: str,
    min_clients: int = MIN_CLIENTS,
    compared: str | None = None,
) -> float | None:
    """The median of every client's attendance rate in the window, or None.

    A client contributes when it had held meetings with client-side attendees
    invited in the window (its rate as METRICS.md defines it). The median is over
    all contributing clients; it is returned only when at least `min_clients`
    contributing clients are not `compared` (the external id of the client being
    shown the comparison), so that it never stands for a handful of named peers.
    """
    rows = conn.execute(
        select(Client.external_id, *client_attendee_columns())
        .select_from(Attendee)
        .join(Meeting, Meeting.id == Attendee.meeting_id)
        .join(Client, Client.id == Meeting.client_id)
        .where(held_in_window(window, timezone))
        .group_by(Client.external_id)
    ).all()
    rates = {
        external_id: attendance_rate(int(attended), int(invited))
        for external_id, invited, attended in rows
    }
    rates = {key: rate for key, rate in rates.items() if rate is not None}
    others = [key for key in rates if key != compared]
    if len(others) < min_clients:
        return None
    return float(statistics.median(rates.values()))
