"""Retention figures from hand-made frames: values, hover, clicks, empty states."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.figures.retention import (
    cohort_heatmap,
    nrr_trend,
    rate_trend,
    recent_cohorts,
    revenue_bridge,
)

PERIODS = ["2026-Q1", "2026-Q2", "2026-Q3"]


def cohort_matrix() -> pd.DataFrame:
    # 2026-Q1: 4 clients, 3 left after Q1 (75%), 2 after Q2 (50%).
    # 2026-Q2: 2 clients, 1 after Q2 (50%), Q3 not over yet (NaN).
    # 2026-Q3: no client onboarded (size 0).
    matrix = pd.DataFrame(
        {"size": [4, 2, 0], 0: [0.75, 0.5, math.nan], 1: [0.5, math.nan, math.nan],
         2: [math.nan] * 3},
        index=["2026-Q1", "2026-Q2", "2026-Q3"],
    )  # fmt: skip
    matrix.index.name = "cohort"
    return matrix


def test_heatmap_cells_show_shares_and_leave_unfinished_quarters_empty():
    shown = recent_cohorts(cohort_matrix())
    # The empty cohort and the age no cohort has reached are dropped.
    assert list(shown.index) == ["2026-Q1", "2026-Q2"]
    assert list(shown.columns) == ["size", 0, 1]
    trace = cohort_heatmap(shown, "all clients", "en", "light").data[0]
    assert [list(row) for row in trace.z] == [[0.75, 0.5], [0.5, None]]
    assert [list(row) for row in trace.text] == [["75%", "50%"], ["50%", ""]]
    # Per cell: cohort, share (one decimal), cohort size.
    assert [[list(cell) for cell in row] for row in trace.customdata] == [
        [["2026-Q1", "75.0%", "4"], ["2026-Q1", "50.0%", "4"]],
        [["2026-Q2", "50.0%", "2"], ["2026-Q2", "—", "2"]],
    ]
    assert list(trace.x) == ["0", "1"]
    assert "Cohort %{customdata[0]}, age %{x} quarters" in trace.hovertemplate
    assert "Still active: %{customdata[1]}" in trace.hovertemplate
    assert "Cohort size: %{customdata[2]} clients" in trace.hovertemplate


def test_heatmap_labels_every_other_age_past_twelve():
    # 24 ages: 0..23. Cells too narrow for text, and ticks at 0, 2, ..., 22.
    ages = {age: [0.9 - age / 100] for age in range(24)}
    matrix = pd.DataFrame({"size": [10], **ages}, index=["2020-Q1"])
    figure = cohort_heatmap(matrix, "all clients", "en", "light")
    assert figure.data[0].texttemplate == ""
    assert list(figure.layout.xaxis.tickvals) == [str(a) for a in range(0, 24, 2)]
    # Twelve ages: every one labelled.
    few = cohort_heatmap(cohort_matrix(), "all clients", "en", "light")
    assert list(few.layout.xaxis.tickvals) == ["0", "1", "2"]


def test_recent_cohorts_keeps_the_newest():
    assert list(recent_cohorts(cohort_matrix(), limit=1).index) == ["2026-Q2"]


def test_heatmap_in_chinese_and_empty():
    figure = cohort_heatmap(recent_cohorts(cohort_matrix()), "x", "zh", "dark")
    assert "群组规模" in figure.data[0].hovertemplate
    empty = cohort_heatmap(cohort_matrix().iloc[2:], "Acme", "en", "light")
    assert empty.layout.annotations[0].text == "No finished cohort quarter for Acme"


def trend() -> pd.DataFrame:
    frame = pd.DataFrame(
        {"retention_rate": [0.9, None, 0.8], "churn_rate": [0.1, None, 0.2],
         "nrr": [1.05, 0.95, None], "grr": [0.9, 0.85, None]},
        index=PERIODS,
    )  # fmt: skip
    return frame.astype(object).where(frame.notna(), None)


def test_rate_trend_lines_and_period_clicks():
    figure = rate_trend(trend(), "all clients", "en", "light")
    retention, churn = figure.data
    assert retention.name == "Retention rate"
    assert list(retention.y) == [0.9, None, 0.8]
    assert list(churn.y) == [0.1, None, 0.2]
    assert [row[0] for row in churn.customdata] == [f"period:{p}" for p in PERIODS]
    assert [row[2] for row in churn.customdata] == ["10.0%", "—", "20.0%"]
    assert retention.hovertemplate == (
        "%{customdata[1]}<br>Retention rate: %{customdata[2]}<extra></extra>"
    )
    # 90% / 6 = 15% → steps of 20%, from 0 to 100%.
    assert list(figure.layout.yaxis.ticktext) == [
        "0%", "20%", "40%", "60%", "80%", "100%"
    ]  # fmt: skip


def test_rate_trend_without_any_value_says_so():
    empty = trend().assign(retention_rate=None, churn_rate=None)
    figure = rate_trend(empty, "SMB", "en", "light")
    assert figure.data == ()
    assert figure.layout.annotations[0].text == (
        "No clients at the start of these periods for SMB"
    )


def test_nrr_trend_has_a_reference_line_at_100_percent():
    figure = nrr_trend(trend(), "all clients", "en", "light")
    assert [trace.name for trace in figure.data] == [
        "Net revenue retention", "Gross revenue retention", "100%: revenue kept"
    ]  # fmt: skip
    assert list(figure.data[0].y) == [1.05, 0.95, None]
    line = figure.layout.shapes[0]
    assert (line.y0, line.y1) == (1.0, 1.0)
    # The line is named in the legend (dotted like the line), not by a note on
    # the plot where the rates' lines cross it.
    key = figure.data[2]
    assert (key.line.dash, key.line.color) == (line.line.dash, line.line.color)
    assert list(key.x) == [None] and figure.layout.annotations == ()
    assert list(figure.data[1].customdata[2]) == ["period:2026-Q3", "2026-Q3", "—"]


def test_revenue_bridge_steps_add_up_to_the_end():
    # 1,000 → +300 expansion → −100 contraction → −200 churned → 1,000.
    bridge = {"start": 1000.0, "expansion": 300.0, "contraction": 100.0,
              "churned": 200.0, "other": 0.0, "end": 1000.0}  # fmt: skip
    labels = {"period": "2026-Q3", "year_earlier": "2025-Q3", "who": "all clients"}
    trace = revenue_bridge(bridge, labels, "USD", "en", "light").data[0]
    assert list(trace.x) == [
        "Revenue 2025-Q3", "Expansion", "Contraction", "Churned", "Revenue 2026-Q3"
    ]  # fmt: skip
    assert list(trace.measure) == ["absolute", "relative", "relative", "relative",
                                   "total"]  # fmt: skip
    assert list(trace.y)[:4] == [1000.0, 300.0, -100.0, -200.0]
    assert list(trace.customdata) == [
        "$1,000.00", "$300.00", "-$100.00", "-$200.00", "$1,000.00"
    ]  # fmt: skip
    assert trace.hovertemplate == "%{x}: %{customdata}<extra></extra>"


def test_revenue_bridge_shows_credit_notes_only_when_there_are_some():
    bridge = {"start": 500.0, "expansion": 0.0, "contraction": 0.0,
              "churned": 500.0, "other": -50.0, "end": -50.0}  # fmt: skip
    labels = {"period": "2026-Q3", "year_earlier": "2025-Q3", "who": "Acme"}
    trace = revenue_bridge(bridge, labels, "EUR", "zh", "dark").data[0]
    assert "流失后的贷项通知" in trace.x
    assert list(trace.y)[4] == -50.0
    # Expansion and contraction moved nothing: no "€0.00" over an empty column,
    # but the hover still says 0; the totals keep their labels.
    assert list(trace.text) == ["€500.00", "", "", "-€500.00", "-€50.00", "-€50.00"]
    assert list(trace.customdata)[1:3] == ["€0.00", "€0.00"]
    empty = revenue_bridge(None, labels, "USD", "en", "light")
    assert empty.layout.annotations[0].text == (
        "No revenue in 2025-Q3 for Acme: nothing to bridge"
    )


def test_a_one_row_cohort_heatmap_leaves_narrow_cells_without_text():
    """One client onboarded six years ago: one cohort, 24 ages. At about 23 px a
    cell, "100%" would run into its neighbours ("00%00%…"): the cells have no
    text, and each share is in the hover."""
    ages = {age: [1.0] for age in range(24)}
    one_row = pd.DataFrame({"size": [1], **ages}, index=["2020-Q4"])
    cells = cohort_heatmap(one_row, "Acme", "en", "light").data[0]
    assert cells.texttemplate == ""
    assert cells.customdata[0][23] == ["2020-Q4", "100.0%", "1"]
    assert "%{customdata[1]}" in cells.hovertemplate
    # Twelve ages leave room for the text, written at 12 px.
    few = pd.DataFrame({"size": [1], **dict(list(ages.items())[:12])}, index=["Q"])
    cells = cohort_heatmap(few, "Acme", "en", "light").data[0]
    assert cells.texttemplate == "%{text}" and cells.textfont.size == 12
    assert list(cells.text[0][:2]) == ["100%", "100%"]
