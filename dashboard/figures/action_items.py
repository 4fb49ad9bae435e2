"""Action items drill-down figures: due, completed and on time per period, and the
open overdue items by owner and by client."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import count_axis, trend_axis
from dashboard.figures.text import labels_lines
from dashboard.figures.theme import (
    BAD,
    GOOD,
    PALETTE,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import (
    UNDEFINED,
    format_count,
    format_percent,
    format_period,
)
from dashboard.kernel.i18n import translator

BARS_SHOWN = 12


def _rate_text(part: int, whole: int, lang: str) -> str:
    return format_percent(part / whole, lang) if whole else UNDEFINED


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
            _rate_text(value, int(due), lang)
            for value, due in zip(values, counts["due"], strict=True)
        ]
        hover = "%{customdata[1]}<br>" + name + ": %{customdata[2]}"
        if column != "due":
            hover += " (%{customdata[3]} " + _("of due") + ")"
        figure.add_bar(
            x=labels,
            y=values,
            name=name,
            marker={"color": colour, "pattern": {"shape": pattern}},
            customdata=[
                [
                    f"period:{label}",
                    format_period(label, lang),
                    format_count(value, lang),
                    rate,
                ]
                for label, value, rate in zip(labels, values, rates, strict=True)
            ],
            hovertemplate=hover + "<extra></extra>",
        )
    figure.update_layout(
        barmode="group",
        xaxis={"title": {"text": _("Period (by due date)")}} | trend_axis(labels, lang),
        yaxis={"title": {"text": _("Action items")}, "rangemode": "tozero"}
        | count_axis(counts["due"], lang, most=5),
        margin={"t": 40},
        legend=TOP_LEGEND,
    )
    return figure


def _overdue_bars(
    names: list[str], items: list[int], customdata: list | None, theme: str, lang: str
) -> go.Figure:
    _ = translator(lang)
    figure = go.Figure(
        go.Bar(
            x=items[::-1],
            y=labels_lines(names[::-1]),
            orientation="h",
            name=_("Open overdue items"),
            marker={"color": BAD, "pattern": {"shape": "/"}},
            text=[format_count(v, lang) for v in items[::-1]],
            textposition="outside",
            cliponaxis=False,
            customdata=None if customdata is None else customdata[::-1],
            hovertemplate="%{y}<br>" + _("Open overdue items") + ": %{text}"
            "<extra></extra>",
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        xaxis={"title": {"text": _("Open overdue items")}, "rangemode": "tozero"}
        | count_axis(items, lang, most=5),
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
    if frame.empty:
        return _no_overdue(lang, theme, clients, period)
    shown = frame.head(BARS_SHOWN)
    return _overdue_bars(
        shown["owner"].tolist(), [int(v) for v in shown["items"]], None, theme, lang
    )


def overdue_by_client_figure(
    frame: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Horizontal bars: open overdue items per client; click a client to filter."""
    if frame.empty:
        return _no_overdue(lang, theme, clients, period)
    if len(frame) == 1:
        # One client: a ranking with one bar says nothing; the sentence does.
        _ = translator(lang)
        message = _(
            "{client} is the only client here; open overdue action items: {count}",
            client=frame["name"].iloc[0],
            count=format_count(int(frame["items"].iloc[0]), lang),
        )
        return empty_figure(message, theme)
    shown = frame.head(BARS_SHOWN)
    return _overdue_bars(
        shown["name"].tolist(),
        [int(v) for v in shown["items"]],
        [f"client:{cid}" for cid in shown["external_id"]],
        theme,
        lang,
    )
