"""Action items drill-down figures: due, completed and on time per period, and the
open overdue items by owner and by client."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.theme import BAD, GOOD, PALETTE, empty_figure, template
from dashboard.kernel.i18n import translator

BARS_SHOWN = 12
TOP_LEGEND = {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}


def _rate_text(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def due_completed_figure(
    counts: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Grouped bars per period: items due, completed (by as of) and on time."""
    _ = translator(lang)
    if counts.empty or int(counts["due"].sum()) == 0:
        return empty_figure(
            _(
                "No action items due for {clients} in the 8 periods up to {period}",
                clients=clients,
                period=period,
            ),
            theme,
        )
    labels = counts["period"].tolist()
    series = (
        ("due", _("Items due"), PALETTE[7], ""),
        ("completed", _("Completed"), PALETTE[0], "/"),
        ("on_time", _("Completed on time"), GOOD, "."),
    )
    figure = go.Figure(layout={"template": template(theme)})
    for column, name, colour, pattern in series:
        values = [int(v) for v in counts[column]]
        rates = [
            _rate_text(value, int(due))
            for value, due in zip(values, counts["due"], strict=True)
        ]
        hover = "%{x}<br>" + name + ": %{y:,}"
        if column != "due":
            hover += " (%{customdata[1]} " + _("of due") + ")"
        figure.add_bar(
            x=labels,
            y=values,
            name=name,
            marker={"color": colour, "pattern": {"shape": pattern}},
            customdata=[
                [f"period:{label}", rate]
                for label, rate in zip(labels, rates, strict=True)
            ],
            hovertemplate=hover + "<extra></extra>",
        )
    figure.update_layout(
        barmode="group",
        xaxis={"title": {"text": _("Period (by due date)")}, "type": "category"},
        yaxis={
            "title": {"text": _("Action items")},
            "rangemode": "tozero",
            "dtick": 1 if int(counts["due"].max()) <= 5 else None,
        },
        margin={"t": 40},
        legend=TOP_LEGEND,
    )
    return figure


def _overdue_bars(
    names: list[str], items: list[int], customdata: list | None, theme: str, _
) -> go.Figure:
    figure = go.Figure(
        go.Bar(
            x=items[::-1],
            y=names[::-1],
            orientation="h",
            name=_("Open overdue items"),
            marker={"color": BAD, "pattern": {"shape": "/"}},
            text=items[::-1],
            textposition="outside",
            cliponaxis=False,
            customdata=None if customdata is None else customdata[::-1],
            hovertemplate="%{y}<br>" + _("Open overdue items") + ": %{x:,}"
            "<extra></extra>",
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        xaxis={
            "title": {"text": _("Open overdue items")},
            "rangemode": "tozero",
            "dtick": 1 if max(items) <= 5 else None,
        },
        yaxis={"type": "category"},
        showlegend=False,
        margin={"t": 16},
    )
    return figure


def _no_overdue(lang: str, theme: str, clients: str, period: str) -> go.Figure:
    _ = translator(lang)
    message = _(
        "No open overdue action items for {clients} in {period}",
        clients=clients,
        period=period,
    )
    return empty_figure(message, theme)


def overdue_by_owner_figure(
    frame: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Horizontal bars: open overdue items per owner (the most first)."""
    _ = translator(lang)
    if frame.empty:
        return _no_overdue(lang, theme, clients, period)
    shown = frame.head(BARS_SHOWN)
    return _overdue_bars(
        shown["owner"].tolist(), [int(v) for v in shown["items"]], None, theme, _
    )


def overdue_by_client_figure(
    frame: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Horizontal bars: open overdue items per client; click a client to filter."""
    _ = translator(lang)
    if frame.empty:
        return _no_overdue(lang, theme, clients, period)
    shown = frame.head(BARS_SHOWN)
    return _overdue_bars(
        shown["name"].tolist(),
        [int(v) for v in shown["items"]],
        [f"client:{cid}" for cid in shown["external_id"]],
        theme,
        _,
    )
