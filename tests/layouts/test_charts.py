"""A chart card: the graph (larger text for a client's eyes), or one line of text
when its figure has nothing to draw."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.figures.theme import empty_figure, template
from layouts import ids
from layouts.charts import chart_card
from layouts.client_page import graph
from layouts.client_sections import build_action_items
from tests.components import find, walk


def a_figure() -> go.Figure:
    figure = go.Figure(go.Bar(x=["a"], y=[1]), layout={"template": template("light")})
    figure.update_layout(xaxis={"tickfont": {"size": 12}})
    return figure


def test_an_empty_figure_is_one_line_of_text_not_a_frame():
    card = chart_card(
        "meetings-kind-status",
        "Meetings by kind",
        empty_figure("No meetings for <b>Beta</b> in 2026-Q2", "light", width=20),
        note="Click a kind.",
    )
    line = find(card, ids.chart_message(ids.chart("meetings-kind-status")))
    assert isinstance(line, html.P)
    assert line.children == "No meetings for <b>Beta</b> in 2026-Q2"  # as written
    assert not [c for c in walk(card) if isinstance(c, dcc.Graph)]
    assert "Click a kind." not in [getattr(c, "children", None) for c in walk(card)]


def test_presenting_makes_the_text_of_the_placed_figure_larger():
    shown = find(chart_card("x", "X", a_figure()), ids.chart("x")).figure
    presented = find(
        chart_card("x", "X", a_figure(), presenting=True), ids.chart("x")
    ).figure
    assert (shown.layout.font.size, shown.layout.xaxis.tickfont.size) == (None, 12)
    assert (presented.layout.font.size, presented.layout.xaxis.tickfont.size) == (
        15,
        14,
    )


def test_the_client_page_keeps_a_clickable_graph_id_for_an_empty_chart():
    shown = graph("client-revenue-trend", empty_figure("No revenue", "dark"), 260)
    assert find(shown, ids.chart_message("client-revenue-trend")).children == (
        "No revenue"
    )
    hidden = find(shown, "client-revenue-trend")
    assert isinstance(hidden, dcc.Graph) and hidden.style == {"display": "none"}


def test_a_message_card_is_as_tall_as_its_text_a_chart_card_as_its_row():
    # Side by side in a row, a chart's card fills the row's height (h-100) so the
    # cards line up; a card with one line of text must not stretch to a chart's.
    message = chart_card("x", "X", empty_figure("No data for Acme", "light"))
    drawn = chart_card("y", "Y", a_figure())
    assert message.className.split() == ["chart-card", "chart-card-message"]
    assert drawn.className.split() == ["chart-card", "h-100"]


def test_a_client_section_with_nothing_to_show_is_as_tall_as_its_text():
    empty = build_action_items([], client="Acme", as_of=dt.date(2026, 8, 15), lang="en")
    assert empty.className.split() == ["client-section", "client-section-message"]
    texts = [getattr(c, "children", None) for c in walk(empty)]
    assert "No open action items for Acme." in texts
    listed = build_action_items(
        [{"title": "Send the plan", "owner": "Ann", "due_on": dt.date(2026, 8, 1),
          "meeting": None}],
        client="Acme", as_of=dt.date(2026, 8, 15), lang="en",
    )  # fmt: skip
    assert "h-100" in listed.className.split()
