"""The milestone timeline: planned and completed dates per milestone, late ones
marked by colour, symbol and label."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import month_axis
from dashboard.figures.budget_burn import t_line
from dashboard.figures.text import labels_lines, rows_height
from dashboard.figures.theme import BAD, GOOD, PALETTE, SMALL, empty_figure, template
from dashboard.kernel.formatting import UNDEFINED, format_day
from dashboard.kernel.i18n import translator

MILESTONES_SHOWN = 30


def milestone_states(milestones: pd.DataFrame, t: dt.date) -> pd.DataFrame:
    """Adds `state`: done (on time), done_late (completed after planned), open_late
    (open on t and planned before t) or open; completions after t count as open."""
    states = []
    for planned, completed in zip(
        milestones["planned_on"], milestones["completed_on"], strict=True
    ):
        done = completed is not None and not pd.isna(completed) and completed <= t
        if done:
            states.append("done_late" if completed > planned else "done")
        else:
            states.append("open_late" if planned < t else "open")
    return milestones.assign(state=states)


def milestones_to_show(
    milestones: pd.DataFrame, t: dt.date, count: int = MILESTONES_SHOWN
) -> pd.DataFrame:
    """At most `count`: late ones first, then those planned nearest to t; shown by
    client, project and planned date."""
    marked = milestone_states(milestones, t)
    late = marked["state"].isin(["done_late", "open_late"])
    distance = [abs((planned - t).days) for planned in marked["planned_on"]]
    ranked = marked.assign(late=late, distance=distance).sort_values(
        ["late", "distance"], ascending=[False, True]
    )
    chosen = ranked.head(count).sort_index()
    return chosen.drop(columns=["late", "distance"]).reset_index(drop=True)


def _label(row) -> str:
    return f"{row.project_name}: {row.name}"


def _unique(labels: list[str], shown: pd.DataFrame) -> list[str]:
    """Rows must not share a label (they would merge): add the project's id."""
    repeated = {label for label in labels if labels.count(label) > 1}
    unique = [
        f"{label} ({pid})" if label in repeated else label
        for label, pid in zip(labels, shown["project_external_id"], strict=True)
    ]
    # Two milestones of one project with the same name: number them.
    seen: dict[str, int] = {}
    numbered = []
    for label in unique:
        seen[label] = seen.get(label, 0) + 1
        numbered.append(label if seen[label] == 1 else f"{label} #{seen[label]}")
    return numbered


def milestone_timeline_figure(
    milestones: pd.DataFrame,
    t: dt.date,
    lang: str,
    theme: str,
    *,
    clients: str,
    period: str,
) -> go.Figure:
    """A Gantt-like chart: a bar from planned to completed (or to t while open);
    planned ○, completed on time ●, completed late ✕, open and late ▶ "late"."""
    _ = translator(lang)
    if milestones.empty:
        return empty_figure(
            _(
                "No milestones for {clients} in {period}",
                clients=clients,
                period=period,
            ),
            theme,
        )
    shown = milestones_to_show(milestones, t)
    labels = labels_lines(
        _unique([_label(row) for row in shown.itertuples(index=False)], shown)
    )
    ends = [
        c if s in ("done", "done_late") else max(p, t)
        for p, c, s in zip(
            shown["planned_on"], shown["completed_on"], shown["state"], strict=True
        )
    ]
    names = {
        "done": (_("Completed on time"), "circle", GOOD),
        "done_late": (_("Completed late"), "x", BAD),
        "open_late": (_("Open and late"), "triangle-right", BAD),
        "open": (_("Open, not yet due"), "circle-open", PALETTE[0]),
    }
    figure = go.Figure(layout={"template": template(theme)})
    for late in (False, True):
        xs, ys = [], []
        for label, planned, end, state in zip(
            labels, shown["planned_on"], ends, shown["state"], strict=True
        ):
            if state.endswith("late") == late:
                xs += [planned, end, None]
                ys += [label, label, None]
        figure.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            line={"width": 6, "color": BAD if late else PALETTE[7]},
            opacity=0.45,
        )
    hover = (
        "%{y}<br>"
        + _("Planned")
        + ": %{customdata[1]}<br>"
        + _("Completed")
        + ": %{customdata[2]}<br>%{customdata[3]}"
        "<extra></extra>"
    )
    figure.add_scatter(
        x=shown["planned_on"].tolist(),
        y=labels,
        mode="markers",
        name=_("Planned"),
        marker={
            "symbol": "line-ns-open",
            "size": 14,
            "color": PALETTE[7],
            "line": {"width": 2},
        },
        hoverinfo="skip",
    )
    for state, (name, symbol, colour) in names.items():
        mask = (shown["state"] == state).to_numpy()
        if not mask.any():
            continue
        part = shown[mask]
        x = [e for e, m in zip(ends, mask, strict=True) if m]
        y = [lab for lab, m in zip(labels, mask, strict=True) if m]
        late = state.endswith("late")
        figure.add_scatter(
            x=x,
            y=y,
            mode="markers+text" if late else "markers",
            name=name,
            marker={
                "symbol": symbol,
                "size": 11,
                "color": colour,
                "line": {"width": 2, "color": colour},
            },
            text=[_("late")] * len(x) if late else None,
            # Clear of the marker's half width (and of its 2 px outline).
            texttemplate="\u00a0\u00a0%{text}" if late else None,
            textposition="middle right",
            textfont={"color": colour, "size": SMALL},
            customdata=[
                [
                    f"client:{cid}",
                    format_day(p, lang),
                    format_day(c, lang) if s.startswith("done") else UNDEFINED,
                    name,
                ]
                for cid, p, c, s in zip(
                    part["client_external_id"],
                    part["planned_on"],
                    part["completed_on"],
                    part["state"],
                    strict=True,
                )
            ],
            hovertemplate=hover,
        )
    figure.update_layout(
        height=rows_height(labels, least=260),
        shapes=[t_line(t)],
        xaxis={"title": {"text": _("Date")}}
        | month_axis(
            min([*shown["planned_on"], *(e for e in ends if e is not None), t]),
            max([*shown["planned_on"], *(e for e in ends if e is not None), t]),
            lang,
        ),
        yaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels[::-1],
            "tickfont": {"size": SMALL},
        },
        margin={"t": 40, "r": 40},
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
    )
    return figure
