"""Internal action items never reach a client-facing view."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from dashboard.kernel.scope import Scope
from data.models import ActionItem
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
