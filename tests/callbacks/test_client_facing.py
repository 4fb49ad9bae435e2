"""Client-facing by construction: what presenting and a client's own login show
(relationship health, no band, the banner's words), the review's default
period, "to date" marks, small samples, the budget of one client, the client
page's period picker and open items grouped by the last review."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import plotly.graph_objects as go
from dash import no_update
from sqlalchemy import insert

from callbacks.client_page import sync_period, update_client_body
from callbacks.headline import update_main
from callbacks.page_frame import banner_period_text, render_frame, update_banner
from callbacks.tab_action_items import OVERDUE_TABLE_ID
from callbacks.tabs import update_tab
from dashboard.figures.card_values import build_card
from dashboard.figures.theme import for_presenting
from dashboard.figures.to_date import mark_to_date
from dashboard.kernel.filters import last_complete_period, periods_to_date
from dashboard.kernel.review_groups import grouped_items
from dashboard.kernel.scope import Scope
from data.models import ActionItem, Meeting
from layouts import ids
from tests.callbacks.conftest import _item, _meeting
from tests.callbacks.test_presenting import PRESENTING, VIEWER, dumped, logged_in
from tests.components import figure_of, find, table_cells, text_of
from tests.factories import add_project, add_spend

D = dt.date
AS_OF = D(2026, 8, 15)
# Words for the portfolio's eyes only: never on a page facing one client.
FORBIDDEN = ("Clients lost", "Why clients left", "Watch", "At risk", "Beta", "Gamma")


def test_the_last_complete_period_is_the_quarter_before_a_running_one():
    assert last_complete_period(AS_OF).label == "2026-Q2"
    assert last_complete_period(D(2026, 9, 30)).label == "2026-Q3"
    assert last_complete_period(D(2026, 10, 1)).label == "2026-Q3"
    assert last_complete_period(AS_OF, 4).label == "FY2027-Q1"  # Apr–Jun
    assert periods_to_date(AS_OF) == {"2026-08", "2026-Q3", "2026"}
    assert periods_to_date(D(2026, 12, 31)) == frozenset()


def test_presenting_shows_relationship_health_in_the_clients_words(services):
    for user in (PRESENTING, VIEWER):
        with logged_in(user):
            page, *_rest = render_frame(services, "/", "?tab=churn", None, None)
            tab = update_tab(services, "?client=C1&tab=churn&period=2026-Q3", None)
        tabs = find(page, ids.TABS)
        assert [t.label for t in tabs.children][1] == "Relationship health"
        text = dumped(page) + dumped(tab)
        assert [word for word in FORBIDDEN if word in text] == []
        assert "Health on Aug 15, 2026" in text_of(tab)
        assert "How our work together is going" in text_of(tab)
    with logged_in(PRESENTING):
        page, *_rest = render_frame(services, "/", "?tab=churn&lang=zh", None, None)
    assert [t.label for t in find(page, ids.TABS).children][1] == "合作关系健康度"


def test_an_internal_viewer_keeps_the_churn_tab(services):
    tab = update_tab(services, "?tab=churn&period=2026-Q3", None)
    text = dumped(tab)
    assert "Clients lost" in text and "Beta" in text


def test_the_banner_speaks_to_the_client(services):
    with logged_in(PRESENTING):
        page, *_rest = render_frame(services, "/", "", None, None)
        texts, links = update_banner(services, "?period=2026-Q2&client=C1")
        running, _links = update_banner(services, "?period=2026-Q3&lang=zh")
    banner = dumped(find(page, "presenting-banner"))
    assert "Prepared for Acme" in banner
    assert "internal" not in banner.lower()
    assert texts == [" — review of 2026-Q2"]
    assert links[0].href == "/clients/C1?period=2026-Q2"
    assert running == [" — 2026-Q3 至今"]
    with logged_in(VIEWER):
        page, *_rest = render_frame(services, "/", "", None, None)
    assert "Prepared for Acme" in dumped(find(page, "presenting-banner"))
    # Off a client-facing page there is no banner to fill.
    assert update_banner(services, "?period=2026-Q2", 0) == ([], [])


def test_the_banner_period_defaults_and_refuses_what_it_cannot_show():
    assert banner_period_text("", AS_OF, 1) == " — review of 2026-Q2"
    assert banner_period_text("?period=2026-Q9", AS_OF, 1) == " — review of 2026-Q2"
    assert banner_period_text("?period=2027-Q1", AS_OF, 1) == " — review of 2026-Q2"
    assert banner_period_text("?period=2026-07", AS_OF, 1) == " — review of Jul 2026"


def test_a_client_facing_page_opens_on_the_last_complete_quarter(services):
    with logged_in(PRESENTING):
        *_page, search, _class, _title = render_frame(
            services, "/clients/C1", "?lang=zh", None, None
        )
        kept = render_frame(services, "/clients/C1", "?period=2026-Q3", None, None)
    assert search == "?period=2026-Q2&lang=zh"
    # A link naming its period keeps it (nothing to rewrite).
    assert kept[3] is no_update
    # An internal viewer still opens on this quarter to date.
    _cards, _chips, _notice, caption, _key = update_main(services, "", None)
    assert caption.startswith("2026-Q3") and caption.endswith("to date")


def cards_text(cards) -> str:
    return dumped(cards)


def test_cards_of_a_running_period_say_to_date_and_a_past_one_does_not(services):
    cards, *_rest = update_main(services, "?period=2026-Q3", None)
    assert "2026-Q3 to date" in cards_text(cards)
    past, *_rest = update_main(services, "?period=2026-Q2", None)
    assert "to date" not in cards_text(past)


def test_a_small_sample_is_named_beside_the_value():
    report = {"csat": 0.0, "csat_n": 1, "previous": {}}
    card = build_card("csat", report, {}, "en", "USD", to_date="2026-Q4")
    assert (card.value, card.sample_note) == ("0.0%", "n = 1")
    assert card.period_note == "2026-Q4 to date"
    big = build_card("csat", {"csat": 0.5, "csat_n": 40, "previous": {}}, {}, "en", "")
    assert big.sample_note is None and big.period_note is None


def test_a_running_period_is_marked_on_the_period_axis_only():
    figure = go.Figure(
        go.Bar(x=["2026-Q2", "2026-Q3"], y=[1, 2]),
        layout={
            "xaxis": {"tickvals": ["2026-Q2", "2026-Q3"], "ticktext": ["Q2", "Q3"]}
        },
    )
    mark_to_date(figure, {"2026-Q3"}, "en")
    assert list(figure.layout.xaxis.ticktext) == ["Q2", "Q3<br>to date"]
    past = go.Figure(layout={"xaxis": {"tickvals": ["2026-Q2"], "ticktext": ["Q2"]}})
    mark_to_date(past, {"2026-Q3"}, "en")
    assert list(past.layout.xaxis.ticktext) == ["Q2"]


def test_tab_charts_mark_the_running_quarter(services):
    tab = update_tab(services, "?period=2026-Q3", None)
    ticks = figure_of(tab, "retention-rates").layout.xaxis
    assert ticks.ticktext[-1] == "2026-Q3<br>to date"
    old = update_tab(services, "?period=2026-Q2", None)
    ticks = figure_of(old, "retention-rates").layout.xaxis
    assert "to date" not in json.dumps(list(ticks.ticktext))


def test_presenting_chart_text_and_hover_are_at_least_14_px(services):
    with logged_in(PRESENTING):
        tab = update_tab(services, "?client=C1&period=2026-Q3", None)
    figure = figure_of(tab, "retention-rates")
    assert figure.layout.font.size >= 14
    assert figure.layout.hoverlabel.font.size >= 14
    assert figure.layout.uniformtext.minsize >= 14
    bare = for_presenting(go.Figure(go.Scatter(x=[1], y=[1])))
    assert bare.layout.hoverlabel.font.size == 15


def test_one_clients_budget_includes_projects_ended_in_the_last_12_months(services):
    empty = update_tab(services, "?client=C1&tab=budget&period=2026-Q3", None)
    # Nothing to draw for one client: the tab is that one line.
    assert [c.className for c in empty] == ["section-empty"]
    assert empty[0].children == (
        "No projects for Acme in 2026-Q3 or the 12 months before"
    )
    with services.engine.begin() as conn:
        six = add_project(
            conn,
            1,
            D(2025, 9, 1),
            D(2026, 2, 15),
            100_000,
            external_id="P6",
            name="Ended six months ago",
        )
        add_spend(conn, six, D(2026, 1, 10), 150_000)
        old = add_project(
            conn,
            1,
            D(2024, 9, 1),
            D(2025, 2, 15),
            100_000,
            external_id="P18",
            name="Ended 18 months ago",
        )
        add_spend(conn, old, D(2025, 1, 10), 150_000)
    # fmt: skip
    tab = update_tab(services, "?client=C1&tab=budget&period=2026-Q3", None)
    text = dumped(find(tab, ids.chart("budget-burn-ratio")))
    assert "Ended six months ago" in text and "Ended 18 months ago" not in text
    # The portfolio keeps the projects of the period (none is running in Q3).
    book = update_tab(services, "?tab=budget&period=2026-Q3", None)
    assert "Ended six months ago" not in dumped(book)


def test_the_client_page_period_picker_changes_the_figures(services):
    search, _value = sync_period("2026-Q2", "?lang=zh", True)
    assert search == "?period=2026-Q2&lang=zh"
    assert sync_period("2026-Q2", search, True) == (sync_period(None, "", True))
    assert sync_period(None, "?period=2026-Q2", False)[1] == "2026-Q2"
    q3, _back = update_client_body(services, "/clients/C1", "", None)
    q2, back = update_client_body(services, "/clients/C1", "?period=2026-Q2", None)
    assert "2026-Q3: Jul 1, 2026 to Aug 15, 2026 · to date" in text_of(q3)
    assert "2026-Q2: Apr 1, 2026 to Jun 30, 2026" in text_of(q2)
    assert back == "/?period=2026-Q2&client=C1"


def test_open_items_are_grouped_by_the_last_review():
    review = (dt.datetime(2026, 7, 10, 9), D(2026, 7, 10))
    items = [
        {"title": "due soon", "created_on": D(2026, 8, 1), "meeting_start": None},
        {"title": "at it", "created_on": D(2026, 7, 10), "meeting_start": None},
        {"title": "typed up", "created_on": D(2026, 7, 12), "meeting_start": None},
        {"title": "of it", "created_on": D(2026, 6, 1),
         "meeting_start": dt.datetime(2026, 7, 10, 9)},
        {"title": "old", "created_on": D(2026, 7, 9), "meeting_start": None},
        {"title": "day 3", "created_on": D(2026, 7, 13), "meeting_start": None},
    ]  # fmt: skip
    groups = [
        (group, [i["title"] for i in shown])
        for group, shown in grouped_items(items, review)
    ]
    assert groups == [
        ("agreed", ["at it", "typed up", "of it"]),
        ("since", ["due soon", "day 3"]),
        ("older", ["old"]),
    ]
    assert grouped_items(items[:1], None) == [(None, items[:1])]


def test_the_client_page_groups_open_items_under_the_last_qbr(services):
    # Ids after the fixture's (given, so PostgreSQL's sequences are not asked).
    qbr = _meeting(10, 1, dt.datetime(2026, 7, 20, 9), "held") | {"kind": "qbr"}
    agreed = _item(10, 1, D(2026, 7, 21), None) | {"title": "Agreed at the QBR"}
    later = _item(11, 1, D(2026, 8, 5), None) | {"title": "Raised later"}
    with services.engine.begin() as conn:
        conn.execute(insert(Meeting), [qbr])
        conn.execute(insert(ActionItem), [agreed, later])
    body, _back = update_client_body(services, "/clients/C1", "", None)
    items = find(body, ids.CLIENT_ACTION_ITEMS)
    text = text_of(items)
    agreed = text.index("Agreed at the last review (Jul 20, 2026)")
    since = text.index("Since the last review")
    older = text.index("Older")
    assert agreed < text.index("Agreed at the QBR") < since
    assert since < text.index("Raised later") < older < text.index("Follow up")
    zh, _back = update_client_body(services, "/clients/C1", "?lang=zh", None)
    assert "上次回顾会议（2026年7月20日）上商定" in text_of(zh)


def test_a_client_facing_client_page_shows_no_band(services):
    viewer = dataclasses.replace(services, scope_override=Scope.for_client("C1"))
    body, _back = update_client_body(viewer, "/clients/C1", "?period=2026-Q3", None)
    text = text_of(body)
    assert [w for w in ("Healthy", "Watch", "At risk", "Not scored") if w in text] == []
    inside, _back = update_client_body(services, "/clients/C1", "", None)
    assert any(w in text_of(inside) for w in ("Healthy", "Watch", "At risk"))


def test_the_overdue_list_names_each_items_review_group(services):
    # C1's QBR on 07-20; overdue on 08-15: due 07-08 (created 07-01: older),
    # due 08-01 (created 07-21: agreed at it), due 08-10 (created 08-02: since).
    qbr = _meeting(10, 1, dt.datetime(2026, 7, 20, 9), "held") | {"kind": "qbr"}
    agreed = _item(10, 1, D(2026, 7, 21), None) | {"due_on": D(2026, 8, 1)}
    since = _item(11, 1, D(2026, 8, 2), None) | {"due_on": D(2026, 8, 10)}
    with services.engine.begin() as conn:
        conn.execute(insert(Meeting), [qbr])
        conn.execute(insert(ActionItem), [agreed, since])
    tab = update_tab(services, "?tab=action_items&period=2026-Q3", None)
    table = find(tab, OVERDUE_TABLE_ID)
    assert [(row[1], row[4]) for row in table_cells(table)] == [
        ("Older", "Jul 8, 2026"),
        ("Agreed at the last review", "Aug 1, 2026"),
        ("Since the last review", "Aug 10, 2026"),
    ]
    zh = update_tab(services, "?tab=action_items&period=2026-Q3&lang=zh", None)
    assert table_cells(find(zh, OVERDUE_TABLE_ID))[1][1] == "上次回顾会议上商定"
