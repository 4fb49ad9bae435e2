"""Budget drill-down figures per project: burn ratio, and the forecast at
completion against the budget."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.axes import money_axis, number_axis
from dashboard.figures.series import line_key
from dashboard.figures.text import labels_lines, rows_height
from dashboard.figures.theme import (
    BAD,
    GOOD,
    PALETTE,
    SMALL,
    TOP_LEGEND,
    empty_figure,
    template,
)
from dashboard.kernel.formatting import (
    format_money,
    format_percent_change,
    format_ratio,
)
from dashboard.kernel.i18n import translator

PROJECTS_SHOWN = 15
# Room right of the burn ratio plot for its column of ratios ("12.34×" at 14 px).
RATIO_COLUMN_PX = 72


def project_label(name: str, client_name: str | None) -> str:
    """`Project · Client`, or the project alone when the page shows one client
    (None): its name would only repeat. Charts wrap it (text.label_lines)."""
    return name if client_name is None else f"{name} · {client_name}"


def with_labels(projects: pd.DataFrame) -> pd.DataFrame:
    """Adds `label` (`project_label`), made unique with the project's id."""
    labels = [
        project_label(n, None if pd.isna(c) else c)
        for n, c in zip(projects["name"], projects["client_name"], strict=True)
    ]
    counts = pd.Series(labels, dtype="str").value_counts()
    unique = [
        f"{label} ({pid})" if counts[label] > 1 else label
        for label, pid in zip(labels, projects["external_id"], strict=True)
    ]
    return projects.assign(label=unique)


def _no_projects(_, theme: str, clients: str, period: str) -> go.Figure:
    return empty_figure(
        _("No projects for {clients} in {period}", clients=clients, period=period),
        theme,
    )


def burn_ratio_figure(
    projects: pd.DataFrame,
    lang: str,
    theme: str,
    *,
    currency: str,
    clients: str,
    period: str,
) -> go.Figure:
    """Horizontal bars of AC/PV per project, over budget first, a line at 1.0.
    `projects`: the columns of project_budgets plus client_name."""
    _ = translator(lang)
    rated = projects[projects["burn_ratio"].notna()].copy()
    if rated.empty:
        return _no_projects(_, theme, clients, period)
    rated["burn_ratio"] = rated["burn_ratio"].astype("float64")
    rated = rated.sort_values(["burn_ratio", "name"], ascending=[False, True])
    shown = with_labels(rated.head(PROJECTS_SHOWN).iloc[::-1])
    figure = go.Figure(layout={"template": template(theme)})
    groups = (
        (shown["burn_ratio"] > 1, _("Spending faster than time passes"), BAD, "/"),
        (shown["burn_ratio"] <= 1, _("On or under plan"), GOOD, ""),
    )
    hover = (
        "%{y}<br>"
        + _("Burn ratio")
        + ": %{customdata[3]}<br>"
        + _(
            "Spent {actual} of {planned} planned so far",
            actual="%{customdata[1]}",
            planned="%{customdata[2]}",
        )
        + "<extra></extra>"
    )
    for mask, name, colour, pattern in groups:
        part = shown[mask]
        if part.empty:
            continue
        figure.add_bar(
            x=part["burn_ratio"].tolist(),
            y=labels_lines(part["label"]),
            orientation="h",
            name=name,
            marker={"color": colour, "pattern": {"shape": pattern}},
            customdata=[
                [
                    f"client:{cid}",
                    format_money(ac, lang, currency),
                    format_money(pv, lang, currency),
                    format_ratio(ratio, lang),
                ]
                for cid, ac, pv, ratio in zip(
                    part["client_external_id"],
                    part["ac"],
                    part["pv"],
                    part["burn_ratio"],
                    strict=True,
                )
            ],
            hovertemplate=hover,
        )
    labels = labels_lines(shown["label"])
    reference = {"color": PALETTE[7], "width": 2, "dash": "dash"}
    figure.add_shape(
        type="line", x0=1.0, x1=1.0, y0=0, y1=1, yref="y domain", line=reference
    )
    figure.add_trace(line_key(_("On plan (1.0)"), reference))
    axis = number_axis([*shown["burn_ratio"], 1.0], lang)
    top = max(axis["tickvals"])
    figure.add_trace(ratio_column(shown["burn_ratio"], labels, top, lang))
    figure.update_layout(
        xaxis={
            "title": {"text": _("Burn ratio (actual ÷ planned)")},
            "range": [0, top],
        }
        | axis,
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
        height=rows_height(labels),
        margin={"t": 40, "r": RATIO_COLUMN_PX},
        legend=TOP_LEGEND,
    )
    return figure


