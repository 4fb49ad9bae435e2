"""A legend never sits on the axis labels: above the plot, or below it only when
the labels under the plot are flat; a trend's period labels are flat and, in a
narrow chart at a client's text size, every 2nd (3rd, …) one."""

from __future__ import annotations

from functools import cache

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures.churn import lost_trend
from dashboard.figures.retention import nrr_trend, rate_trend
from dashboard.figures.satisfaction import response_counts
from dashboard.figures.theme import for_presenting
from tests.dashboard.figures.hostile_tabs import hostile_figures
from tests.dashboard.figures.test_markup import figure_builders

QUARTERS = [f"{year}-Q{q}" for year in (2025, 2026) for q in (1, 2, 3, 4)]


@cache
def figures(lang: str) -> dict[str, list[go.Figure]]:
    return hostile_figures(lang)


def shows_legend(figure: go.Figure) -> bool:
    """Whether Plotly draws a legend: asked for, or two named traces or more."""
    named = [t for t in figure.data if t.name and t.showlegend is not False]
    if figure.layout.showlegend is not None:
        return bool(figure.layout.showlegend) and bool(named)
    return len(named) >= 2


def legend_place(figure: go.Figure) -> tuple[float, str]:
    """The legend's y and y anchor, from the figure or else its template."""
    own, default = figure.layout.legend, figure.layout.template.layout.legend
    y = own.y if own.y is not None else default.y
    anchor = own.yanchor or default.yanchor or "auto"
    if anchor == "auto":  # Plotly's rule for an automatic anchor
        anchor = "bottom" if y <= 1 / 3 else ("top" if y >= 2 / 3 else "middle")
    return y, anchor


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("builder", sorted(figure_builders()))
def test_a_legend_is_above_the_plot_or_below_flat_labels(builder, lang):
    for figure in figures(lang)[builder]:
        presented = for_presenting(go.Figure(figure))
        if not shows_legend(presented):
            continue
        y, anchor = legend_place(presented)
        above = y >= 1 and anchor == "bottom"
        below = y < 0 and anchor == "top" and presented.layout.xaxis.tickangle == 0
        assert above or below, (builder, y, anchor, presented.layout.xaxis.tickangle)


def eight_quarters(**columns: list[float]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=QUARTERS)


def narrow_trends(lang: str) -> dict[str, go.Figure]:
    rates = [0.9, 0.92, 0.95, 0.9, 0.88, 0.93, 0.96, 0.97]
    churn = [round(1 - r, 2) for r in rates]
    counts = [3, 4, 5, 2, 6, 7, 3, 4]
    return {
        "rates": rate_trend(
            eight_quarters(retention_rate=rates, churn_rate=churn), "A", lang, "light"
        ),
        "nrr": nrr_trend(eight_quarters(nrr=rates, grr=churn), "A", lang, "dark"),
        "lost": lost_trend(
            eight_quarters(lost_clients=counts, churn_rate=churn), "A", lang, "light"
        ),
        "answers": response_counts(
            eight_quarters(nps_n=counts, csat_n=counts), "A", lang, "light"
        ),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_eight_quarters_are_labelled_flat_every_other_one_under_a_top_legend(lang):
    # "2025-Q1" is 7 characters: at 15 px about 7 × 0.6 × 15 + 16 = 79 px a label,
    # so 330 px hold 4 of the 8: every 2nd, ending with the latest quarter.
    for name, figure in narrow_trends(lang).items():
        presented = for_presenting(figure)
        axis = presented.layout.xaxis
        assert list(axis.tickvals) == ["2025-Q2", "2025-Q4", "2026-Q2", "2026-Q4"]
        assert list(axis.ticktext) == list(axis.tickvals), name
        assert axis.tickangle == 0 and axis.automargin is True, name
        legend = presented.layout.legend
        assert (legend.y, legend.yanchor, legend.orientation) == (1.02, "bottom", "h")
        # Every quarter is still drawn (and clickable), labelled or not.
        assert list(presented.data[0].x) == QUARTERS, name
