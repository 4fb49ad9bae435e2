"""Burn-up charts: cumulative actual spend against planned spend (BAC × elapsed),
for the portfolio and as small multiples for single projects."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.figures.axes import money_axis, month_axis
from dashboard.figures.series import line_key
from dashboard.figures.text import labels_lines
from dashboard.figures.theme import (
    BAD,
    PALETTE,
    SMALL,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import format_day, format_money
from dashboard.kernel.i18n import translator
from dashboard.metrics.budget import day_numbers, elapsed_shares

STEP = dt.timedelta(days=7)
HOVER = "%{hovertext}<extra></extra>"


def burn_up_curve(
    projects: pd.DataFrame, spend: pd.DataFrame, t: dt.date
) -> pd.DataFrame:
    """Weekly points from the first start to the last end (and t itself): `planned`
    = Σ BAC_j × elapsed_j(day); `actual` = spend of those projects up to the day,
    None after t. `projects`: start_on, end_on, bac; `spend`: spent_on, amount
    (the daily spend of those projects)."""
    if projects.empty:
        return pd.DataFrame(columns=["day", "planned", "actual"])
    first, last = min(projects["start_on"]), max(projects["end_on"])
    days = sorted(
        {first + STEP * k for k in range((last - first) // STEP + 1)}
        | {last, min(max(t, first), last)}
    )
    # elapsed_j(day) per day (rows) and project (columns).
    elapsed = elapsed_shares(
        day_numbers(days)[:, None],
        day_numbers(projects["start_on"]),
        day_numbers(projects["end_on"]),
    )
    planned = (elapsed @ projects["bac"].to_numpy(dtype="float64")).tolist()
    daily = spend.groupby("spent_on")["amount"].sum().sort_index()
    running = np.concatenate([[0.0], np.cumsum(daily.to_numpy(dtype="float64"))])
    # Per day, the spend of the days up to it.
    upto = np.searchsorted(day_numbers(daily.index), day_numbers(days), side="right")
    actual = [
        float(running[at]) if day <= t else None
        for day, at in zip(days, upto.tolist(), strict=True)
    ]
    return pd.DataFrame({"day": days, "planned": planned, "actual": actual})


def _hover(days, amounts, name: str, lang: str, currency: str) -> list[str]:
    return [
        f"{format_day(day, lang)}<br>{name}: {format_money(v, lang, currency)}"
        for day, v in zip(days, amounts, strict=True)
    ]


def _lines(
    curve: pd.DataFrame, lang: str, currency: str, client: str | None
) -> list[go.Scatter]:
    _ = translator(lang)
    custom = None if client is None else [f"client:{client}"] * len(curve)
    actual = curve[curve["actual"].notna()]
    planned_days, planned = curve["day"].tolist(), curve["planned"].tolist()
    actual_days, spent = actual["day"].tolist(), [float(v) for v in actual["actual"]]
    return [
        go.Scatter(
            x=planned_days,
            y=planned,
            name=_("Planned (budget × time elapsed)"),
            mode="lines",
            line={"color": PALETTE[7], "width": 2, "dash": "dash"},
            customdata=custom,
            hovertext=_hover(planned_days, planned, _("Planned"), lang, currency),
            hovertemplate=HOVER,
        ),
        go.Scatter(
            x=actual_days,
            y=spent,
            name=_("Actual spend"),
            mode="lines",
            line={"color": PALETTE[0], "width": 3},
            customdata=None if custom is None else custom[: len(actual)],
            hovertext=_hover(actual_days, spent, _("Actual spend"), lang, currency),
            hovertemplate=HOVER,
        ),
    ]


def curve_axis(curve: pd.DataFrame, t: dt.date, lang: str, most: int = 6) -> dict:
    """Month ticks over a burn-up's days (and t)."""
    days = [*curve["day"], t]
    return month_axis(min(days), max(days), lang, most)


def _curve_amounts(curve: pd.DataFrame) -> list[float]:
    return [float(v) for v in curve["planned"]] + [
        float(v) for v in curve["actual"] if pd.notna(v)
    ]


