"""The client page's trends: revenue, NPS and CSAT per quarter; empty states."""

from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import money_axis
from dashboard.figures.theme import PALETTE, empty_figure, template
from dashboard.kernel.i18n import (
    UNDEFINED,
    format_count,
    format_money,
    format_number,
    translator,
)

HOVER = "%{hovertext}<extra></extra>"


def as_text(value: str) -> str:
    """Imported text for Plotly, which reads a few HTML tags: shown as written."""
    return html.escape(value, quote=False)


def empty_state(message: str, theme: str, width: int) -> go.Figure:
    """`empty_figure` with the message (plain text, shown as written) broken into
    lines of about `width` Latin characters (half as many for Chinese), so a long
    client name stays in view."""
    chars = width if message.isascii() else width // 2
    lines = textwrap.wrap(message, chars) or [message]
    return empty_figure("<br>".join(as_text(line) for line in lines), theme)


def quarter_axis(labels: list[str]) -> dict:
    """A category axis with `2026<br>Q3` ticks, so 8 quarters fit without tilting."""
    return {
        "type": "category",
        "tickmode": "array",
        "tickvals": labels,
        "ticktext": [label.replace("-", "<br>") for label in labels],
        "tickangle": 0,
    }


def _period_hover(labels: list[str], partial: str | None, lang: str) -> list[str]:
    _ = translator(lang)
    return [
        label + (" · " + _("to date") if label == partial else "") for label in labels
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
        return empty_state(message, theme, 44)
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
        xaxis=quarter_axis(labels),
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
        return empty_state(message, theme, 40)
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
        suffix = "%" if key == "csat" else ""
        figure.add_trace(
            go.Scatter(
                x=labels,
                y=values,
                name=names[key],
                mode="lines+markers+text",
                line={"color": colour, "dash": dash},
                marker={"symbol": symbol, "size": 8},
                text=[f"n={n}" if n else "" for n in counts[key]],
                textposition="top center" if key == "nps" else "bottom center",
                textfont={"size": 10},
                connectgaps=False,
                customdata=[f"period:{label}" for label in labels],
                hovertext=[
                    f"{period}<br>{names[key]}: "
                    + (UNDEFINED if v is None else format_number(v, lang, 1) + suffix)
                    + " "
                    + _("({n} answers)", n=format_count(n, lang))
                    for period, v, n in zip(periods, values, counts[key], strict=True)
                ],
                hovertemplate=HOVER,
            )
        )
    figure.update_layout(
        yaxis={"range": [-110, 120], "title": {"text": _("Score")}},
        xaxis=quarter_axis(labels),
        margin={"t": 16},
    )
    return figure
