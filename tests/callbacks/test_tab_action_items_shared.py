"""The Action items tab in a client-facing scope: bars, overdue counts and the
overdue list all cover the shared items only, and say so."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import update

import callbacks.tab_action_items as tab_action_items
from callbacks.tabs import update_tab
from dashboard.kernel.scope import Scope
from data.models import ActionItem
from data.rollups import refresh_rollups
from tests.callbacks.test_tab_action_items import figure_of, services  # noqa: F401
from tests.components import find, table_cells, text_of

D = dt.date


def share(services, *due: dt.date) -> None:  # noqa: F811
    with services.engine.begin() as conn:
        conn.execute(
            update(ActionItem)
            .where(ActionItem.due_on.in_(due))
            .values(visibility="shared")
        )
        # As every writer of the dashboard does, in the write's transaction.
        refresh_rollups(conn, None)


def test_a_client_facing_tab_counts_and_lists_shared_items_only(services):  # noqa: F811
    # A's items: 07-05 (done 07-04) and 07-20 (open, bob) shared; 07-10 (done
    # 07-12) internal.
    share(services, D(2026, 7, 5), D(2026, 7, 20))
    acme = dataclasses.replace(services, scope_override=Scope.for_client("A"))
    # A client-facing link without a period opens the last complete quarter.
    tab = update_tab(acme, "?tab=action_items&period=2026-Q3", None)
    due, completed, on_time = figure_of(tab, "action-items-due").data
    # Q3, shared: due 07-05 and 07-20 = 2; completed 1; on time 1.
    assert (due.y[-1], completed.y[-1], on_time.y[-1]) == (2, 1, 1)
    owners = figure_of(tab, "action-items-overdue-owners").data[0]
    assert list(zip(owners.y, owners.x, strict=True)) == [("bob", 1)]
    table = find(tab, tab_action_items.OVERDUE_TABLE_ID)
    assert [
        (client, owner, due, days)
        for client, _review, _title, owner, due, days in table_cells(table)
    ] == [("Acme", "bob", "Jul 20, 2026", "26")]
    assert "Shared items only." in text_of(tab)


def test_an_internal_viewer_of_one_client_sees_every_item(services):  # noqa: F811
    share(services, D(2026, 7, 5), D(2026, 7, 20))
    inside = Scope.for_client("A", internal=True)
    tab = update_tab(
        dataclasses.replace(services, scope_override=inside), "?tab=action_items", None
    )
    due, completed, on_time = figure_of(tab, "action-items-due").data
    assert (due.y[-1], completed.y[-1], on_time.y[-1]) == (3, 2, 1)
    assert "Shared items only." not in text_of(tab)