def ratio_column(ratios: pd.Series, labels: list[str], top: float, lang: str):
    """Each project's burn ratio ("1.20×") in a column right of the plot (at `top`,
    the axis's end), so neither the "on plan" line at 1.0 nor a bar ever runs
    through a number, as it did when numbers sat at the bars' ends."""
    return go.Scatter(
        x=[top] * len(labels),
        y=labels,
        mode="text",
        text=[format_ratio(v, lang) for v in ratios],
        texttemplate="\u00a0%{text}",
        textposition="middle right",
        cliponaxis=False,
        showlegend=False,
        hoverinfo="skip",
    )


def eac_vs_bac_figure(
    projects: pd.DataFrame,
    lang: str,
    theme: str,
    *,
    currency: str,
    clients: str,
    period: str,
) -> go.Figure:
    """Dumbbells per project: budget (circle) to forecast at completion (diamond),
    the largest overruns first; click a project to filter to its client."""
    _ = translator(lang)
    if projects.empty:
        return _no_projects(_, theme, clients, period)
    ordered = projects.assign(gap=projects["eac"] - projects["bac"])
    ordered = ordered.sort_values(["gap", "name"], ascending=[False, True])
    shown = with_labels(ordered.head(PROJECTS_SHOWN).iloc[::-1])
    labels = labels_lines(shown["label"])
    custom = [
        [
            f"client:{cid}",
            format_money(bac, lang, currency),
            format_money(eac, lang, currency),
            format_percent_change(eac / bac - 1, lang),
        ]
        for cid, bac, eac in zip(
            shown["client_external_id"], shown["bac"], shown["eac"], strict=True
        )
    ]
    hover = (
        "%{y}<br>"
        + _("Budget (BAC)")
        + ": %{customdata[1]}<br>"
        + _("Forecast at completion (EAC)")
        + ": %{customdata[2]}"
        + " (%{customdata[3]})<extra></extra>"
    )
    line_x, line_y = [], []
    for label, bac, eac in zip(labels, shown["bac"], shown["eac"], strict=True):
        line_x += [float(bac), float(eac), None]
        line_y += [label, label, None]
    over = [bool(e > b) for b, e in zip(shown["bac"], shown["eac"], strict=True)]
    figure = go.Figure(layout={"template": template(theme)})
    figure.add_scatter(
        x=line_x,
        y=line_y,
        mode="lines",
        showlegend=False,
        hoverinfo="skip",
        line={"color": PALETTE[7], "width": 2},
    )
    figure.add_scatter(
        x=shown["bac"].tolist(),
        y=labels,
        mode="markers",
        name=_("Budget (BAC)"),
        marker={"symbol": "circle", "size": 11, "color": PALETTE[0]},
        customdata=custom,
        hovertemplate=hover,
    )
    # One trace per colour, so the legend names what the diamond's colour says.
    forecasts = (
        (True, _("Forecast above budget (EAC)"), BAD),
        (False, _("Forecast within budget (EAC)"), GOOD),
    )
    for above, name, colour in forecasts:
        rows = [i for i, o in enumerate(over) if o == above]
        if not rows:
            continue
        figure.add_scatter(
            x=[float(shown["eac"].iloc[i]) for i in rows],
            y=[labels[i] for i in rows],
            mode="markers",
            name=name,
            marker={"symbol": "diamond", "size": 12, "color": colour},
            customdata=[custom[i] for i in rows],
            hovertemplate=hover,
        )
    # The change, right of whichever end lies further right: never on the
    # dumbbell, never on the project names.
    figure.add_scatter(
        x=shown[["bac", "eac"]].max(axis=1).astype(float).tolist(),
        y=labels,
        mode="text",
        showlegend=False,
        hoverinfo="skip",
        text=[row[3] for row in custom],
        texttemplate="\u00a0\u00a0%{text}",  # clear of the marker's half width
        textposition="middle right",
        cliponaxis=False,
        textfont={"size": SMALL},
    )
    top = 1.5 * float(max(shown["bac"].max(), shown["eac"].max()))
    figure.update_layout(
        # A marker on 0 is drawn clear of the project names.
        xaxis={"title": {"text": _("Amount")}, "range": [-0.03 * top, top]}
        | money_axis([top], lang, currency, most=4),
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels},
        height=rows_height(labels),
        margin={"t": 40, "r": 64},
        legend=TOP_LEGEND,
    )
    return figure
