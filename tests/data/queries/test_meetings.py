"""Meeting totals: held meetings by local start date, attendees, objectives, cost."""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.queries.meetings import meeting_totals
from tests.factories import add_client, add_meeting

Q2 = parse_period("2026-Q2")
AS_OF = dt.date(2026, 5, 15)
WINDOW = Q2.window(AS_OF)  # [2026-04-01, 2026-05-15]
EVERYTHING = Scope.everything()


def _at(day: str, time: str = "10:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}")


def _add_meetings(conn) -> dict[str, int]:
    x = add_client(conn, "X")
    y = add_client(conn, "Y")
    # m1: overran 30 min, objectives 3 of 4, cost 100.00, feedback 4,
    #     client side 2 of 3 attended (the internal attendee does not count)
    add_meeting(
        conn, x, _at("2026-04-10"), planned_minutes=60, actual_minutes=90,
        objectives_set=4, objectives_met=3, cost_cents=10_000, feedback_score=4,
        attendees=(("client", True), ("client", True), ("client", False),
                   ("internal", True)),
    )  # fmt: skip
    # m2: last minute of t in UTC; ended 15 min early; objectives set, met empty
    add_meeting(
        conn, x, _at("2026-05-15", "23:59:59"), planned_minutes=60,
        actual_minutes=45, objectives_set=2, attendees=(("client", True),),
    )  # fmt: skip
    # m3: on time, no objectives, cost 25.00, feedback 5, nobody invited
    add_meeting(
        conn, x, _at("2026-04-15"), planned_minutes=30, actual_minutes=30,
        cost_cents=2_500, feedback_score=5,
    )  # fmt: skip
    # Not counted: after t, before P.start, cancelled, no-show, scheduled.
    add_meeting(
        conn, x, _at("2026-05-16", "00:00"), planned_minutes=30, actual_minutes=60,
        objectives_set=5, objectives_met=5, cost_cents=50_000, feedback_score=1,
        attendees=(("client", False),),
    )  # fmt: skip
    add_meeting(conn, x, _at("2026-03-31", "23:59"), cost_cents=1_000)
    add_meeting(
        conn, x, _at("2026-04-20"), status="cancelled", cost_cents=7_000,
        attendees=(("client", False), ("client", False)),
    )  # fmt: skip
    add_meeting(conn, x, _at("2026-04-21"), status="no_show")
    add_meeting(conn, x, _at("2026-05-01"), status="scheduled")
    # Y: one held meeting, overran 10 min, client attended
    add_meeting(
        conn, y, _at("2026-04-02"), planned_minutes=50, actual_minutes=60,
        cost_cents=3_000, attendees=(("client", True),),
    )  # fmt: skip
    return {"X": x, "Y": y}


def test_meeting_totals_for_one_client(engine):
    with engine.begin() as conn:
        _add_meetings(conn)
        totals = meeting_totals(
            conn=conn,
            filters=Filters(Q2, clients=("X",)),
            scope=EVERYTHING,
            window=WINDOW,
            timezone="UTC",
        )
    # X's held meetings in [04-01, 05-15]: m1, m2, m3.
    assert totals == {
        "held": 3,
        "client_invited": 4,  # m1 3 + m2 1
        "client_attended": 3,  # m1 2 + m2 1
        "objectives_set": 6,  # m1 4 + m2 2 (m3 has none)
        "objectives_met": 3,  # m1 3 + m2 empty = 0
        "overruns": 1,  # m1 only (m3 exactly on time)
        "overrun_minutes": 15,  # 30 − 15 + 0
        "cost_cents": 12_500,  # 10_000 + empty + 2_500
        "feedback_total": 9.0,  # 4 + 5
        "feedback_n": 2,
    }


