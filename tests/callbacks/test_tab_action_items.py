"""The action items tab against a tiny hand-computed portfolio."""

from __future__ import annotations

import datetime as dt

import pytest
from dash import dcc

import callbacks.tab_action_items as tab_action_items
from callbacks.tabs import update_tab
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import kpi_trend
from dashboard.services import Services
from layouts import ids
from tests.components import (
    chart_message_of,
    figure_of,
    find,
    links_of,
    table_cells,
    text_of,
    walk,
)
from tests.factories import add_action_item, add_client

D = dt.date
AS_OF = D(2026, 8, 15)


@pytest.fixture
def services(engine) -> Services:
    with engine.begin() as conn:
        a = add_client(conn, "A", name="Acme", onboarded_on=D(2025, 1, 1))
        b = add_client(conn, "B", name="Beta", onboarded_on=D(2025, 1, 1))
        add_action_item(conn, a, D(2026, 7, 5), completed_on=D(2026, 7, 4))
        add_action_item(conn, a, D(2026, 7, 10), completed_on=D(2026, 7, 12))
        add_action_item(conn, a, D(2026, 7, 20), owner="bob")
        add_action_item(conn, b, D(2026, 5, 10))
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    return Services(settings=settings, engine=engine)


def test_action_items_tab_shows_the_hand_computed_figures(services):
    tab = update_tab(services, "?tab=action_items", None)
    due, completed, on_time = figure_of(tab, "action-items-due").data
    # Q3: due 07-05, 07-10, 07-20 = 3; completed 2; on time (07-04 <= 07-05) 1.
    # Q2: B's 05-10, open: 1, 0, 0.
    assert list(due.y[-2:]) == [1, 3]
    assert list(completed.y[-2:]) == [0, 2]
    assert list(on_time.y[-2:]) == [0, 1]
    assert list(completed.customdata[-1]) == ["period:2026-Q3", "2026-Q3", "2", "66.7%"]
    # Open overdue on t = 08-15: A's 07-20 (bob), B's 05-10 (ann).
    clients = figure_of(tab, "action-items-overdue-clients").data[0]
    assert sorted(zip(clients.y, clients.x, strict=True)) == [("Acme", 1), ("Beta", 1)]
    owners = figure_of(tab, "action-items-overdue-owners").data[0]
    assert sorted(owners.y) == ["ann", "bob"]
    table = find(tab, tab_action_items.OVERDUE_TABLE_ID)
    # Most overdue first: 05-10 is 21 + 30 + 31 + 15 = 97 days before 08-15.
    assert [
        (client, owner, due, days)
        for client, _review, _title, owner, due, days in table_cells(table)
    ] == [
        ("Beta", "ann", "May 10, 2026", "97"),
        ("Acme", "bob", "Jul 20, 2026", "26"),
    ]
    assert links_of(table) == [("Beta", "/clients/B"), ("Acme", "/clients/A")]
    # Each column title sorts the table.
    sort = ids.table_part(ids.TABLE_SORT, tab_action_items.OVERDUE_TABLE_ID)
    assert find(table, {**sort, "column": "days_overdue"}).children == "Days overdue"


def test_the_bars_agree_with_the_metric_trend(services):
    tab = update_tab(services, "?tab=action_items", None)
    due, completed, on_time = figure_of(tab, "action-items-due").data
    with services.engine.connect() as conn:
        trend = kpi_trend(
            conn,
            settings=services.settings,
            filters=Filters(parse_period("2026-Q3")),
            scope=Scope.everything(),
            keys=("action_items_due", "action_item_completion_rate",
                  "action_item_on_time_rate"),
        )  # fmt: skip
    assert list(due.x) == list(trend.index)
    assert list(due.y) == list(trend["action_items_due"])
    # Q3: completion 2/3 and on time 1/3 of the 3 due, as in the bars.
    assert trend["action_item_completion_rate"].iloc[-1] == pytest.approx(2 / 3)
    assert trend["action_item_on_time_rate"].iloc[-1] * 3 == pytest.approx(
        on_time.y[-1]
    )


def test_the_overdue_list_says_when_it_is_cut(services, monkeypatch):
    monkeypatch.setattr(tab_action_items, "OVERDUE_ROWS", 1)
    tab = update_tab(services, "?tab=action_items&lang=zh&theme=dark", None)
    table = find(tab, tab_action_items.OVERDUE_TABLE_ID)
    assert links_of(table) == [("Beta", "/clients/B?lang=zh&theme=dark")]
    assert "显示 2 项中逾期最久的 1 项。" in text_of(tab)


def test_action_items_tab_without_items_explains_itself(services):
    tab = update_tab(services, "?tab=action_items&client=A&period=2026-Q1", None)
    # No empty chart frame: nothing is drawn, so the tab is one line of text.
    assert [c.className for c in tab] == ["section-empty"]
    assert text_of(tab) == "No action items due for Acme in the 8 periods up to 2026-Q1"


def test_one_client_gets_a_sentence_not_a_one_bar_ranking(services):
    """Filtered to Acme, open overdue items "by client" would be one bar (its
    07-20 item): the card says so in one line, and the owners stay a chart."""
    tab = update_tab(services, "?tab=action_items&client=A", None)
    assert chart_message_of(tab, "action-items-overdue-clients") == (
        "Acme is the only client here; open overdue action items: 1"
    )
    graphs = {c.id["name"] for c in walk(tab) if isinstance(c, dcc.Graph)}
    assert graphs == {"action-items-due", "action-items-overdue-owners"}
