"""The client page while presenting and for a client's own login: only the action
items shared with the client, counted as listed, with a note saying so."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from callbacks.client_body import build_body
from dashboard.auth.roles import scope_for
from dashboard.auth.users import CurrentUser
from dashboard.kernel.scope import Scope
from dashboard.kernel.urlstate import parse_query
from layouts import ids
from tests.callbacks.test_client_page import card_value, load, services  # noqa: F401
from tests.components import find, text_of
from tests.factories import add_action_item

D = dt.date
INTERNAL_TITLE = "Draft the renewal proposal"
PRESENTING = CurrentUser(
    username="mia",
    display_name="Mia Manager",
    role="manager",
    presenting_client_external_id="K1",
    presenting_client_name="Acme",
)
VIEWER = CurrentUser(
    username="cv",
    display_name="Vera Viewer",
    role="client_viewer",
    client_external_id="K1",
    client_name="Acme",
)


@pytest.fixture
def with_internal(services):  # noqa: F811
    """K1 of the client page's fixture (shared items due 08-01, open, and 08-20;
    an internal one due 07-10, done 07-09) plus an internal item overdue since
    08-12."""
    with services.engine.begin() as conn:
        add_action_item(
            conn, 1, D(2026, 8, 12), created_on=D(2026, 8, 1), title=INTERNAL_TITLE
        )
    return services


def as_viewer(base, scope: Scope):
    return dataclasses.replace(base, scope_override=scope)


@pytest.mark.parametrize("user", [PRESENTING, VIEWER], ids=["presenting", "viewer"])
def test_a_client_facing_page_lists_and_counts_shared_items_only(with_internal, user):
    scope = scope_for(user)
    assert not scope.internal
    # A client-facing page opens on the last complete quarter; this is Q3 to date.
    data = load(as_viewer(with_internal, scope), "?period=2026-Q3")
    # Not yet due (08-20) first, then the overdue shared one (08-01).
    assert [i["due_on"] for i in data.open_items] == [D(2026, 8, 20), D(2026, 8, 1)]
    body = build_body(data, parse_query(""), "USD")
    items = text_of(find(body, ids.CLIENT_ACTION_ITEMS))
    assert INTERNAL_TITLE not in text_of(body)
    assert "Shared items only." in items
    # Q3 to 08-15: of the shared items only 08-01 is due, and it is open: 0 of 1.
    assert card_value(body, "action_item_completion_rate") == "0.0%"
    card = text_of(find(body, ids.kpi_card("action_item_completion_rate")))
    assert "Items due: 1" in card and "Shared items only." in card


def test_an_internal_viewer_sees_every_item_and_no_note(with_internal):
    data = load(as_viewer(with_internal, Scope.everything()))
    # 08-20 not yet due, then overdue most recently due first: 08-12, 08-01.
    assert [i["due_on"] for i in data.open_items] == [
        D(2026, 8, 20),
        D(2026, 8, 12),
        D(2026, 8, 1),
    ]
    body = build_body(data, parse_query(""), "USD")
    assert INTERNAL_TITLE in text_of(find(body, ids.CLIENT_ACTION_ITEMS))
    assert "Shared items only." not in text_of(body)
    # Due in Q3 to 08-15: 07-10 (done), 08-01 and 08-12 (open): 1 of 3.
    assert card_value(body, "action_item_completion_rate") == "33.3%"
