"""Every tab and the client page, in both languages, on a portfolio with amounts
and counts in the thousands, an item overdue for more than 1,000 days and
meetings that end early: every value in the text, the tables and the charts is
written one way (see tests/dashboard/figures/written.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from dash import dcc

from callbacks.client_page import update_client_body
from callbacks.tabs import update_tab
from dashboard.kernel.settings import Settings
from dashboard.kernel.urlstate import TABS
from dashboard.services import Services
from tests.components import table_cells, text_of, walk
from tests.dashboard.figures.written import axis_problems, misformatted, shown_strings
from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_milestone,
    add_project,
    add_spend,
    add_survey,
)

D = dt.date
AS_OF = D(2026, 8, 15)


@pytest.fixture
def services(engine) -> Services:
    with engine.begin() as conn:
        acme = add_client(conn, "A", name="Acme", onboarded_on=D(2024, 1, 1))
        beta = add_client(conn, "B", name="Beta", onboarded_on=D(2024, 1, 1))
        add_client(conn, "C", name="Gone", onboarded_on=D(2024, 1, 1),
                   churned_on=D(2026, 7, 15))  # fmt: skip
        for quarter in range(10):  # 2024-Q1 .. 2026-Q2, then 2026-Q3 to date
            issued = D(2024 + (quarter // 4), 3 * (quarter % 4) + 1, 15)
            add_invoice(conn, acme, issued, 10_080_000 + quarter * 100)
            add_invoice(conn, beta, issued, 501_334)
        add_invoice(conn, acme, D(2026, 7, 15), 12_345_678)
        for day in range(1, 12):
            add_survey(conn, acme, D(2026, 7, day), "nps", 9 if day % 3 else 3)
            add_survey(conn, beta, D(2026, 7, day), "csat", 5 if day % 2 else 2)
        for day in (6, 13, 20):  # planned 60 minutes, ended 2 minutes early
            add_meeting(conn, acme, dt.datetime(2026, 7, day, 9), actual_minutes=58)
        add_action_item(conn, acme, D(2023, 10, 2))  # 1,048 days overdue
        add_action_item(conn, beta, D(2026, 7, 20), completed_on=D(2026, 7, 21))
        project = add_project(
            conn, acme, D(2026, 1, 1), D(2026, 12, 31), 250_000_000, name="Rollout"
        )
        add_spend(conn, project, D(2026, 3, 3), 123_456_789)
        add_milestone(conn, project, D(2026, 6, 30))
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    return Services(settings=settings, engine=engine)


def shown_values(tree) -> list[str]:
    """Text (table cells included) and chart strings."""
    texts = [text_of(tree)]
    for component in walk(tree):
        if isinstance(component, dcc.Graph):
            texts += shown_strings(component.figure)
    return texts


def charts(tree) -> list:
    return [c.figure for c in walk(tree) if isinstance(c, dcc.Graph)]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("tab", TABS)
def test_every_tab_writes_values_one_way(services, tab, lang):
    content = update_tab(services, f"?tab={tab}&lang={lang}", None)
    assert charts(content)  # the tab drew its charts
    assert misformatted(shown_values(content)) == []
    assert [p for figure in charts(content) for p in axis_problems(figure)] == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_month_period_is_written_as_a_month(services, lang):
    content = update_tab(services, f"?tab=meetings&period=2026-07&lang={lang}", None)
    assert misformatted(shown_values(content)) == []


def test_the_overdue_table_writes_dates_and_counts_like_the_client_page(services):
    content = update_tab(services, "?tab=action_items", None)
    assert [row[4:] for row in table_cells(content)] == [
        ["Oct 2, 2023", "1,048"]  # 2023-10-02 → 2026-08-15: 90 + 366 + 365 + 227
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_client_page_writes_values_one_way(services, lang):
    body, _href = update_client_body(services, "/clients/A", f"?lang={lang}", None)
    assert charts(body)
    assert misformatted(shown_values(body)) == []
    assert [p for figure in charts(body) for p in axis_problems(figure)] == []
