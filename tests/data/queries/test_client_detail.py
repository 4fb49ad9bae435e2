"""The client page's queries: profile within the scope, meetings by local date,
open action items with their meeting, project spend per day."""

from __future__ import annotations

import datetime as dt

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.models import ActionItem
from data.queries.client_detail import (
    client_meetings,
    client_profile,
    last_held_reviews,
    open_action_items,
    project_spend_by_day,
)
from tests.factories import (
    add_action_item,
    add_client,
    add_meeting,
    add_project,
    add_spend,
)

D = dt.date
AS_OF = D(2026, 8, 15)
Q3 = parse_period("2026-Q3")


def only(client: str) -> Filters:
    return Filters(period=Q3, clients=(client,))


def test_profile_is_none_outside_the_scope_or_for_an_unknown_id(engine):
    with engine.begin() as conn:
        add_client(conn, "K1", name="Acme <b>", owner="ann", region="EMEA")
        add_client(conn, "K2", owner="bob")
    with engine.connect() as conn:
        profile = client_profile(conn=conn, external_id="K1", scope=Scope.everything())
        mine = client_profile(conn=conn, external_id="K1", scope=Scope.for_owner("ann"))
        theirs = client_profile(
            conn=conn, external_id="K2", scope=Scope.for_owner("ann")
        )
        other = client_profile(
            conn=conn, external_id="K1", scope=Scope.for_client("K2")
        )
        unknown = client_profile(conn=conn, external_id="K9", scope=Scope.everything())
    assert profile["name"] == "Acme <b>"
    assert profile["region"] == "EMEA"
    assert profile["onboarded_on"] == D(2024, 1, 1)
    assert profile["churned_on"] is None
    assert mine == profile
    assert theirs is None and other is None and unknown is None


def test_meetings_are_counted_by_their_local_start_date(engine):
    # Europe/Berlin is UTC+2 in summer. Window 2025-08-16 .. 2026-08-15 (local).
    # 2025-08-15 22:30 UTC = 08-16 00:30 local → in; 2026-08-15 22:30 UTC =
    # 08-16 00:30 local → out; 2025-08-15 21:30 UTC = 23:30 local → out.
    # The other client's meeting never counts.
    with engine.begin() as conn:
        mine = add_client(conn, "K1")
        other = add_client(conn, "K2")
        add_meeting(conn, mine, dt.datetime(2025, 8, 15, 22, 30), kind="qbr")
        add_meeting(conn, mine, dt.datetime(2025, 8, 15, 21, 30))
        add_meeting(conn, mine, dt.datetime(2026, 8, 15, 22, 30))
        add_meeting(
            conn,
            mine,
            dt.datetime(2026, 3, 1, 9),
            status="cancelled",
            objectives_set=3,
            objectives_met=1,
        )
        add_meeting(conn, other, dt.datetime(2026, 3, 1, 9))
    window = Window(D(2025, 8, 16), AS_OF)
    with engine.connect() as conn:
        meetings = client_meetings(
            conn=conn,
            filters=only("K1"),
            scope=Scope.everything(),
            window=window,
            timezone="Europe/Berlin",
        )
    assert list(meetings["scheduled_start"]) == [
        dt.datetime(2025, 8, 15, 22, 30),
        dt.datetime(2026, 3, 1, 9),
    ]
    assert list(meetings["kind"]) == ["qbr", "monthly_review"]
    assert list(meetings["status"]) == ["held", "cancelled"]
    assert meetings["actual_minutes"].iloc[0] == 60
    assert meetings["objectives_met"].iloc[1] == 1


def test_open_items_are_those_not_completed_by_as_of(engine):
    # Open on 08-15: never completed (due 08-01), completed after as_of (08-20,
    # due 08-10). Not open: completed 08-15 itself, created after as_of.
    with engine.begin() as conn:
        client = add_client(conn, "K1")
        meeting = add_meeting(conn, client, dt.datetime(2026, 7, 20, 9), kind="qbr")
        add_action_item(conn, client, D(2026, 8, 10), completed_on=D(2026, 8, 20))
        late = add_action_item(conn, client, D(2026, 8, 1), owner="bob")
        add_action_item(conn, client, D(2026, 8, 12), completed_on=AS_OF)
        add_action_item(conn, client, D(2026, 9, 1), created_on=D(2026, 8, 16))
        conn.execute(
            ActionItem.__table__.update()
            .where(ActionItem.id == late)
            .values(meeting_id=meeting)
        )
    with engine.connect() as conn:
        items = open_action_items(
            conn=conn, filters=only("K1"), scope=Scope.everything(), as_of=AS_OF
        )
    # Both overdue on 08-15: the more recently due first.
    assert list(items["due_on"]) == [D(2026, 8, 10), D(2026, 8, 1)]
    assert list(items["owner"]) == ["ann", "bob"]
    assert items["meeting_kind"].iloc[1] == "qbr"
    assert items["meeting_start"].iloc[1] == dt.datetime(2026, 7, 20, 9)
    assert items["meeting_kind"].iloc[0] is None


