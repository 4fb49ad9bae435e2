"""Meeting drill-down queries: attendance per client and meetings by kind/status,
bucketed by local start date like the meeting metrics."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.queries.held import hold_for, holds
from data.queries.meetings import meeting_totals
from data.queries.meetings_detail import attendance_by_client, meetings_by_kind_status
from data.rollups import refresh_rollups
from tests.factories import add_client, add_meeting

Q3 = parse_period("2026-Q3")
WINDOW = Q3.window(dt.date(2026, 8, 15))  # [2026-07-01, 2026-08-15]
EVERYTHING = Scope.everything()
SMB = Filters(Q3, segment="smb")


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _add_meetings(conn) -> None:
    a = add_client(conn, "A", name="Acme")
    b = add_client(conn, "B", name="Beta")
    c = add_client(conn, "C", name="Corp", segment="enterprise")
    # A: held, client side 1 of 2 attended (the internal attendee does not count)
    add_meeting(
        conn,
        a,
        _at("2026-07-10T09:00"),
        attendees=(("client", True), ("client", False), ("internal", True)),
    )
    # A: held, client side 1 of 1
    add_meeting(conn, a, _at("2026-08-01T09:00"), attendees=(("client", True),))
    # A: held, nobody invited (counts as held, adds no invitees)
    add_meeting(conn, a, _at("2026-07-20T09:00"))
    # A: cancelled: never in the attendance terms
    add_meeting(
        conn,
        a,
        _at("2026-07-11T09:00"),
        status="cancelled",
        attendees=(("client", False),),
    )
    # B: 22:30 UTC on 06-30 is 00:30 on 07-01 in Berlin (in Q3 there, not in UTC)
    add_meeting(
        conn,
        b,
        _at("2026-06-30T22:30"),
        kind="qbr",
        attendees=(("client", True), ("client", True)),
    )
    # B: 22:30 UTC on 08-15 is 08-16 in Berlin (after t there, in the window in UTC)
    add_meeting(
        conn, b, _at("2026-08-15T22:30"), kind="qbr", attendees=(("client", False),)
    )
    # C: enterprise, held, client side 0 of 1
    add_meeting(conn, c, _at("2026-07-05T09:00"), attendees=(("client", False),))


@pytest.mark.parametrize("held", [False, True])
def test_attendance_by_client_from_the_rollups_is_the_same(engine, held):
    with engine.begin() as conn:
        _add_meetings(conn)
        refresh_rollups(conn, None, timezone="Europe/Berlin")
    if held:
        hold_for(engine)
    with engine.connect() as conn:
        assert holds(conn) == held

        def both(timezone, filters, window=WINDOW):
            query = {"conn": conn, "filters": filters, "scope": EVERYTHING,
                     "window": window, "timezone": timezone}  # fmt: skip
            rolled = attendance_by_client(**query, rollups=True)
            raw = attendance_by_client(**query)
            pd.testing.assert_frame_equal(rolled, raw)
            return rolled.values.tolist()

        # Berlin: the rollups' zone; A's 3 held meetings, B's 06-30 22:30 UTC.
        assert both("Europe/Berlin", SMB) == [["A", "Acme", 3, 3, 2],
                                              ["B", "Beta", 1, 2, 2]]  # fmt: skip
        assert both("Europe/Berlin", None)[-1] == ["C", "Corp", 1, 1, 0]
        # Half a month: the cut month's days (to 07-15: A's 07-10 meeting, C's
        # 07-05 one).
        to_mid_july = Window(WINDOW.start, dt.date(2026, 7, 15))
        assert both("Europe/Berlin", None, to_mid_july) == [
            ["A", "Acme", 1, 2, 1], ["B", "Beta", 1, 2, 2], ["C", "Corp", 1, 1, 0]
        ]  # fmt: skip
        # Another zone than the rollups': the attendee rows.
        assert both("UTC", None)[1] == ["B", "Beta", 1, 1, 0]
        assert both("Europe/Berlin", Filters(Q3, clients=("Z",))) == []


def test_attendance_by_client_counts_local_dates_and_held_meetings(engine):
    with engine.begin() as conn:
        _add_meetings(conn)
        berlin = attendance_by_client(
            conn=conn,
            filters=SMB,
            scope=EVERYTHING,
            window=WINDOW,
            timezone="Europe/Berlin",
        )
        utc = attendance_by_client(
            conn=conn, filters=None, scope=EVERYTHING, window=WINDOW, timezone="UTC"
        )
        totals = meeting_totals(
            conn=conn,
            filters=SMB,
            scope=EVERYTHING,
            window=WINDOW,
            timezone="Europe/Berlin",
        )
    # Berlin, smb: A held 3, invited 2 + 1 = 3, attended 1 + 1 = 2;
    #              B held 1 (06-30 22:30 UTC), invited 2, attended 2.
    assert berlin.values.tolist() == [
        ["A", "Acme", 3, 3, 2],
        ["B", "Beta", 1, 2, 2],
    ]
    # The per-client terms add up to the metric's totals (5 invited, 4 attended).
    assert berlin["invited"].sum() == totals["client_invited"] == 5
    assert berlin["attended"].sum() == totals["client_attended"] == 4
    # UTC, every client: B's held meeting is the 08-15 one (0 of 1); C 0 of 1.
    assert utc.values.tolist() == [
        ["A", "Acme", 3, 3, 2],
        ["B", "Beta", 1, 1, 0],
        ["C", "Corp", 1, 1, 0],
    ]


def test_meetings_by_kind_and_status_count_every_status(engine):
    with engine.begin() as conn:
        _add_meetings(conn)
        frame = meetings_by_kind_status(
            conn=conn,
            filters=SMB,
            scope=EVERYTHING,
            window=WINDOW,
            timezone="Europe/Berlin",
        )
        scoped = meetings_by_kind_status(
            conn=conn,
            filters=None,
            scope=Scope(client_ids=frozenset({"C"})),
            window=WINDOW,
            timezone="UTC",
        )
    # smb in Berlin: A monthly reviews held 07-10, 07-20, 08-01 and cancelled 07-11;
    # B's qbr of 06-30 22:30 UTC (07-01 local); its 08-15 22:30 one is 08-16 local.
    assert frame.values.tolist() == [
        ["monthly_review", "cancelled", 1],
        ["monthly_review", "held", 3],
        ["qbr", "held", 1],
    ]
    # The scope alone limits what is counted: C's one held monthly review.
    assert scoped.values.tolist() == [["monthly_review", "held", 1]]