def t_line(t: dt.date, axis: str = "") -> dict:
    """A dotted vertical line on t across the plot of axis `x<axis>`/`y<axis>`
    (a plain shape: `add_vline` is slow on subplots)."""
    return {
        "type": "line",
        "x0": t.isoformat(),
        "x1": t.isoformat(),
        "y0": 0,
        "y1": 1,
        "xref": f"x{axis}",
        "yref": f"y{axis} domain",
        "line": {"color": BAD, "width": 1, "dash": "dot"},
    }


def as_of_key(t: dt.date, lang: str) -> go.Scatter:
    """A legend entry for the dotted line on t ("As of Nov 30, 2026"): the note
    sits in the legend above the plot, never on a line."""
    _ = translator(lang)
    return line_key(
        _("As of {day}", day=format_day(t, lang)),
        {"color": BAD, "width": 1, "dash": "dot"},
    )


def burn_up_figure(
    curve: pd.DataFrame,
    t: dt.date,
    lang: str,
    theme: str,
    *,
    currency: str,
    clients: str,
    period: str,
) -> go.Figure:
    """The portfolio's burn-up: planned against actual, with a line on t."""
    _ = translator(lang)
    if curve.empty:
        return empty_figure(
            _("No projects for {clients} in {period}", clients=clients, period=period),
            theme,
        )
    figure = go.Figure(
        _lines(curve, lang, currency, None), {"template": template(theme)}
    )
    figure.update_layout(shapes=[t_line(t)])
    figure.add_trace(as_of_key(t, lang))
    figure.update_layout(
        yaxis={"title": {"text": _("Cumulative spend")}, "rangemode": "tozero"}
        | money_axis(_curve_amounts(curve), lang, currency),
        xaxis={"title": {"text": _("Date")}} | curve_axis(curve, t, lang),
        margin={"t": 40},
        legend=TOP_LEGEND,
    )
    return figure


def project_burn_ups_figure(
    curves: list[tuple[str, str, pd.DataFrame]],
    t: dt.date,
    lang: str,
    theme: str,
    *,
    currency: str,
    clients: str,
    period: str,
) -> go.Figure:
    """Small multiples: (title, client external id, curve) per project, two per row
    (one project takes the whole width, not half of an empty row); a click on a
    line filters the page to the project's client."""
    _ = translator(lang)
    if not curves:
        return empty_figure(
            _("No projects for {clients} in {period}", clients=clients, period=period),
            theme,
        )
    cols = 1 if len(curves) == 1 else 2
    rows = (len(curves) + cols - 1) // cols
    titles = labels_lines(title for title, _client, _curve in curves)
    title_lines = max(title.count("<br>") + 1 for title in titles)
    figure = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=titles,
        vertical_spacing=(0.3 + 0.08 * title_lines) / rows,
        horizontal_spacing=0.1 if cols > 1 else 0.0,
    )
    for index, (_title, client, curve) in enumerate(curves):
        row, col = index // cols + 1, index % cols + 1
        for line in _lines(curve, lang, currency, client):
            line.showlegend = index == 0
            line.legendgroup = line.name
            figure.add_trace(line, row=row, col=col)
        ticks = money_axis(_curve_amounts(curve), lang, currency, most=4)
        figure.update_yaxes(ticks, row=row, col=col)
        figure.update_xaxes(curve_axis(curve, t, lang, most=3), row=row, col=col)
    figure.add_trace(as_of_key(t, lang), row=1, col=1)
    figure.update_layout(
        template=template(theme),
        height=max(400, rows * (180 + 16 * title_lines) + 110),
        margin={"t": 24 + 16 * title_lines, "b": 24},
        legend={"orientation": "h", "y": -0.1, "yanchor": "top", "x": 0},
        shapes=[t_line(t, "" if i == 0 else str(i + 1)) for i in range(len(curves))],
    )
    figure.update_yaxes(rangemode="tozero", tickfont={"size": SMALL})
    figure.update_xaxes(tickangle=0, tickfont={"size": SMALL})
    figure.update_annotations(font={"size": SMALL})
    return figure
