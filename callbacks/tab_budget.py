"""The budget tab: burn-up of the portfolio and of the projects burning fastest,
burn ratio by project, spend by category, forecast against budget, milestones."""

from __future__ import annotations

import datetime as dt

from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import chart_placer, download_of, selection_names
from dashboard.figures.budget import (
    burn_ratio_figure,
    eac_vs_bac_figure,
    project_label,
)
from dashboard.figures.budget_burn import (
    burn_up_curve,
    burn_up_figure,
    project_burn_ups_figure,
)
from dashboard.figures.budget_milestones import (
    MILESTONES_SHOWN,
    milestone_timeline_figure,
)
from dashboard.figures.budget_spend import spend_by_category_figure
from dashboard.kernel.formatting import format_count, format_day
from dashboard.kernel.i18n import translator
from dashboard.kernel.windows import Window
from dashboard.kpis.budget import project_budgets
from dashboard.services import Services
from data.queries.budget_detail import (
    daily_spend,
    milestones_shown,
    project_schedules,
    spend_by_category,
)
from data.queries.held_labels import names_of_shown_clients
from data.queries.rollups import rollups_ready
from layouts.charts import chart_grid

SMALL_MULTIPLES = 4
RECENT_DAYS = 365


def project_window(view: ResolvedView) -> Window:
    """The days a project must overlap to be shown: P's window; for one client,
    from RECENT_DAYS before t, so a review also sees the projects that ended in
    the last 12 months (the two that finished over budget last quarter)."""
    window = view.filters.period.window(view.as_of)
    if len(view.filters.clients) != 1:
        return window
    recent = window.t - dt.timedelta(days=RECENT_DAYS - 1)
    return Window(min(window.start, recent), window.t)


def budget_frames(
    services: Services, view: ResolvedView, conn, *, use_rollups: bool = True
) -> dict:
    """The frames the tab's charts are drawn from (and downloaded as); spend from
    the spend rollups where they exist, unless `use_rollups` is false (the spend
    rows, the reference)."""
    scope, filters = services.current_scope(), view.filters
    window = project_window(view)
    rollups = rollups_ready(conn, use_rollups)
    query = {"conn": conn, "filters": filters, "scope": scope, "window": window}
    spend_query = query | {"rollups": rollups}
    period_query = spend_query | {"window": filters.period.window(view.as_of)}
    projects = project_budgets(
        conn,
        settings=services.settings,
        filters=filters,
        scope=scope,
        window=window,
        rollups=rollups,
    )
    # One client's projects are named alone: its name on each would only repeat.
    one_client = projects["client_external_id"].nunique() <= 1
    names = (
        {}
        if one_client
        else names_of_shown_clients(conn, scope, projects["client_external_id"])
    )
    projects["client_name"] = [
        None if one_client else names.get(c, c) for c in projects["client_external_id"]
    ]
    dates = project_schedules(**query)
    spend = daily_spend(**spend_query)
    return {
        "query": query,
        "spend_query": spend_query,
        "projects": projects,
        "dates": dates,
        "spend": spend,
        "portfolio": burn_up_curve(dates, spend, window.t),
        "categories": spend_by_category(**period_query),
    }


def render_budget(services: Services, view: ResolvedView, conn) -> list:
    """Burn-up, burn ratio, categories, EAC against BAC and the milestones."""
    chart_card = chart_placer(services, view)
    _ = translator(view.lang)
    download = download_of(view)
    t = view.filters.period.window(view.as_of).t
    names = selection_names(view)
    period_money = {"currency": services.settings.currency, **names}
    if len(view.filters.clients) == 1:
        # One client's projects reach back 12 months: empty states say so.
        names = names | {
            "period": _("{period} or the 12 months before", period=names["period"])
        }
    money = {"currency": services.settings.currency, **names}
    frames = budget_frames(services, view, conn)
    figures, dates = frames["projects"], frames["dates"]
    portfolio = frames["portfolio"]
    milestones, total = milestones_shown(**frames["query"], t=t, count=MILESTONES_SHOWN)
    lang, theme = view.lang, view.theme
    fastest = (
        figures[figures["burn_ratio"].notna()]
        .astype({"burn_ratio": "float64"})
        .sort_values(["burn_ratio", "name"], ascending=[False, True])
        .head(SMALL_MULTIPLES)
    )
    curves = [
        (
            project_label(row.name, row.client_name),
            row.client_external_id,
            burn_up_curve(
                dates[dates["external_id"] == row.external_id],
                daily_spend(**frames["spend_query"], projects=[row.external_id]),
                t,
            ),
        )
        for row in fastest.itertuples(index=False)
    ]
    timeline = milestone_timeline_figure(milestones, t, lang, theme, **names)
    milestone_note = None
    if total > MILESTONES_SHOWN:
        milestone_note = _(
            "Showing {shown} of {total} milestones: the late ones first, then those"
            " planned nearest to {day}.",
            shown=format_count(MILESTONES_SHOWN, lang),
            total=format_count(total, lang),
            day=format_day(t, lang),
        )
    click_client = _("Click a project to filter the page to its client.")
    top = [
        chart_card(
            "budget-burn-up",
            _("Burn-up: actual against planned spend"),
            burn_up_figure(portfolio, t, lang, theme, **money),
            height=400,
            note=_("All projects counted in {period}.", period=period_money["period"])
            if len(view.filters.clients) != 1
            else _(
                "The projects of {period} and those that ended in the 12 months"
                " before {day}.",
                period=period_money["period"],
                day=format_day(t, lang),
            ),
            download=download,
        ),
        chart_card(
            "budget-burn-up-projects",
            _("Burn-up of the projects spending fastest"),
            project_burn_ups_figure(curves, t, lang, theme, **money),
            height=400,
            note=click_client,
            download=download,
        ),
        chart_card(
            "budget-burn-ratio",
            _("Burn ratio by project"),
            burn_ratio_figure(figures, lang, theme, **money),
            note=click_client,
            height=460,
            download=download,
        ),
        chart_card(
            "budget-eac",
            _("Forecast at completion against budget"),
            eac_vs_bac_figure(figures, lang, theme, **money),
            note=click_client,
            height=460,
            download=download,
        ),
        chart_card(
            "budget-categories",
            _("Spend by category in {period}", period=period_money["period"]),
            spend_by_category_figure(frames["categories"], lang, theme, **period_money),
            download=download,
        ),
    ]
    height = int(timeline.layout.height or 320)
    timeline_card = chart_card(
        "budget-milestones",
        _("Milestones"),
        timeline,
        note=milestone_note or click_client,
        height=height,
        download=download,
    )
    return [chart_grid(top), chart_grid([timeline_card], columns=1)]
