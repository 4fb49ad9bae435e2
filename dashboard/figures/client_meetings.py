"""The client page's meeting timeline: every meeting of the last 12 months."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import month_axis
from dashboard.figures.client import HOVER
from dashboard.figures.meeting_kinds import STATUS_ORDER, kind_labels, status_labels
from dashboard.figures.text import as_text, labels_lines
from dashboard.figures.theme import (
    BAD,
    GOOD,
    NEUTRAL,
    PALETTE,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import (
    UNDEFINED,
    format_count,
    format_moment,
)
from dashboard.kernel.i18n import translator

MEETING_KIND_ORDER = ("qbr", "monthly_review", "weekly_sync", "workshop", "escalation")
STATUS_MARKERS = {
    "held": ("circle", GOOD),
    "scheduled": ("circle-open", NEUTRAL),
    "cancelled": ("x", PALETTE[1]),
    "no_show": ("triangle-down", BAD),
}


def local_starts(starts: pd.Series, timezone: str) -> pd.Series:
    """Naive UTC datetimes → naive local datetimes in the time zone."""
    utc = pd.to_datetime(starts).dt.tz_localize("UTC")
    return utc.dt.tz_convert(timezone).dt.tz_localize(None)


def _minutes(value: object, lang: str) -> str:
    return UNDEFINED if value is None or pd.isna(value) else format_count(value, lang)


def meeting_hover(row: dict, local: dt.datetime, lang: str, timezone: str) -> str:
    """What one meeting's point says: when, kind, status, minutes, objectives."""
    _ = translator(lang)
    when = format_moment(local, lang, timezone)
    objectives = UNDEFINED
    if row["objectives_set"] is not None and not pd.isna(row["objectives_set"]):
        met = row["objectives_met"]
        objectives = _(
            "{met} of {set} met",
            met=UNDEFINED if met is None or pd.isna(met) else format_count(met, lang),
            set=format_count(row["objectives_set"], lang),
        )
    return "<br>".join(
        [
            f"<b>{when}</b>",
            as_text(kind_labels(lang).get(row["kind"], row["kind"]))
            + " · "
            + as_text(status_labels(lang).get(row["status"], row["status"])),
            _(
                "Planned {planned} min, actual {actual} min",
                planned=_minutes(row["planned_minutes"], lang),
                actual=_minutes(row["actual_minutes"], lang),
            ),
            _("Objectives: {objectives}", objectives=objectives),
        ]
    )


def meeting_timeline(
    meetings: pd.DataFrame,
    *,
    client: str,
    start: dt.date,
    end: dt.date,
    timezone: str,
    lang: str,
    theme: str,
) -> go.Figure:
    """Meetings on a time axis, one row per kind, one marker shape per status."""
    _ = translator(lang)
    if meetings.empty:
        message = _("No meetings for {client} in the last 12 months", client=client)
        return empty_figure(message, theme, width=80)
    kinds = kind_labels(lang)
    statuses = status_labels(lang)
    frame = meetings.assign(local=local_starts(meetings["scheduled_start"], timezone))
    figure = go.Figure(layout={"template": template(theme)})
    for status in STATUS_ORDER:
        rows = frame[frame["status"] == status]
        if rows.empty:
            continue
        symbol, colour = STATUS_MARKERS[status]
        figure.add_trace(
            go.Scatter(
                x=list(rows["local"]),
                y=labels_lines(kinds.get(kind, kind) for kind in rows["kind"]),
                mode="markers",
                name=statuses[status],
                marker={"symbol": symbol, "color": colour, "size": 10},
                hovertext=[
                    meeting_hover(row, row["local"], lang, timezone)
                    for row in rows.to_dict("records")
                ],
                hovertemplate=HOVER,
            )
        )
    order = [kinds[k] for k in reversed(MEETING_KIND_ORDER)]
    figure.update_layout(
        xaxis={"range": [start, end + dt.timedelta(days=1)]}
        | month_axis(start, end, lang),
        yaxis={"categoryorder": "array", "categoryarray": order, "type": "category"},
        margin={"t": 16, "b": 24},
        legend=TOP_LEGEND,
    )
    return figure
