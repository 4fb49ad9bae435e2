"""Sorting and paging the at-risk and overdue lists, and malformed requests."""

from __future__ import annotations

import pytest
from dash.exceptions import PreventUpdate

from callbacks.tab_action_items import OVERDUE_TABLE_ID
from callbacks.tab_churn import AT_RISK_TABLE
from callbacks.tables import next_order, table_view
from tests.components import links_of, table_cells

OVERDUE = {
    "rows": [
        {"external_id": "B", "name": "Beta", "title": "Send deck", "owner": "ann",
         "due_on": "2026-05-10", "days_overdue": 97},
        {"external_id": "A", "name": "acme", "title": "Call back", "owner": "bob",
         "due_on": "2026-07-20", "days_overdue": 26},
        {"external_id": "C/1", "name": "<b>Cé</b>", "title": "Budget", "owner": "cy",
         "due_on": "2026-08-01", "days_overdue": 14},
    ],
    "lang": "en",
    "theme": "light",
}  # fmt: skip


def clients(view) -> list[str]:
    return [cells[0] for cells in table_cells(view[0])]


def test_a_click_sorts_ascending_then_descending():
    assert next_order(None, "name") == {"key": "name", "descending": False}
    ascending = {"key": "name", "descending": False}
    assert next_order(ascending, "name") == {"key": "name", "descending": True}
    assert next_order({"key": "name", "descending": True}, "name") == ascending
    assert next_order(ascending, "owner") == {"key": "owner", "descending": False}


def test_sorting_the_overdue_list_by_client_and_by_days():
    view = table_view(OVERDUE_TABLE_ID, "name", 1, OVERDUE, None)
    assert clients(view) == ["<b>Cé</b>", "acme", "Beta"]
    assert view[1] == {"key": "name", "descending": False}
    assert view[2] == [
        "Client ▲", "Review", "Action item", "Owner", "Due date", "Days overdue"
    ]  # fmt: skip
    view = table_view(OVERDUE_TABLE_ID, "days_overdue", 1, OVERDUE, view[1])
    assert clients(view) == ["<b>Cé</b>", "acme", "Beta"]
    view = table_view(OVERDUE_TABLE_ID, "days_overdue", 1, OVERDUE, view[1])
    assert clients(view) == ["Beta", "acme", "<b>Cé</b>"]
    assert view[2][-1] == "Days overdue ▼"
    # The name is text; the link goes to the client's page, its id encoded.
    assert links_of(view[0])[-1] == ("<b>Cé</b>", "/clients/C%2F1")


def test_turning_the_page_keeps_the_order():
    rows = [
        {"external_id": f"C{n}", "name": f"client {n:02}", "band": "healthy",
         "band_rank": 2, "status": "✓ Healthy", "score": float(n)}
        for n in range(20)
    ]  # fmt: skip
    stored = {"rows": rows, "lang": "zh", "theme": "dark"}
    order = {"key": "score", "descending": True}
    view = table_view(AT_RISK_TABLE, None, 2, stored, order)
    assert clients(view) == ["client 04", "client 03", "client 02", "client 01",
                             "client 00"]  # fmt: skip
    assert view[1] == order
    assert links_of(view[0])[0] == ("client 04", "/clients/C4?lang=zh&theme=dark")
    assert table_cells(view[0])[0][2] == "4"


@pytest.mark.parametrize(
    ("table", "clicked", "stored"),
    [
        ("no-such-table", "name", OVERDUE),
        (OVERDUE_TABLE_ID, "no-such-column", OVERDUE),
        (OVERDUE_TABLE_ID, "name", None),
        (OVERDUE_TABLE_ID, "name", {**OVERDUE, "lang": "xx"}),
        (OVERDUE_TABLE_ID, "name", {**OVERDUE, "theme": "<script>"}),
        (OVERDUE_TABLE_ID, "name", {**OVERDUE, "rows": "rows"}),
        (OVERDUE_TABLE_ID, "name", {**OVERDUE, "rows": [1, 2]}),
    ],
)
def test_a_malformed_request_changes_nothing(table, clicked, stored):
    with pytest.raises(PreventUpdate):
        table_view(table, clicked, 1, stored, None)


def test_odd_rows_and_pages_still_answer():
    stored = {"rows": [{"name": 5}, {}, {"name": "x", "days_overdue": "7"}],
              "lang": "en", "theme": "light"}  # fmt: skip
    view = table_view(OVERDUE_TABLE_ID, "name", "two", stored, {"key": "?"})
    assert clients(view) == ["5", "x", ""]
    assert table_cells(view[0])[1][-1] == "—"
