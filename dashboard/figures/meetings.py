"""Meetings drill-down figures: rate trends, attendance by client and overruns."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import (
    number_axis,
    percent_axis,
    round_ticks,
    trend_axis,
    zero_aligned_ranges,
)
from dashboard.figures.series import has_values, numbers, period_customdata
from dashboard.figures.text import labels_lines
from dashboard.figures.theme import (
    BAD,
    GOOD,
    PALETTE,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import format_count, format_overrun, format_percent
from dashboard.kernel.i18n import translator


def rate_trend_figure(
    trend: pd.DataFrame,
    key: str,
    name: str,
    lang: str,
    theme: str,
    *,
    clients: str,
    period: str,
) -> go.Figure:
    """A rate (0..1) per period as a line with labelled points; click a period."""
    _ = translator(lang)
    if trend.empty or not has_values(trend[key]):
        return empty_figure(
            _(
                "No held meetings for {clients} in the 8 periods up to {period}",
                clients=clients,
                period=period,
            ),
            theme,
        )
    labels = list(trend.index)
    values = numbers(trend[key])
    figure = go.Figure(
        go.Scatter(
            x=labels,
            y=values,
            name=name,
            mode="lines+markers+text",
            text=[None if v is None else format_percent(v, lang, 0) for v in values],
            textposition="top center",
            cliponaxis=False,
            line={"width": 2, "color": PALETTE[0]},
            marker={"size": 8},
            connectgaps=False,
            customdata=period_customdata(
                labels, lang, [format_percent(v, lang) for v in values]
            ),
            hovertemplate="%{customdata[1]}<br>"
            + name
            + ": %{customdata[2]}<extra></extra>",
        ),
        layout={"template": template(theme)},
    )
    figure.update_layout(
        yaxis={"title": {"text": name}, "rangemode": "tozero"}
        | percent_axis(values, lang),
        xaxis={"title": {"text": _("Period")}} | trend_axis(labels, lang),
        showlegend=False,
        margin={"t": 24},
    )
    return figure


def attendance_rates(frame: pd.DataFrame, count: int = 5) -> pd.DataFrame:
    """Clients with invitees: rate = attended / invited; the `count` highest and
    `count` lowest (all when there are few), lowest first, with a `group` column."""
    rated = frame[frame["invited"] > 0].copy()
    rated["rate"] = rated["attended"] / rated["invited"]
    rated = rated.sort_values(["rate", "name"], ascending=[False, True])
    if len(rated) <= 2 * count:
        rated["group"] = "all"
        return rated.iloc[::-1].reset_index(drop=True)
    top = rated.head(count).assign(group="top")
    bottom = rated.tail(count).assign(group="bottom")
    return pd.concat([bottom.iloc[::-1], top.iloc[::-1]]).reset_index(drop=True)


def attendance_by_client_figure(
    frame: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Horizontal bars: the clients with the highest and lowest attendance rate."""
    _ = translator(lang)
    rated = attendance_rates(frame)
    if rated.empty:
        return empty_figure(
            _(
                "No held meetings for {clients} in {period}",
                clients=clients,
                period=period,
            ),
            theme,
        )
    if len(rated) == 1:
        # One client: a ranking with one bar says nothing; the sentence does.
        only = rated.iloc[0]
        return empty_figure(
            _(
                "{client} is the only client here: {share} of invitees attended"
                " in {period}",
                client=only["name"],
                share=format_percent(only["rate"], lang),
                period=period,
            ),
            theme,
        )
    groups = {
        "all": (_("Attendance rate"), PALETTE[0], ""),
        "top": (_("Highest attendance"), GOOD, ""),
        "bottom": (_("Lowest attendance"), BAD, "/"),
    }
    figure = go.Figure(layout={"template": template(theme)})
    hover = (
        "%{y}<br>"
        + _("Attendance rate")
        + ": %{customdata[3]}<br>"
        + _(
            "Attended {attended} of {invited} invited",
            attended="%{customdata[1]}",
            invited="%{customdata[2]}",
        )
        + "<extra></extra>"
    )
    for group, (name, colour, pattern) in groups.items():
        part = rated[rated["group"] == group]
        if part.empty:
            continue
        figure.add_bar(
            x=part["rate"].tolist(),
            y=labels_lines(part["name"]),
            orientation="h",
            name=name,
            marker={"color": colour, "pattern": {"shape": pattern}},
            text=[format_percent(rate, lang, 0) for rate in part["rate"]],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                [
                    f"client:{cid}",
                    format_count(a, lang),
                    format_count(i, lang),
                    format_percent(rate, lang),
                ]
                for cid, a, i, rate in zip(
                    part["external_id"],
                    part["attended"],
                    part["invited"],
                    part["rate"],
                    strict=True,
                )
            ],
            hovertemplate=hover,
        )
    figure.update_layout(
        xaxis={
            "title": {"text": _("Attendance rate")},
            "range": [0, 1.15],
        }
        | percent_axis([0.0, 1.0], lang, most=5),
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels_lines(rated["name"]),
        },
        margin={"t": 40},
        legend=TOP_LEGEND,
        showlegend=bool((rated["group"] != "all").any()),
    )
    return figure


def overrun_figure(
    trend: pd.DataFrame, lang: str, theme: str, *, clients: str, period: str
) -> go.Figure:
    """Overrun share (bars, left axis) and average overrun minutes (line, right)."""
    _ = translator(lang)
    if trend.empty or not has_values(trend["overrun_share"]):
        return empty_figure(
            _(
                "No held meetings for {clients} in the 8 periods up to {period}",
                clients=clients,
                period=period,
            ),
            theme,
        )
    labels = list(trend.index)
    shares, minutes = (
        numbers(trend["overrun_share"]),
        numbers(trend["avg_overrun_minutes"]),
    )
    # Meetings that end early on average give a mean below 0: both axes put 0 at
    # the same height, and the share axis only labels shares from 0 up.
    share_range, minutes_range = zero_aligned_ranges(shares, minutes)
    share_name = _("Share of meetings that ran over")
    minutes_name = _("Average overrun (minutes)")
    figure = go.Figure(layout={"template": template(theme)})
    figure.add_bar(
        x=labels,
        y=shares,
        name=share_name,
        marker={"color": PALETTE[1]},
        customdata=period_customdata(
            labels, lang, [format_percent(v, lang) for v in shares]
        ),
        hovertemplate="%{customdata[1]}<br>"
        + share_name
        + ": %{customdata[2]}<extra></extra>",
    )
    figure.add_scatter(
        x=labels,
        y=minutes,
        name=minutes_name,
        yaxis="y2",
        mode="lines+markers",
        line={"color": PALETTE[0], "width": 2, "dash": "dot"},
        marker={"symbol": "diamond", "size": 8},
        customdata=period_customdata(
            labels, lang, [format_overrun(v, lang) for v in minutes]
        ),
        hovertemplate="%{customdata[1]}<br>"
        + _("Average end: {when}", when="%{customdata[2]}")
        + "<extra></extra>",
    )
    figure.update_layout(
        xaxis={"title": {"text": _("Period")}} | trend_axis(labels, lang),
        yaxis={"title": {"text": share_name}, "range": share_range}
        | percent_axis(round_ticks(0, share_range[1], most=5), lang, most=5),
        yaxis2={
            "title": {"text": minutes_name},
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "zeroline": True,
            "automargin": True,
            "range": minutes_range,
        }
        | number_axis(minutes_range, lang, most=5),
        margin={"t": 40},
        legend=TOP_LEGEND,
    )
    return figure
