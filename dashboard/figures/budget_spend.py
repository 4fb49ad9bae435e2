"""Spend in the period by category (where the money goes)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import money_axis
from dashboard.figures.text import labels_lines
from dashboard.figures.theme import PALETTE, empty_figure, template
from dashboard.kernel.formatting import format_money, format_percent
from dashboard.kernel.i18n import translator


def category_labels(lang: str) -> dict[str, str]:
    """Spend categories as people say them."""
    _ = translator(lang)
    return {
        "labor": _("Labour"),
        "travel": _("Travel"),
        "software": _("Software"),
        "subcontract": _("Subcontracting"),
        "other": _("Other"),
    }


def spend_by_category_figure(
    frame: pd.DataFrame,
    lang: str,
    theme: str,
    *,
    currency: str,
    clients: str,
    period: str,
) -> go.Figure:
    """Bars of the spend in the period per category, largest first, with shares."""
    _ = translator(lang)
    if frame.empty or float(frame["amount"].sum()) == 0:
        return empty_figure(
            _("No spend for {clients} in {period}", clients=clients, period=period),
            theme,
        )
    labels = category_labels(lang)
    total = float(frame["amount"].sum())
    amounts = [float(v) for v in frame["amount"]]
    figure = go.Figure(
        go.Bar(
            x=labels_lines(labels.get(c, c) for c in frame["category"]),
            y=amounts,
            marker={"color": PALETTE[0]},
            text=[format_percent(v / total, lang, 0) for v in amounts],
            textposition="auto",
            customdata=[
                [format_money(v, lang, currency), format_percent(v / total, lang)]
                for v in amounts
            ],
            hovertemplate="%{x}<br>"
            + _(
                "Spend: {amount} ({share} of the total)",
                amount="%{customdata[0]}",
                share="%{customdata[1]}",
            )
            + "<extra></extra>",
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        yaxis={"title": {"text": _("Spend in the period")}}
        | money_axis(amounts, lang, currency),
        xaxis={"title": {"text": _("Category")}},
        showlegend=False,
        margin={"t": 16},
    )
    return figure
