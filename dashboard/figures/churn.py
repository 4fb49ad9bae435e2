"""Churn tab figures: lost clients and churn rate, churn by reason and by segment."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import count_axis, percent_axis, trend_axis
from dashboard.figures.series import has_values, numbers, period_customdata
from dashboard.figures.text import as_text, as_texts, labels_lines
from dashboard.figures.theme import (
    BAD,
    PALETTE,
    SMALL,
    SURFACES,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.filters import SEGMENTS
from dashboard.kernel.formatting import format_count, format_day, format_percent
from dashboard.kernel.i18n import translator

SEGMENT_ORDER = SEGMENTS


def pattern_overlay(theme: str) -> dict:
    """A light pattern drawn over the bar's colour, so text on it stays readable."""
    surface = SURFACES.get(theme, SURFACES["light"])
    return {"fillmode": "overlay", "fgcolor": surface["paper"], "fgopacity": 0.45,
            "solidity": 0.25}  # fmt: skip


# The same colour and pattern for a segment in every chart.
SEGMENT_STYLES = {
    "enterprise": (PALETTE[0], ""),
    "mid_market": (PALETTE[1], "/"),
    "smb": (PALETTE[2], "."),
}
OTHER_STYLE = (PALETTE[7], "x")


def lost_trend(trend: pd.DataFrame, who: str, lang: str, theme: str) -> go.Figure:
    """Clients lost per period (bars) and the churn rate (line, right axis)."""
    _ = translator(lang)
    if not has_values(trend["lost_clients"]) and not has_values(trend["churn_rate"]):
        return empty_figure(
            _("No clients in these periods for {clients}", clients=who), theme
        )
    periods = list(trend.index)
    lost = numbers(trend["lost_clients"])
    rates = numbers(trend["churn_rate"])
    figure = go.Figure(layout={"template": template(theme)})
    figure.add_trace(
        go.Bar(
            x=periods,
            y=lost,
            name=_("Clients lost"),
            marker={"color": PALETTE[7]},
            customdata=period_customdata(
                periods, lang, [format_count(v, lang) for v in lost]
            ),
            hovertemplate="%{customdata[1]}<br>"
            + _("Clients lost: {count}", count="%{customdata[2]}")
            + "<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=periods,
            y=rates,
            name=_("Churn rate"),
            yaxis="y2",
            mode="lines+markers",
            line={"color": BAD, "width": 2},
            marker={"symbol": "diamond", "size": 8},
            customdata=period_customdata(
                periods, lang, [format_percent(v, lang) for v in rates]
            ),
            hovertemplate="%{customdata[1]}<br>"
            + _("Churn rate: {rate}", rate="%{customdata[2]}")
            + "<extra></extra>",
            connectgaps=False,
        )
    )
    figure.update_layout(
        xaxis=trend_axis(periods, lang),
        yaxis={"title": {"text": _("Clients lost")}, "rangemode": "tozero"}
        | count_axis([*lost, 1], lang, most=8),
        yaxis2={
            "title": {"text": _("Churn rate")},
            "overlaying": "y",
            "side": "right",
            "range": [0, max([r for r in rates if r is not None] + [0.04]) * 1.2],
            "showgrid": False,
        }
        | percent_axis([*rates, 0.04], lang, most=5),
        margin={"t": 16},
        legend=TOP_LEGEND,
    )
    return figure


def _segment_names(lang: str) -> dict[str, str]:
    _ = translator(lang)
    return {
        "enterprise": _("Enterprise"),
        "mid_market": _("Mid-market"),
        "smb": _("SMB"),
    }