def test_spend_is_summed_per_project_and_day_up_to_t(engine):
    # P1: 08-01 100 + 250 = 350, 08-02 50; 08-16 is after t. P2 belongs to the
    # other client. P3 ended before the window starts.
    with engine.begin() as conn:
        mine = add_client(conn, "K1")
        other = add_client(conn, "K2")
        p1 = add_project(
            conn, mine, D(2026, 7, 1), D(2026, 12, 31), 100_000, external_id="P1"
        )
        p2 = add_project(conn, other, D(2026, 7, 1), D(2026, 12, 31), 100_000)
        p3 = add_project(conn, mine, D(2024, 1, 1), D(2024, 6, 30), 100_000)
        add_spend(conn, p1, D(2026, 8, 1), 100)
        add_spend(conn, p1, D(2026, 8, 1), 250, category="travel")
        add_spend(conn, p1, D(2026, 8, 2), 50)
        add_spend(conn, p1, D(2026, 8, 16), 999)
        add_spend(conn, p2, D(2026, 8, 1), 777)
        add_spend(conn, p3, D(2024, 2, 1), 555)
    with engine.connect() as conn:
        spend = project_spend_by_day(
            conn=conn,
            filters=only("K1"),
            scope=Scope.everything(),
            window=Window(D(2025, 1, 1), AS_OF),
        )
    assert spend.to_dict("records") == [
        {"project_external_id": "P1", "spent_on": D(2026, 8, 1), "amount_cents": 350},
        {"project_external_id": "P1", "spent_on": D(2026, 8, 2), "amount_cents": 50},
    ]


def test_nothing_is_found_for_a_client_outside_the_scope(engine):
    with engine.begin() as conn:
        client = add_client(conn, "K1", owner="bob")
        add_meeting(conn, client, dt.datetime(2026, 8, 1, 9))
        add_action_item(conn, client, D(2026, 8, 1))
    scope = Scope.for_owner("ann")
    with engine.connect() as conn:
        meetings = client_meetings(
            conn=conn,
            filters=only("K1"),
            scope=scope,
            window=Window(D(2025, 8, 16), AS_OF),
            timezone="UTC",
        )
        items = open_action_items(
            conn=conn, filters=only("K1"), scope=scope, as_of=AS_OF
        )
    assert meetings.empty and items.empty


def test_last_held_reviews_of_all_or_some_clients(engine):
    with engine.begin() as conn:
        a = add_client(conn, "A")
        b = add_client(conn, "B")
        c = add_client(conn, "C")
        add_meeting(conn, a, dt.datetime(2026, 7, 1, 9), kind="qbr")
        add_meeting(conn, a, dt.datetime(2026, 8, 1, 9), kind="qbr")
        # After the end of as_of, not held, not a review kind: not counted.
        add_meeting(conn, a, dt.datetime(2026, 8, 16, 0), kind="qbr")
        add_meeting(conn, b, dt.datetime(2026, 8, 2, 9), kind="qbr", status="cancelled")
        add_meeting(conn, b, dt.datetime(2026, 6, 2, 9), kind="qbr")
        add_meeting(conn, c, dt.datetime(2026, 8, 3, 9), kind="workshop")
        d = add_client(conn, "D", segment="enterprise")
        add_meeting(conn, d, dt.datetime(2026, 5, 5, 9), kind="qbr")
        query = {
            "conn": conn,
            "filters": Filters(Q3),
            "scope": Scope.everything(),
            "as_of": AS_OF,
            "kinds": ("qbr",),
        }
        every = last_held_reviews(**query)
        some = last_held_reviews(**query, among={"B", "C"})
        none = last_held_reviews(**query, among=set())
        smb = last_held_reviews(**query | {"filters": Filters(Q3, segment="smb")})
    assert every == {
        "A": dt.datetime(2026, 8, 1, 9),
        "B": dt.datetime(2026, 6, 2, 9),
        "D": dt.datetime(2026, 5, 5, 9),
    }
    assert smb == {"A": dt.datetime(2026, 8, 1, 9), "B": dt.datetime(2026, 6, 2, 9)}
    assert some == {"B": dt.datetime(2026, 6, 2, 9)}
    assert none == {}
