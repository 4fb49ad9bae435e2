"""The agreed target of a KPI drawn on its trend: a dashed line, labelled."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.text import as_text
from dashboard.figures.theme import NEUTRAL, empty_message
from dashboard.kernel.i18n import translator

TARGET_LINE = "target-line"  # the shape's name, so a test or a reader finds it
# Above the highest value or line, as a share of the y range: for the line alone,
# and for points that carry their labels above them.
LINE_ROOM = 0.05
LABEL_ROOM = 0.18
# How far above its point a label reaches, as a share of the y range.
LABEL_BAND = 0.12


def with_target_line(
    figure: go.Figure, target: float | None, shown: str, lang: str, axis: str = "y"
) -> go.Figure:
    """The figure with a dashed line at `target` (in the y axis' unit), named
    "Target 85.0%" in the legend above the plot (`shown`: the formatted target;
    escaped, as any text from data): a label on the line itself would collide
    with the points' labels whenever the trend runs close to its target. A
    figure with nothing drawn, or no target, is left as it is; a fixed y range
    is widened to hold the line; `axis`: the y axis the KPI is drawn on ("y2":
    a right-hand axis)."""
    if target is None or empty_message(figure) is not None:
        return figure
    _ = translator(lang)
    line = {"dash": "dash", "width": 1.5, "color": NEUTRAL}
    figure.add_hline(y=target, yref=axis, name=TARGET_LINE, line=line)
    # Unnamed series would be listed as "trace 0" once the legend shows.
    figure.for_each_trace(
        lambda trace: trace.update(showlegend=False) if not trace.name else None
    )
    figure.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            yaxis=axis,
            mode="lines",
            line=line,
            name=as_text(_("Target {value}", value=shown)),
            legendgroup=TARGET_LINE,
            showlegend=True,
            hoverinfo="skip",
        )
    )
    figure.update_layout(showlegend=True)
    _hold_line_and_labels(figure, target, axis)
    return figure


def _hold_line_and_labels(figure: go.Figure, target: float, axis: str) -> None:
    """Widen the y axis to hold the line; where points carry their labels above
    them, leave room for those labels below the legend (the y range is set
    from the values then, as Plotly's own range ignores the labels)."""
    yaxis = figure.layout["yaxis" + axis[1:]]
    traces = [t for t in figure.data if (t.yaxis or "y") == axis and t.y is not None]
    labelled = any("top" in str(t.textposition or "") for t in traces if t.text)
    values = [target] + [
        float(v) for t in traces for v in t.y if isinstance(v, int | float)
    ]
    if yaxis.range is not None:
        # A range its builder set keeps its room, unless the line falls outside.
        if yaxis.range[0] <= target <= yaxis.range[1]:
            return
        low, high = min(yaxis.range[0], target), max(yaxis.range[1], target)
    elif labelled:
        low, high = min(values), max(values)
        if yaxis.rangemode == "tozero":
            low = min(low, 0.0)
    else:
        return
    room = LABEL_ROOM if labelled else LINE_ROOM
    span = (high - low) or abs(high) or 1.0
    yaxis.range = [low, high + span * room]
    if labelled:
        _labels_clear_of_line(traces, target, span * (1 + room))


def _labels_clear_of_line(traces: list, target: float, span: float) -> None:
    """A point whose label above it would sit on the line gets it below."""
    for trace in traces:
        if not trace.text or "top" not in str(trace.textposition or ""):
            continue
        above = str(trace.textposition)
        below = above.replace("top", "bottom")
        trace.textposition = [
            below
            if isinstance(v, int | float) and v <= target <= v + span * LABEL_BAND
            else above
            for v in trace.y
        ]


def target_labels(figure: go.Figure) -> list[str]:
    """The legend names of the figure's target lines."""
    return [t.name for t in figure.data if t.legendgroup == TARGET_LINE]