def churn_reasons(
    by_reason: pd.DataFrame, who: str, period: str, lang: str, theme: str
) -> go.Figure:
    """Clients lost per reason, stacked by segment (colour and pattern)."""
    _ = translator(lang)
    if by_reason.empty:
        return empty_figure(
            _("No clients lost in {period} for {clients}", period=period, clients=who),
            theme,
        )
    frame = by_reason.assign(
        reason=[
            r if isinstance(r, str) and r else _("No reason given")
            for r in by_reason["churn_reason"]
        ]
    )
    totals = frame.groupby("reason")["clients"].sum().sort_values(kind="stable")
    reasons = list(totals.index)
    segments = _segment_names(lang)
    figure = go.Figure(layout={"template": template(theme)})
    present = [s for s in SEGMENT_ORDER if s in set(frame["segment"])]
    present += sorted(set(frame["segment"]) - set(SEGMENT_ORDER))
    for segment in present:
        counts = frame[frame["segment"] == segment].groupby("reason")["clients"].sum()
        values = [int(counts.get(r, 0)) for r in reasons]
        name = as_text(segments.get(segment, segment))
        figure.add_trace(
            go.Bar(
                y=labels_lines(reasons),
                x=values,
                orientation="h",
                name=name,
                marker={
                    "color": SEGMENT_STYLES.get(segment, OTHER_STYLE)[0],
                    "pattern": {
                        "shape": SEGMENT_STYLES.get(segment, OTHER_STYLE)[1],
                        **pattern_overlay(theme),
                    },
                },
                text=[format_count(v, lang) if v else "" for v in values],
                textposition="inside",
                customdata=[format_count(v, lang) for v in values],
                hovertemplate="%{y}<br>"
                + name
                + ": "
                + _("{count} clients", count="%{customdata}")
                + "<extra></extra>",
            )
        )
    figure.update_layout(
        barmode="stack",
        xaxis={
            "title": {"text": _("Clients lost")},
            "rangemode": "tozero",
        }
        | count_axis([int(totals.max())], lang, most=8),
        yaxis={"type": "category", "automargin": True},
        showlegend=True,
        legend=TOP_LEGEND,
        margin={"t": 40},
    )
    return figure


def churned_by_segment(
    clients: pd.DataFrame, who: str, period: str, lang: str, theme: str
) -> go.Figure:
    """One block per lost client, stacked per segment; a click chooses the client."""
    _ = translator(lang)
    if clients.empty:
        return empty_figure(
            _("No clients lost in {period} for {clients}", period=period, clients=who),
            theme,
        )
    segments = _segment_names(lang)
    order = {segment: i for i, segment in enumerate(SEGMENT_ORDER)}
    frame = clients.assign(_order=[order.get(s, 99) for s in clients["segment"]])
    frame = frame.sort_values(["_order", "churned_on", "external_id"], kind="stable")
    position = frame.groupby("segment", sort=False).cumcount()
    labels = labels_lines(segments.get(s, s) for s in frame["segment"])
    styles = [SEGMENT_STYLES.get(s, OTHER_STYLE) for s in frame["segment"]]
    no_reason = _("No reason given")
    hover_rows = [
        [
            f"client:{row.external_id}",
            as_text(row.name),
            as_text(
                row.churn_reason if isinstance(row.churn_reason, str) else no_reason
            ),
            format_day(row.churned_on, lang),
        ]
        for row in frame.itertuples()
    ]
    surface = SURFACES.get(theme, SURFACES["light"])
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=[1] * len(frame),
            base=list(position),
            orientation="h",
            marker={
                "color": [colour for colour, _shape in styles],
                "pattern": {
                    "shape": [shape for _colour, shape in styles],
                    **pattern_overlay(theme),
                },
                "line": {"color": surface["paper"], "width": 2},
            },
            text=as_texts(frame["name"]),
            textposition="inside",
            insidetextanchor="middle",
            textangle=0,
            customdata=hover_rows,
            hovertemplate="<b>%{customdata[1]}</b> (%{y})<br>"
            + _("Reason: %{customdata[2]}")
            + "<br>"
            + _("Left on %{customdata[3]}")
            + "<extra></extra>",
            showlegend=False,
        ),
        layout={"template": template(theme)},
    )
    totals = frame.groupby("segment", sort=False).size()
    for segment, count in totals.items():
        figure.add_annotation(
            x=int(count),
            y=as_text(segments.get(segment, segment)),
            text=_("{count} lost", count=format_count(int(count), lang)),
            showarrow=False,
            xanchor="left",
            xshift=6,
        )
    figure.update_layout(
        barmode="overlay",
        uniformtext={"minsize": SMALL, "mode": "hide"},
        xaxis={
            "title": {"text": _("Clients lost")},
            "range": [0, int(totals.max()) * 1.25 + 0.5],
        }
        | count_axis([int(totals.max())], lang, most=8),
        yaxis={"type": "category", "autorange": "reversed"},
        margin={"t": 16},
    )
    return figure
