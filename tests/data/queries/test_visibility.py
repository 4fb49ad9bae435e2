"""Internal action items never reach a client-facing view."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import ActionItem
from data.queries.action_items import action_item_counts
from data.queries.action_items_detail import overdue_items
from data.queries.health import health_inputs
from data.queries.visibility import client_facing_items_condition
from tests.factories import add_action_item, add_client


def test_client_facing_views_list_only_shared_items(engine):
    with engine.begin() as conn:
        acme = add_client(conn, "ACME")
        shared = add_action_item(conn, acme, dt.date(2026, 5, 1))
        internal = add_action_item(conn, acme, dt.date(2026, 5, 2))
        unmarked = add_action_item(conn, acme, dt.date(2026, 5, 3))
        conn.execute(
            update(ActionItem)
            .where(ActionItem.id == shared)
            .values(visibility="shared")
        )
        conn.execute(
            update(ActionItem)
            .where(ActionItem.id == internal)
            .values(visibility="internal")
        )

        def listed(scope: Scope) -> list[int]:
            query = (
                select(ActionItem.id)
                .where(client_facing_items_condition(scope))
                .order_by(ActionItem.id)
            )
            return conn.execute(query).scalars().all()

        # An item nobody marked is internal.
        assert listed(Scope.for_client("ACME")) == [shared]
        assert listed(Scope.for_client("ACME", internal=True)) == [
            shared,
            internal,
            unmarked,
        ]
        assert listed(Scope.everything()) == [shared, internal, unmarked]


def test_client_facing_counts_cover_the_shared_items_the_lists_show(engine):
    # Q2 to 05-15. Shared: due 04-10 done 04-09 (on time), due 05-01 open.
    # Internal: due 04-20 done 04-25 (late), due 05-05 open.
    window = Window(dt.date(2026, 4, 1), dt.date(2026, 5, 15))
    as_of = dt.date(2026, 5, 15)
    with engine.begin() as conn:
        acme = add_client(conn, "ACME")
        add_action_item(
            conn, acme, dt.date(2026, 4, 10), completed_on=dt.date(2026, 4, 9),
            visibility="shared",
        )  # fmt: skip
        add_action_item(conn, acme, dt.date(2026, 5, 1), visibility="shared")
        add_action_item(
            conn, acme, dt.date(2026, 4, 20), completed_on=dt.date(2026, 4, 25)
        )
        add_action_item(conn, acme, dt.date(2026, 5, 5))

        def counts(scope: Scope) -> tuple:
            query = {"conn": conn, "filters": None, "scope": scope, "window": window}
            items = action_item_counts(**query, as_of=as_of)
            listed, total = overdue_items(**query)
            health = health_inputs(**query, timezone="UTC").iloc[0]
            return (
                items,
                list(listed["due_on"]),
                total,
                (int(health["items_due"]), int(health["items_on_time"])),
            )

        outside = counts(Scope.for_client("ACME"))
        inside = counts(Scope.for_client("ACME", internal=True))
    assert outside == (
        {"due": 2, "completed": 1, "on_time": 1, "open_overdue": 1},
        [dt.date(2026, 5, 1)],
        1,
        (2, 1),
    )
    assert inside == (
        {"due": 4, "completed": 2, "on_time": 1, "open_overdue": 2},
        [dt.date(2026, 5, 1), dt.date(2026, 5, 5)],
        2,
        (4, 1),
    )
