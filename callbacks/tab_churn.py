"""The Churn tab: clients lost per period, why and where, and who is at risk now."""

from __future__ import annotations

import pandas as pd
from dash import html

from callbacks.links import client_anchor
from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import (
    chart_placer,
    download_of,
    selection_text,
    tab_trend,
)
from callbacks.tab_relationship import render_relationship
from dashboard.figures import churn as figures
from dashboard.figures.theme import SURFACES
from dashboard.kernel.formatting import format_day, format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.settings import HEALTH_COMPONENTS
from dashboard.kpis.health import client_health
from dashboard.services import Services
from data.queries.churn_detail import churn_by_reason, churned_clients
from layouts.charts import chart_grid, download_menu
from layouts.tables import KEPT_ROWS, Column, build_sortable_table, number_cell

AT_RISK_TABLE = "churn-at-risk"
BAND_ORDER = {"at_risk": 0, "watch": 1, "healthy": 2, None: 3}


def band_labels(lang: str) -> dict[str | None, str]:
    """The health bands as shown: words (with a symbol), never colour alone."""
    _ = translator(lang)
    return {
        "at_risk": "▲ " + _("At risk"),
        "watch": "● " + _("Watch"),
        "healthy": "✓ " + _("Healthy"),
        None: _("Not scored"),
    }


def at_risk_rows(
    health: pd.DataFrame,
    lang: str,
    period: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Table rows: at risk, watch, healthy, unscored; worst score first in each;
    `period`: the page's, kept by the links to the clients' pages; `limit`:
    only the first so many (the list keeps KEPT_ROWS)."""
    labels = band_labels(lang)
    # Column lists: `to_dict("records")` boxes each of 70,000 cells.
    names = ["external_id", "name", "band", "score", *HEALTH_COMPONENTS]
    values = {name: health[name].tolist() for name in names}
    ranks = [BAND_ORDER.get(band, BAND_ORDER[None]) for band in values["band"]]
    # By band, the frame's order (worst score first) within each: a stable sort.
    order = sorted(range(len(ranks)), key=ranks.__getitem__)[:limit]
    rows = []
    for at in order:
        band = values["band"][at]
        rows.append(
            {
                "external_id": values["external_id"][at],
                "name": values["name"][at],
                "status": labels[band],
                "band": band or "none",
                "band_rank": ranks[at],
                "score": values["score"][at],
                "period": period,
                **{name: values[name][at] for name in HEALTH_COMPONENTS},
            }
        )
    return rows


def at_risk_columns(lang: str) -> list[Column]:
    """The at-risk list's columns; the client column sorts by name, the status
    column from at risk to not scored."""
    _ = translator(lang)
    titles = {
        "satisfaction": _("Satisfaction"),
        "engagement": _("Engagement"),
        "delivery": _("Delivery"),
        "budget": _("Budget"),
        "revenue": _("Revenue"),
    }
    return [
        Column("name", _("Client")),
        Column("band_rank", _("Status")),
        Column("score", _("Score"), numeric=True),
        *(Column(c, titles[c], numeric=True) for c in HEALTH_COMPONENTS),
    ]


def at_risk_row(row: dict, lang: str, theme: str) -> html.Tr:
    """One client of the at-risk list: a link to its page, its band in words and
    colour, its score and components as whole numbers ("—" when undefined)."""
    surface = SURFACES.get(theme, SURFACES["light"])
    colours = {
        "at_risk": surface["bad"],
        "watch": surface["watch"],
        "healthy": surface["good"],
    }
    colour = colours.get(row.get("band"))
    return html.Tr(
        [
            html.Td(client_anchor(row, lang, theme)),
            html.Td(
                str(row.get("status", "")),
                style={"color": colour, "fontWeight": "600"} if colour else None,
            ),
            *(
                html.Td(number_cell(row.get(key), lang), className="text-end")
                for key in ("score", *HEALTH_COMPONENTS)
            ),
        ]
    )


def at_risk_table(
    health: pd.DataFrame, lang: str, theme: str, period: str | None = None
):
    """The sortable client health list, or a line saying there is no client."""
    _ = translator(lang)
    if health.empty:
        return html.P(
            _("No active client in these filters."), className="text-body-secondary"
        )
    return build_sortable_table(
        AT_RISK_TABLE,
        at_risk_columns(lang),
        at_risk_rows(health, lang, period, limit=KEPT_ROWS),
        at_risk_row,
        lang,
        theme,
        total=len(health),
    )


def churn_frames(services: Services, view: ResolvedView, conn) -> dict:
    """The frames the tab's charts and list are drawn from (and downloaded as)."""
    scope, filters = services.current_scope(), view.filters
    window = filters.period.window(view.as_of)
    query = {"conn": conn, "filters": filters, "scope": scope, "window": window}
    return {
        "trend": tab_trend(services, view, conn, ["lost_clients", "churn_rate"]),
        "by_reason": churn_by_reason(**query),
        "lost": churned_clients(**query),
        "health": client_health(
            conn, settings=services.settings, filters=filters, scope=scope
        ),
    }


def render_churn(services: Services, view: ResolvedView, conn) -> list:
    """Lost clients and churn rate, churn by reason and segment, the at-risk list;
    on a page facing the client, its relationship health instead."""
    if not services.current_scope().internal:
        return render_relationship(services, view, conn)
    chart_card = chart_placer(services, view)
    _ = translator(view.lang)
    download = download_of(view)
    lang, theme = view.lang, view.theme
    who = selection_text(view)
    period = view.filters.period
    window = period.window(view.as_of)
    shown_period = format_period(period.label, lang)
    frames = churn_frames(services, view, conn)
    trend, by_reason = frames["trend"], frames["by_reason"]
    lost, health = frames["lost"], frames["health"]
    span = _(
        "{start} to {end}",
        start=format_day(window.start, lang),
        end=format_day(window.t, lang),
    )
    cards = [
        chart_card(
            "churn-trend",
            _("Clients lost and churn rate"),
            figures.lost_trend(trend, who, lang, theme),
            note=_("Click a period to choose it."),
            download=download,
        ),
        chart_card(
            "churn-reasons",
            _("Why clients left in {period}", period=shown_period),
            figures.churn_reasons(by_reason, who, shown_period, lang, theme),
            note=span,
            height=max(240, 44 * by_reason["churn_reason"].nunique(dropna=False) + 170),
            download=download,
        ),
        chart_card(
            "churn-segments",
            _("Clients lost in {period} by segment", period=shown_period),
            figures.churned_by_segment(lost, who, shown_period, lang, theme),
            note=_("Click a client to show only that client."),
            height=max(240, 60 * lost["segment"].nunique() + 130),
            download=download,
        ),
    ]
    table = html.Div(
        [
            html.H3(_("Client health: who is at risk"), className="h6 mb-1"),
            html.P(
                _(
                    "Health over the 365 days to {date}; at-risk clients first. Click"
                    " a column title to sort.",
                    date=format_day(view.as_of, lang),
                ),
                className="small text-body-secondary mb-2",
            ),
            at_risk_table(health, lang, theme, view.state.period),
            download_menu(AT_RISK_TABLE, *download),
        ],
        className="chart-card card p-2 mb-3",
    )
    return [chart_grid(cards[:1], columns=1), chart_grid(cards[1:], columns=2), table]
