"""Trend charts of KPIs with an agreed target draw it as a labelled line."""

from __future__ import annotations

import plotly.graph_objects as go
from sqlalchemy import insert

from callbacks.client_page import update_client_body
from callbacks.tabs import tab_content, update_tab
from dashboard.figures.targets import TARGET_LINE, target_labels, with_target_line
from dashboard.figures.theme import empty_figure
from data.models import Target
from layouts import ids
from tests.callbacks.client_review import _target
from tests.callbacks.retention_portfolio import portfolio_services
from tests.components import figure_of, find


def target_lines(figure: go.Figure) -> list:
    return [s for s in figure.layout.shapes if s.name == TARGET_LINE]


def test_the_attendance_trend_draws_acmes_target(review):
    with review.engine.connect() as conn:
        content = tab_content(review, "?client=C1&period=2026-Q2&tab=meetings", conn)
    attendance = figure_of(content, "meetings-attendance-trend")
    (line,) = target_lines(attendance)
    assert (line.y0, line.y1) == (0.85, 0.85)
    labels = target_labels(attendance)
    assert "Target 85.0%" in labels
    # No goal-achievement target for Acme in 2026-Q2: no line.
    assert target_lines(figure_of(content, "meetings-goals-trend")) == []


def test_the_label_is_escaped_and_an_empty_figure_gets_no_line():
    figure = with_target_line(go.Figure(go.Scatter(y=[1, 2])), 1.5, "<b>x</b>", "en")
    assert target_labels(figure) == ["Target &lt;b&gt;x&lt;/b&gt;"]
    # Named in the legend, never written on the line where the points' labels
    # are; the unnamed series is not listed as "trace 0".
    assert figure.layout.annotations == ()
    assert figure.layout.showlegend is True
    assert figure.data[0].showlegend is False
    empty = empty_figure("nothing", "light")
    assert target_lines(with_target_line(empty, 1.0, "1", "en")) == []


def test_a_fixed_range_is_widened_to_hold_the_line():
    figure = go.Figure(go.Scatter(y=[10, 20]), layout={"yaxis": {"range": [0, 50]}})
    with_target_line(figure, 80.0, "80", "en")
    low, high = figure.layout.yaxis.range
    assert low == 0 and high >= 80


def test_the_client_pages_survey_trend_draws_the_nps_target(review):
    body, _back = update_client_body(review, "/clients/C1", "?period=2026-Q2", None)
    surveys = go.Figure(find(body, ids.CLIENT_SURVEYS).figure)
    (line,) = target_lines(surveys)
    assert line.y0 == 30.0
    assert "Target NPS 30.0" in target_labels(surveys)
    # No revenue target for Acme in 2026-Q2: no line on its revenue trend.
    assert target_lines(go.Figure(find(body, ids.CLIENT_REVENUE).figure)) == []


def test_the_retention_trends_draw_named_targets(engine):
    services = portfolio_services(engine)
    # NRR ≥ 95% and logo retention ≥ 90% for the portfolio: each chart draws
    # its own, named, since each chart draws two rates.
    with services.engine.begin() as conn:
        conn.execute(
            insert(Target),
            [
                {**_target("portfolio", "nrr", 0.95), "period": "2026-Q3"},
                {**_target("portfolio", "retention_rate", 0.9), "period": "2026-Q3"},
            ],
        )
    content = update_tab(services, "?period=2026-Q3&tab=retention", None)
    nrr = figure_of(content, "retention-nrr")
    (line,) = target_lines(nrr)
    assert line.y0 == 0.95
    assert "Target NRR 95.0%" in target_labels(nrr)
    rates = figure_of(content, "retention-rates")
    assert [s.y0 for s in target_lines(rates)] == [0.9]
    assert "Target Retention rate 90.0%" in target_labels(rates)


def test_the_nps_split_draws_the_target_on_the_nps_axis(review):
    # The portfolio's NPS ≥ 30 in 2026-Q2; NPS is drawn on the right-hand axis.
    content = update_tab(review, "?client=C1&period=2026-Q2&tab=satisfaction", None)
    split = figure_of(content, "satisfaction-nps")
    (line,) = target_lines(split)
    assert (line.y0, line.yref) == (30.0, "y2")
    assert "Target NPS 30.0" in target_labels(split)


def test_labels_above_points_make_way_for_the_line_and_the_legend():
    trend = go.Figure(
        go.Scatter(
            y=[0.70, 0.40],
            name="Goal achievement rate",
            mode="lines+markers+text",
            text=["70%", "40%"],
            textposition="top center",
        ),
        layout={"yaxis": {"rangemode": "tozero"}},
    )
    with_target_line(trend, 0.75, "75.0%", "en")
    # 0.75 lies within 12% of the range above 0.70 (range 0 to 0.75 + 18%):
    # that label goes below its point; 0.40's stays above.
    assert trend.data[0].textposition == ("bottom center", "top center")
    assert trend.layout.yaxis.range == (0.0, 0.75 + 0.75 * 0.18)
    # A named series stays in the legend beside the target.
    assert trend.data[0].showlegend is None
    assert target_labels(trend) == ["Target 75.0%"]
