"""The milestone timeline: planned and completed dates per milestone, late ones
marked by colour, symbol and label."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import month_axis
from dashboard.figures.budget import project_label
from dashboard.figures.budget_burn import t_line
from dashboard.figures.text import (
    LABEL_WIDTH,
    as_text,
    rows_height,
    shortened,
    shown_width,
)
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


def milestone_labels(shown: pd.DataFrame) -> list[str]:
    """One row label a milestone, of two short lines: its project and its name,
    each one line of at most LABEL_WIDTH (a longer name ends in "…"; the whole
    is on hover), so every row is two lines high and no label reaches into the
    next. Rows never share a label (they would merge): a project line shared by
    two projects gets the project's id, a name twice in one project a number."""
    lines = [shortened(name) for name in shown["project_name"]]
    owners: dict[str, set] = {}
    for line, pid in zip(lines, shown["project_external_id"], strict=True):
        owners.setdefault(line, set()).add(pid)
    projects = [
        _suffixed(name, f" ({pid})") if len(owners[line]) > 1 else line
        for line, name, pid in zip(
            lines, shown["project_name"], shown["project_external_id"], strict=True
        )
    ]
    seen: dict[tuple[str, str], int] = {}
    labels = []
    for project, name in zip(projects, shown["name"], strict=True):
        key = (project, shortened(name))
        seen[key] = seen.get(key, 0) + 1
        count = seen[key]
        line = key[1] if count == 1 else _suffixed(name, f" #{count}")
        labels.append(f"{project}<br>{line}")
    return labels


def _suffixed(text: str, suffix: str) -> str:
    """`text` shortened to leave room for `suffix` on its line."""
    return shortened(text, LABEL_WIDTH - shown_width(suffix)) + as_text(suffix)


def full_labels(shown: pd.DataFrame) -> list[str]:
    """`Project · Client: milestone` unshortened and escaped, for the hover (the
    client only when the rows are of more than one: it would only repeat)."""
    one_client = shown["client_external_id"].nunique() <= 1
    clients = shown.get("client_name", pd.Series([None] * len(shown)))
    return [
        as_text(f"{project_label(project, None if one_client else client)}: {name}")
        for project, client, name in zip(
            shown["project_name"], clients, shown["name"], strict=True
        )
    ]


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
    labels = milestone_labels(shown)
    whole = full_labels(shown)
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
        "%{customdata[4]}<br>"
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
                    label,
                ]
                for cid, p, c, s, label in zip(
                    part["client_external_id"],
                    part["planned_on"],
                    part["completed_on"],
                    part["state"],
                    [w for w, m in zip(whole, mask, strict=True) if m],
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
