"""Retention tab figures: cohort heatmap, logo and revenue retention, revenue bridge."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import (
    column_axis,
    money_axis,
    percent_axis,
    period_axis,
    trend_axis,
)
from dashboard.figures.series import (
    has_values,
    line_key,
    numbers,
    period_customdata,
)
from dashboard.figures.theme import (
    BAD,
    GOOD,
    NEUTRAL,
    PALETTE,
    SURFACES,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import (
    format_count,
    format_money,
    format_percent,
    format_period,
)
from dashboard.kernel.i18n import translator

SIZE = "size"
MAX_COHORTS = 12
# The most ages (columns) whose cells still hold "100%" at a readable size in
# the cohort card at 1280 px (about 45 px a cell); more, and the cells are left
# without text (the share is in the hover) rather than run together.
CELL_TEXT_AGES = 12
CELL_TEXT_SIZE = 12
# Low shares fade into the page; high shares stand out, in either theme.
HEAT_SCALES = {
    "light": [[0.0, "#f7fbff"], [0.5, "#6baed6"], [1.0, "#08306b"]],
    "dark": [[0.0, "#343a40"], [0.5, "#1d4f91"], [1.0, "#1f6feb"]],
}


def recent_cohorts(matrix: pd.DataFrame, limit: int = MAX_COHORTS) -> pd.DataFrame:
    """The newest `limit` cohorts that have clients, and the ages they reach."""
    kept = matrix[matrix[SIZE] > 0].tail(limit)
    ages = [c for c in kept.columns if c != SIZE and kept[c].notna().any()]
    return kept[[SIZE, *ages]]


def cohort_heatmap(matrix: pd.DataFrame, who: str, lang: str, theme: str) -> go.Figure:
    """Share of each onboarding quarter still active k quarters later.

    Unfinished quarters stay empty (NaN), never 0; text shows the share (when
    the cells are wide enough: CELL_TEXT_AGES), hover the cohort, age, share and
    cohort size.
    """
    _ = translator(lang)
    ages = [c for c in matrix.columns if c != SIZE]
    if matrix.empty or not ages or matrix[ages].isna().all().all():
        return empty_figure(
            _("No finished cohort quarter for {clients}", clients=who), theme
        )
    shares = matrix[ages].astype(float)
    z = [[None if pd.isna(v) else float(v) for v in row] for row in shares.to_numpy()]
    text = [["" if v is None else format_percent(v, lang, 0) for v in row] for row in z]
    cell_text = len(ages) <= CELL_TEXT_AGES
    cells = [
        [
            [
                format_period(cohort, lang),
                format_percent(v, lang),
                format_count(size, lang),
            ]
            for v in row
        ]
        for cohort, size, row in zip(matrix.index, matrix[SIZE], z, strict=True)
    ]
    hover = (
        _("Cohort {cohort}, age {age} quarters", cohort="%{customdata[0]}", age="%{x}")
        + "<br>"
        + _("Still active: {share}", share="%{customdata[1]}")
        + "<br>"
        + _("Cohort size: {count} clients", count="%{customdata[2]}")
        + "<extra></extra>"
    )
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(age) for age in ages],
            y=list(matrix.index),
            text=text,
            texttemplate="%{text}" if cell_text else "",
            textfont={"size": CELL_TEXT_SIZE},
            customdata=cells,
            hovertemplate=hover,
            hoverongaps=False,
            zmin=0,
            zmax=1,
            colorscale=HEAT_SCALES.get(theme, HEAT_SCALES["light"]),
            colorbar={"title": {"text": _("Active")}}
            | percent_axis([0.0, 1.0], lang, most=5),
            xgap=1,
            ygap=1,
        ),
        layout={"template": template(theme)},
    )
    # Every age labelled runs the labels together past CELL_TEXT_AGES columns
    # ("0123…2223"): then every k-th age, 0 first, at most CELL_TEXT_AGES of them.
    every = math.ceil(len(ages) / CELL_TEXT_AGES)
    figure.update_layout(
        xaxis={
            "title": {"text": _("Quarters since onboarding")},
            "type": "category",
            "tickmode": "array",
            "tickvals": [str(age) for age in ages[::every]],
        },
        yaxis={"title": {"text": _("Onboarding quarter")}, "autorange": "reversed"}
        | period_axis(matrix.index, lang),
        margin={"t": 16},
    )
    return figure


def rate_trend(trend: pd.DataFrame, who: str, lang: str, theme: str) -> go.Figure:
    """Logo retention and churn rate per period; a click chooses the period."""
    _ = translator(lang)
    columns = ("retention_rate", "churn_rate")
    if not any(has_values(trend[c]) for c in columns):
        return empty_figure(
            _("No clients at the start of these periods for {clients}", clients=who),
            theme,
        )
    names = {"retention_rate": _("Retention rate"), "churn_rate": _("Churn rate")}
    styles = {
        "retention_rate": (GOOD, "solid", "circle"),
        "churn_rate": (BAD, "dash", "diamond"),
    }
    figure = rate_lines(trend, columns, names, styles, theme, lang=lang)
    figure.update_layout(
        yaxis={
            "rangemode": "tozero",
            "title": {"text": _("Share of clients at period start")},
        }
        | percent_axis([v for c in columns for v in numbers(trend[c])], lang),
        xaxis=trend_axis(trend.index, lang),
        margin={"t": 16},
        legend=TOP_LEGEND,
        hovermode="closest",
    )
    return figure


def rate_lines(
    trend: pd.DataFrame,
    columns,
    names: dict[str, str],
    styles: dict[str, tuple[str, str, str]],
    theme: str,
    *,
    lang: str,
) -> go.Figure:
    """One line per rate column over the trend's periods (clickable periods), each
    with its colour, dash and marker so colour is never the only cue."""
    periods = list(trend.index)
    figure = go.Figure(layout={"template": template(theme)})
    for column in columns:
        colour, dash, symbol = styles[column]
        figure.add_trace(
            go.Scatter(
                x=periods,
                y=(values := numbers(trend[column])),
                name=names[column],
                mode="lines+markers",
                line={"color": colour, "dash": dash, "width": 2},
                marker={"symbol": symbol, "size": 8},
                customdata=period_customdata(
                    periods, lang, [format_percent(v, lang) for v in values]
                ),
                hovertemplate="%{customdata[1]}<br>"
                + names[column]
                + ": %{customdata[2]}<extra></extra>",
                connectgaps=False,
            )
        )
    return figure


def nrr_trend(trend: pd.DataFrame, who: str, lang: str, theme: str) -> go.Figure:
    """NRR and GRR per period with a reference line at 100%."""
    _ = translator(lang)
    if not has_values(trend["nrr"]) and not has_values(trend["grr"]):
        return empty_figure(
            _("No revenue a year before these periods for {clients}", clients=who),
            theme,
        )
    names = {"nrr": _("Net revenue retention"), "grr": _("Gross revenue retention")}
    styles = {
        "nrr": (PALETTE[0], "solid", "circle"),
        "grr": (PALETTE[1], "dash", "square"),
    }
    figure = rate_lines(trend, ("nrr", "grr"), names, styles, theme, lang=lang)
    reference = {"color": NEUTRAL, "dash": "dot", "width": 2}
    figure.add_hline(y=1.0, line=reference)
    figure.add_trace(line_key(_("100%: revenue kept"), reference))
    figure.update_layout(
        yaxis={
            "title": {"text": _("Share of last year's revenue")},
            "rangemode": "tozero",
        }
        | percent_axis(
            [1.0, *(v for c in ("nrr", "grr") for v in numbers(trend[c]))], lang
        ),
        xaxis=trend_axis(trend.index, lang),
        margin={"t": 16},
        legend=TOP_LEGEND,
    )
    return figure


def revenue_bridge(
    bridge: Mapping[str, float] | None,
    labels: Mapping[str, str],
    currency: str,
    lang: str,
    theme: str,
) -> go.Figure:
    """Start (Σ_B rev(P-1y)) → expansion → contraction → churned → end (Σ_B rev(P)).

    `bridge` has `start`, `expansion`, `contraction`, `churned`, `other` (credit
    notes of churned clients, drawn only when not 0) and `end`, in currency units;
    `labels` has `period`, `year_earlier` and `who`. None: the base B is empty.
    """
    _ = translator(lang)
    if bridge is None:
        return empty_figure(
            _(
                "No revenue in {period} for {clients}: nothing to bridge",
                period=labels["year_earlier"],
                clients=labels["who"],
            ),
            theme,
        )
    steps = [
        (
            _("Revenue {period}", period=labels["year_earlier"]),
            "absolute",
            bridge["start"],
        ),
        (_("Expansion"), "relative", bridge["expansion"]),
        (_("Contraction"), "relative", -bridge["contraction"]),
        (_("Churned"), "relative", -bridge["churned"]),
    ]
    if bridge.get("other"):
        steps.append((_("Credit notes after churn"), "relative", bridge["other"]))
    steps.append((_("Revenue {period}", period=labels["period"]), "total", 0.0))
    shown = [value for _label, _measure, value in steps[:-1]] + [bridge["end"]]
    money = [format_money(v, lang, currency) for v in shown]
    # Every level the bars reach: the running total after each step.
    levels = [sum(value for _l, _m, value in steps[: i + 1]) for i in range(len(steps))]
    surface = SURFACES.get(theme, SURFACES["light"])
    figure = go.Figure(
        go.Waterfall(
            x=[label for label, _m, _v in steps],
            measure=[measure for _l, measure, _v in steps],
            y=[value for _l, _m, value in steps],
            # A step that moved nothing has no bar, so no label ("$0.00" over
            # an empty column reads as a figure); its hover still says so.
            text=[
                format_money(v, lang, currency, compact=True)
                if measure != "relative" or round(v, 2)
                else ""
                for v, (_l, measure, _v) in zip(shown, steps, strict=True)
            ],
            textposition="outside",
            customdata=money,
            hovertemplate="%{x}: %{customdata}<extra></extra>",
            increasing={"marker": {"color": GOOD}},
            decreasing={"marker": {"color": BAD}},
            totals={"marker": {"color": PALETTE[0]}},
            connector={"line": {"color": surface["muted"], "dash": "dot"}},
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        yaxis={"title": {"text": _("Revenue ({currency})", currency=currency)}}
        | money_axis(levels, lang, currency),
        xaxis=column_axis(label for label, _m, _v in steps),
        showlegend=False,
        margin={"t": 24},
    )
    return figure