def test_meeting_totals_follow_filters_and_scope(engine):
    with engine.begin() as conn:
        _add_meetings(conn)
        everything = meeting_totals(
            conn=conn, filters=Filters(Q2), scope=EVERYTHING, window=WINDOW,
            timezone="UTC",
        )  # fmt: skip
        only_y = meeting_totals(
            conn=conn, filters=Filters(Q2), scope=Scope.for_client("Y"),
            window=WINDOW, timezone="UTC",
        )  # fmt: skip
    # X's three plus Y's one
    assert everything["held"] == 4
    assert everything["client_invited"] == 5
    assert everything["overrun_minutes"] == 25  # 15 + 10
    assert everything["cost_cents"] == 15_500
    assert only_y["held"] == 1
    assert only_y["client_attended"] == 1
    assert only_y["cost_cents"] == 3_000


def test_meeting_totals_empty_window_is_zero(engine):
    with engine.begin() as conn:
        add_client(conn, "X")
        totals = meeting_totals(
            conn=conn, filters=None, scope=EVERYTHING, window=WINDOW, timezone="UTC"
        )
    assert set(totals.values()) == {0}


def test_meetings_belong_to_their_local_quarter(engine):
    q1, q2 = parse_period("2026-Q1"), parse_period("2026-Q2")
    as_of = dt.date(2026, 6, 30)
    with engine.begin() as conn:
        x = add_client(conn, "X")
        # 23:30 on 31 March in Shanghai (UTC+8) is 15:30 UTC the same day: Q1.
        add_meeting(conn, x, _at("2026-03-31", "15:30"), feedback_score=2)
        # 00:30 on 1 April in Shanghai is 16:30 UTC on 31 March: Q2.
        add_meeting(conn, x, _at("2026-03-31", "16:30"), feedback_score=5)

        def held(period, timezone):
            totals = meeting_totals(
                conn=conn, filters=None, scope=EVERYTHING,
                window=period.window(as_of), timezone=timezone,
            )  # fmt: skip
            return totals["held"], totals["feedback_total"]

        # The feedback score tells the two apart: 2 is the 23:30 one, 5 the 00:30.
        assert held(q1, "Asia/Shanghai") == (1, 2.0)
        assert held(q2, "Asia/Shanghai") == (1, 5.0)
        # Read in UTC both start on 31 March.
        assert held(q1, "UTC") == (2, 7.0)
        assert held(q2, "UTC") == (0, 0.0)


def test_local_day_bounds_in_shanghai(engine):
    """The 23:30 meeting is in a window ending on 31 March, the 00:30 one is not."""
    with engine.begin() as conn:
        x = add_client(conn, "X")
        add_meeting(conn, x, _at("2026-03-31", "15:30"), feedback_score=2)
        add_meeting(conn, x, _at("2026-03-31", "16:30"), feedback_score=5)
        last_day = meeting_totals(
            conn=conn, filters=None, scope=EVERYTHING,
            window=Window(dt.date(2026, 3, 31), dt.date(2026, 3, 31)),
            timezone="Asia/Shanghai",
        )  # fmt: skip
        first_day = meeting_totals(
            conn=conn, filters=None, scope=EVERYTHING,
            window=Window(dt.date(2026, 4, 1), dt.date(2026, 4, 1)),
            timezone="Asia/Shanghai",
        )  # fmt: skip
    assert (last_day["held"], last_day["feedback_total"]) == (1, 2.0)
    assert (first_day["held"], first_day["feedback_total"]) == (1, 5.0)


def test_local_day_bounds_across_a_daylight_saving_change(engine):
    """Berlin moves to summer time on 2026-03-29: that day is 23 hours long,
    from 03-28 23:00 UTC to 03-29 22:00 UTC."""
    with engine.begin() as conn:
        x = add_client(conn, "X")
        add_meeting(conn, x, _at("2026-03-28", "22:30"), feedback_score=1)  # 28th 23:30
        add_meeting(conn, x, _at("2026-03-29", "21:30"), feedback_score=2)  # 29th 23:30
        add_meeting(conn, x, _at("2026-03-29", "22:30"), feedback_score=4)  # 30th 00:30
        day = meeting_totals(
            conn=conn, filters=None, scope=EVERYTHING,
            window=Window(dt.date(2026, 3, 29), dt.date(2026, 3, 29)),
            timezone="Europe/Berlin",
        )  # fmt: skip
    assert (day["held"], day["feedback_total"]) == (1, 2.0)
