"""The client page's trends: revenue, NPS and CSAT per quarter; empty states."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import money_axis, number_axis, trend_axis
from dashboard.figures.theme import PALETTE, SMALL, TOP_LEGEND, empty_figure, template
from dashboard.kernel.formatting import (
    format_count,
    format_money,
    format_number,
    format_percent,
    format_period,
)
from dashboard.kernel.i18n import translator
from dashboard.metrics.satisfaction import SMALL_SAMPLE

HOVER = "%{hovertext}<extra></extra>"
# Eight quarters side by side in a narrow chart: the smallest size allowed.
NARROW_TICKS = {"tickfont": {"size": SMALL}}


def _period_hover(labels: list[str], partial: str | None, lang: str) -> list[str]:
    _ = translator(lang)
    return [
        format_period(label, lang) + (" · " + _("to date") if label == partial else "")
        for label in labels
    ]


def revenue_trend(
    trend: pd.DataFrame,
    *,
    client: str,
    partial: str | None,
    currency: str,
    lang: str,
    theme: str,
) -> go.Figure:
    """Revenue per quarter (index = period label, column `revenue`)."""
    _ = translator(lang)
    values = [None if pd.isna(v) else float(v) for v in trend["revenue"]]
    if not any(values):
        message = _("No revenue for {client} in the last 8 quarters", client=client)
        return empty_figure(message, theme, width=44)
    labels = list(trend.index)
    periods = _period_hover(labels, partial, lang)
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=values,
            name=_("Revenue"),
            marker={"color": PALETTE[0]},
            customdata=[f"period:{label}" for label in labels],
            hovertext=[
                f"{period}<br>{_('Revenue')}: {format_money(v, lang, currency)}"
                for period, v in zip(periods, values, strict=True)
            ],
            hovertemplate=HOVER,
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        yaxis={"title": {"text": _("Revenue ({currency})", currency=currency)}}
        | money_axis(values, lang, currency, most=4),
        xaxis=trend_axis(labels, lang) | NARROW_TICKS,
        margin={"t": 16},
        showlegend=False,
    )
    return figure


def survey_trend(
    trend: pd.DataFrame, *, client: str, partial: str | None, lang: str, theme: str
) -> go.Figure:
    """NPS and CSAT per quarter with their numbers of answers (columns nps, nps_n,
    csat, csat_n); a quarter without answers leaves a gap."""
    _ = translator(lang)
    counts = {key: [int(n or 0) for n in trend[f"{key}_n"]] for key in ("nps", "csat")}
    if not any(counts["nps"]) and not any(counts["csat"]):
        message = _(
            "No survey answers from {client} in the last 8 quarters",
            client=client,
        )
        return empty_figure(message, theme, width=40)
    labels = list(trend.index)
    periods = _period_hover(labels, partial, lang)
    names = {"nps": _("NPS"), "csat": _("CSAT")}
    styles = {
        "nps": (PALETTE[0], "circle", "solid"),
        "csat": (PALETTE[1], "square", "dash"),
    }
    figure = go.Figure(layout={"template": template(theme)})
    for key in ("nps", "csat"):
        values = [None if v is None or pd.isna(v) else float(v) for v in trend[key]]
        colour, symbol, dash = styles[key]
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=values,
                name=names[key],
                mode="lines+markers",
                line={"color": colour, "dash": dash},
                # The number of answers is in the hover; a small sample is an
                # open marker (no labels on the points to run into each other).
                marker={
                    "symbol": [
                        symbol + ("-open" if n < SMALL_SAMPLE else "")
                        for n in counts[key]
                    ],
                    "size": 9,
                    "line": {"width": 2, "color": colour},
                },
                connectgaps=False,
                customdata=[f"period:{label}" for label in labels],
                hovertext=[
                    f"{period}<br>{names[key]}: "
                    + (
                        format_percent(None if v is None else v / 100, lang)
                        if key == "csat"
                        else format_number(v, lang, 1)
                    )
                    + " "
                    + _("({n} answers)", n=format_count(n, lang))
                    + (" · " + _("small sample") if n < SMALL_SAMPLE else "")
                    for period, v, n in zip(periods, values, counts[key], strict=True)
                ],
                hovertemplate=HOVER,
            )
        )
    figure.update_layout(
        yaxis={"range": [-110, 120], "title": {"text": _("Score")}}
        | number_axis([-100.0, 100.0], lang, most=4),
        xaxis=trend_axis(labels, lang) | NARROW_TICKS,
        # Above the plot: below it, the quarters (turned when narrow) run into it.
        legend=TOP_LEGEND,
        margin={"t": 36},
    )
    return figure
