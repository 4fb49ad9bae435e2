"""Per-client health counts over the 365 days ending on as_of."""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.queries.health import health_inputs
from tests.factories import (
    add_action_item,
    add_client,
    add_meeting,
    add_survey,
)

D = dt.date
UTC = dt.datetime.fromisoformat
WINDOW = Window(D(2025, 5, 16), D(2026, 5, 15))  # 365 days ending on as_of


def _add_clients(conn) -> None:
    x = add_client(conn, "X", onboarded_on=D(2024, 1, 1), owner="ann")
    y = add_client(conn, "Y", onboarded_on=D(2025, 9, 1), owner="bob")
    add_client(conn, "V", onboarded_on=D(2026, 5, 15))  # active from as_of, no data
    z = add_client(conn, "Z", onboarded_on=D(2024, 1, 1), churned_on=D(2026, 5, 1))
    add_client(conn, "W", onboarded_on=D(2026, 6, 1))  # not yet a client
    # X: NPS 10 and 5 in the window (9 the day before it; CSAT is not NPS)
    add_survey(conn, x, D(2026, 1, 5), "nps", 10)
    add_survey(conn, x, D(2025, 5, 16), "nps", 5)
    add_survey(conn, x, D(2025, 5, 15), "nps", 9)
    add_survey(conn, x, D(2026, 1, 5), "csat", 5)
    # X: held in window, client side 1 of 2 (internal not counted); one held the
    # day before the window; one cancelled in it.
    add_meeting(
        conn,
        x,
        UTC("2025-06-01T09:00"),
        attendees=(("client", True), ("client", False), ("internal", True)),
    )
    add_meeting(conn, x, UTC("2025-05-15T09:00"), attendees=(("client", True),))
    add_meeting(conn, x, UTC("2025-07-01T09:00"), status="cancelled",
                attendees=(("client", False),))  # fmt: skip
    # X: due in window: one on time, one late; one due after as_of.
    add_action_item(conn, x, D(2026, 1, 10), completed_on=D(2026, 1, 9))
    add_action_item(conn, x, D(2026, 2, 1), completed_on=D(2026, 3, 1))
    add_action_item(conn, x, D(2026, 5, 20))
    # Y: one detractor; one item due on the window's first day, still open.
    add_survey(conn, y, D(2026, 3, 1), "nps", 3)
    add_action_item(conn, y, D(2025, 5, 16))
    # Z churned before as_of: no row although it has data.
    add_survey(conn, z, D(2026, 1, 1), "nps", 10)


def test_health_inputs_per_active_client(engine):
    with engine.begin() as conn:
        _add_clients(conn)
        frame = health_inputs(
            conn=conn, filters=None, scope=Scope.everything(), window=WINDOW,
            timezone="UTC",
        )  # fmt: skip
    rows = frame.set_index("external_id")[
        ["nps_n", "promoters", "detractors", "client_invited", "client_attended",
         "items_due", "items_on_time"]
    ].to_dict("index")  # fmt: skip
    assert rows == {
        "V": dict.fromkeys(rows["V"], 0),
        "X": {
            "nps_n": 2, "promoters": 1, "detractors": 1,
            "client_invited": 2, "client_attended": 1,
            "items_due": 2, "items_on_time": 1,
        },
        "Y": {
            "nps_n": 1, "promoters": 0, "detractors": 1,
            "client_invited": 0, "client_attended": 0,
            "items_due": 1, "items_on_time": 0,
        },
    }  # fmt: skip
    assert list(frame["name"]) == ["Client V", "Client X", "Client Y"]


def test_health_inputs_follow_filters_and_scope(engine):
    with engine.begin() as conn:
        _add_clients(conn)
        owner_bob = health_inputs(
            conn=conn, filters=Filters(parse_period("2026-Q2"), owner="bob"),
            scope=Scope.everything(), window=WINDOW, timezone="UTC",
        )  # fmt: skip
        only_x = health_inputs(
            conn=conn, filters=None, scope=Scope.for_client("X"), window=WINDOW,
            timezone="UTC",
        )  # fmt: skip
    assert list(owner_bob["external_id"]) == ["Y"]
    assert list(only_x["external_id"]) == ["X"]
    assert only_x.loc[0, "client_invited"] == 2
