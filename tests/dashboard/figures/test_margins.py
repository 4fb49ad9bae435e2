"""Margins reserved from a chart's label texts, so the browser draws it once."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest

from dashboard.figures.margins import (
    LABEL_GAP,
    LEGEND_PADDING,
    reserve_margins,
    reserved_margins,
    text_px,
)
from dashboard.figures.theme import template


def test_text_width_and_height_follow_the_characters():
    # A .72 + l .34 + p .6 + h .6 + a .6 = 2.86 em at 10 px.
    assert text_px("Alpha", 10) == pytest.approx((28.6, 13.0))
    # The widest of two lines; two lines high.
    assert text_px("a<br>bb", 10) == pytest.approx((12.0, 26.0))
    # Full-width characters are 1 em, on a taller line.
    assert text_px("客户", 10) == pytest.approx((20.0, 15.0))
    # Entities count as the character they show; tags take no room.
    assert text_px("R&amp;D", 10) == pytest.approx((22.4, 13.0))
    assert text_px("<b>1</b>", 10) == pytest.approx((6.4, 13.0))


def bars(layout: dict, *traces: dict) -> dict:
    return {"data": list(traces), "layout": {"font": {"size": 10}} | layout}


def test_a_category_axis_on_the_left_reserves_its_widest_label():
    spec = bars(
        {},
        {"type": "bar", "orientation": "h", "y": ["Alpha", "Beta"], "x": [5, 1500]},
    )
    # l: "Alpha" 28.6 px + the gap. x: Plotly may write "−1,500" (3.74 em, 37.4
    # px), centred on the plot's ends: 18.7 + 4 each side. b: one line (13) + gap.
    # t: half the top label's line (6.5) + 4.
    assert reserved_margins(spec) == {
        "l": math.ceil(28.6 + LABEL_GAP),
        "r": math.ceil(18.7 + 4),
        "t": math.ceil(6.5 + 4),
        "b": math.ceil(13 + LABEL_GAP),
    }


def test_tick_text_and_titles_are_what_is_measured():
    spec = bars(
        {
            "yaxis": {"ticktext": ["$1M", "$0"], "tickvals": [1e6, 0]},
            "xaxis": {"title": {"text": "When"}},
        },
        {"type": "scatter", "x": ["2026-Q1", "2026-Q2"], "y": [0, 1e6]},
    )
    margins = reserved_margins(spec)
    # "$1M": .64 + .64 + .88 = 2.16 em → 21.6 px, more than half an x label.
    assert margins["l"] == math.ceil(21.6 + LABEL_GAP)
    # "2026-Q2": four digits .64, "-" .38, "Q" .72, "2" .64 = 4.3 em, centred on
    # the plot's right end: half of 43 px + 4.
    assert margins["r"] == math.ceil(43 / 2 + 4)
    # b: the labels' line, the gap, and the title's line (13) with its gap (10).
    assert margins["b"] == math.ceil(13 + LABEL_GAP + 13 + 10)


def test_a_legend_above_takes_rows_and_one_below_adds_to_the_labels():
    traces = (
        {"type": "scatter", "name": "One", "x": [1], "y": [1]},
        {"type": "scatter", "name": "Two", "x": [1], "y": [1]},
    )
    above = bars({"legend": {"orientation": "h", "y": 1.02}}, *traces)
    # One row: a 13 px line, 14 px between rows, the padding.
    assert reserved_margins(above)["t"] == 13 + 14 + LEGEND_PADDING
    below = bars({"legend": {"orientation": "h", "y": -0.1}}, *traces)
    labels_only = reserved_margins(bars({}, traces[0]))["b"]
    assert reserved_margins(below)["b"] == labels_only + 13 + 14 + LEGEND_PADDING
    # One named trace draws no legend.
    assert reserved_margins(bars({"legend": {"orientation": "h"}}, traces[0]))[
        "t"
    ] == math.ceil(6.5 + 4)


def test_an_axis_between_subplots_does_not_push_the_margin():
    spec = bars(
        {
            "xaxis": {"domain": [0, 0.45]},
            "xaxis2": {"domain": [0.55, 1], "anchor": "y2"},
            "yaxis2": {"anchor": "x2"},
        },
        {"type": "bar", "orientation": "h", "y": ["A"], "x": [1]},
        {
            "type": "bar",
            "orientation": "h",
            "y": ["A much longer label"],
            "x": [1],
            "xaxis": "x2",
            "yaxis": "y2",
        },
    )
    # Only "A" (0.72 em) sits at the left edge.
    assert reserved_margins(spec)["l"] == math.ceil(7.2 + LABEL_GAP)


def test_reserving_only_grows_margins():
    figure = go.Figure(
        go.Bar(orientation="h", y=["A rather long project name"], x=[3]),
        layout={"template": template("light"), "margin": {"l": 400}},
    )
    reserve_margins(figure)
    # The builder's wider left margin stays; the template's bottom (48) is
    # enough for one line of labels, so it is not set.
    assert figure.layout.margin.l == 400
    assert figure.layout.margin.b is None
    narrow = go.Figure(
        go.Bar(orientation="h", y=["A rather long project name"], x=[3]),
        layout={"template": template("light")},
    )
    reserve_margins(narrow)
    assert narrow.layout.margin.l == reserved_margins(narrow.to_dict())["l"] > 56
