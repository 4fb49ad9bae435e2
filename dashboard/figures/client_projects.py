"""One project's burn-up on the client page: spend to date against the plan."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import money_axis, month_axis
from dashboard.figures.theme import NEUTRAL, PALETTE, SMALL, template
from dashboard.kernel.catalog import CENTS
from dashboard.kernel.formatting import format_day, format_money
from dashboard.kernel.i18n import translator
from dashboard.metrics.budget import elapsed_share

HOVER = "%{hovertext}<extra></extra>"


def cumulative_spend(
    spend: pd.DataFrame, start_on: dt.date, t: dt.date
) -> tuple[list[dt.date], list[float]]:
    """Days and spend to date (currency units) from the start (0) up to t."""
    rows = spend[spend["spent_on"] <= t].sort_values("spent_on")
    first = min([start_on, *rows["spent_on"]])
    days = [first]
    totals = [0.0]
    running = 0
    for day, cents in zip(rows["spent_on"], rows["amount_cents"], strict=True):
        running += int(cents)
        days.append(day)
        totals.append(running / CENTS)
    if days[-1] < t:
        days.append(t)
        totals.append(totals[-1])
    return days, totals


def burn_up(
    project: dict,
    spend: pd.DataFrame,
    *,
    as_of: dt.date,
    currency: str,
    lang: str,
    theme: str,
) -> go.Figure:
    """Spend to date (a step line) against planned value, budget × time elapsed,
    from the project's start up to the earlier of its end and as_of; the budget
    is a dotted line. `project` has start_on, end_on and bac (currency units)."""
    _ = translator(lang)
    start_on, end_on, bac = project["start_on"], project["end_on"], project["bac"]
    t = min(end_on, as_of)
    days, totals = cumulative_spend(spend, start_on, t)
    planned_days = [start_on, t]
    planned = [bac * elapsed_share(start_on, end_on, day) for day in planned_days]

    def hover(label: str, day_list: list[dt.date], values: list[float]) -> list[str]:
        return [
            f"{format_day(day, lang)}<br>{label}: {format_money(v, lang, currency)}"
            for day, v in zip(day_list, values, strict=True)
        ]

    spent_label = _("Spent")
    plan_label = _("Planned")
    budget_label = _("Budget")
    figure = go.Figure(layout={"template": template(theme)})
    figure.add_trace(
        go.Scatter(
            x=planned_days,
            y=planned,
            name=plan_label,
            mode="lines",
            line={"color": NEUTRAL, "dash": "dash"},
            hovertext=hover(plan_label, planned_days, planned),
            hovertemplate=HOVER,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=days,
            y=totals,
            name=spent_label,
            mode="lines",
            line={"color": PALETTE[0], "shape": "hv", "width": 2},
            hovertext=hover(spent_label, days, totals),
            hovertemplate=HOVER,
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[days[0], t],
            y=[bac, bac],
            name=budget_label,
            mode="lines",
            line={"color": PALETTE[5], "dash": "dot"},
            hovertext=hover(budget_label, [days[0], t], [bac, bac]),
            hovertemplate=HOVER,
        )
    )
    figure.update_layout(
        margin={"l": 48, "r": 8, "t": 8, "b": 24},
        legend={"y": -0.12, "yanchor": "top", "font": {"size": SMALL}},
        yaxis={"rangemode": "tozero"}
        | money_axis([*planned, *totals, bac], lang, currency, most=4),
        xaxis={"tickangle": 0} | month_axis(days[0], t, lang, most=4),
    )
    return figure
