"""Meetings of the period by kind and status: stacked bars, colour and pattern."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import column_axis, count_axis
from dashboard.figures.theme import (
    BAD,
    NEUTRAL,
    PALETTE,
    SMALL,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import format_count
from dashboard.kernel.i18n import translator

STATUS_ORDER = ("held", "scheduled", "cancelled", "no_show")
STATUS_PATTERNS = {"held": "", "scheduled": ".", "cancelled": "/", "no_show": "x"}


def kind_labels(lang: str) -> dict[str, str]:
    """Meeting kinds as people say them."""
    _ = translator(lang)
    return {
        "qbr": _("QBR"),
        "monthly_review": _("Monthly review"),
        "weekly_sync": _("Weekly sync"),
        "workshop": _("Workshop"),
        "escalation": _("Escalation"),
    }


def status_labels(lang: str) -> dict[str, str]:
    """Meeting statuses as people say them."""
    _ = translator(lang)
    return {
        "held": _("Held"),
        "scheduled": _("Scheduled"),
        "cancelled": _("Cancelled"),
        "no_show": _("No-show"),
    }


def kind_status_figure(
    frame: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Stacked bars: meetings per kind, split by status (colour and pattern)."""
    _ = translator(lang)
    if frame.empty:
        return empty_figure(
            _("No meetings for {clients} in {period}", clients=clients, period=period),
            theme,
        )
    kinds = kind_labels(lang)
    statuses = status_labels(lang)
    order = [kind for kind in kinds if kind in set(frame["kind"])]
    colours = {
        "held": PALETTE[0],
        "scheduled": PALETTE[4],
        "cancelled": NEUTRAL,
        "no_show": BAD,
    }
    figure = go.Figure(layout={"template": template(theme)})
    for status in STATUS_ORDER:
        part = frame[frame["status"] == status].set_index("kind")
        if part.empty:
            continue
        counts = [int(part["meetings"].get(kind, 0)) for kind in order]
        figure.add_bar(
            x=[kinds[kind] for kind in order],
            y=counts,
            name=statuses[status],
            marker={
                "color": colours[status],
                "pattern": {"shape": STATUS_PATTERNS[status]},
            },
            text=[format_count(count, lang) if count else None for count in counts],
            customdata=[format_count(count, lang) for count in counts],
            textposition="inside",
            textangle=0,
            hovertemplate="%{x} · "
            + statuses[status]
            + "<br>"
            + _("Meetings")
            + ": %{customdata}<extra></extra>",
        )
    figure.update_layout(
        barmode="stack",
        uniformtext={"minsize": SMALL, "mode": "hide"},
        xaxis={"title": {"text": _("Kind of meeting")}}
        | column_axis(kinds[kind] for kind in order),
        yaxis={"title": {"text": _("Meetings")}}
        | count_axis([int(frame.groupby("kind")["meetings"].sum().max())], lang, 5),
        showlegend=True,
        margin={"t": 40},
        legend=TOP_LEGEND,
    )
    return figure
