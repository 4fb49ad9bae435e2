"""The action items tab: due, completed and on time over 8 periods, what is open
and overdue by owner and by client, and the overdue list."""

from __future__ import annotations

import pandas as pd
from dash import html

from callbacks.links import client_anchor
from callbacks.resolved_view import ResolvedView
from callbacks.tab_common import (
    chart_placer,
    download_of,
    selection_names,
    trailing_periods,
)
from dashboard.figures.action_items import (
    due_completed_figure,
    overdue_by_client_figure,
    overdue_by_owner_figure,
)
from dashboard.kernel.formatting import UNDEFINED, format_count, format_day
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import SHARED_ITEMS_NOTE
from dashboard.kernel.review_groups import (
    GROUPS,
    REVIEW_KINDS,
    local_review,
    review_group,
)
from dashboard.services import Services
from data.queries.action_items_detail import (
    due_counts_by_period,
    open_overdue,
)
from data.queries.client_detail import last_held_reviews
from layouts.charts import chart_grid, download_menu
from layouts.tables import Column, build_sortable_table, day_cell, number_cell

OVERDUE_ROWS = 200
OVERDUE_TABLE_ID = "action-items-overdue-table"
GROUP_RANKS = {group: rank for rank, group in enumerate(GROUPS)}


def group_labels(lang: str) -> dict[str | None, str]:
    """The review groups as the list names them (no review: "—")."""
    _ = translator(lang)
    return {
        "agreed": _("Agreed at the last review"),
        "since": _("Since the last review"),
        "older": _("Older"),
        None: UNDEFINED,
    }


def overdue_columns(lang: str) -> list[Column]:
    """The overdue list's columns; the client column sorts by name, the review
    column from agreed at the last review to older."""
    _ = translator(lang)
    return [
        Column("name", _("Client")),
        Column("group_rank", _("Review")),
        Column("title", _("Action item")),
        Column("owner", _("Owner")),
        Column("due_on", _("Due date")),
        Column("days_overdue", _("Days overdue"), numeric=True),
    ]


def overdue_row(row: dict, lang: str, theme: str) -> html.Tr:
    """One overdue item: a link to the client's page, then the item as text."""
    return html.Tr(
        [
            html.Td(client_anchor(row, lang, theme)),
            html.Td(str(row.get("group", ""))),
            html.Td(str(row.get("title", ""))),
            html.Td(str(row.get("owner", ""))),
            html.Td(day_cell(row.get("due_on"), lang)),
            html.Td(number_cell(row.get("days_overdue"), lang), className="text-end"),
        ]
    )


def overdue_table(
    frame, total: int, view: ResolvedView, *, shared_only: bool = False
) -> html.Div:
    """The open overdue items, most overdue first, sortable; clients link to
    their page. `shared_only` (a client-facing scope) says so under the heading."""
    _ = translator(view.lang)
    t = view.filters.period.window(view.as_of).t
    title = _("Open overdue action items on {day}", day=format_day(t, view.lang))
    heading = html.H3(title, className="h6 mb-2")
    if shared_only:
        note = html.P(_(SHARED_ITEMS_NOTE), className="small text-body-secondary")
        heading = html.Div([heading, note])
    if frame.empty:
        return html.Div(
            [
                heading,
                html.P(
                    _(
                        "No open overdue action items for {clients} in {period}",
                        **selection_names(view),
                    ),
                    className="text-body-secondary",
                ),
            ]
        )
    labels = group_labels(view.lang)
    rows = [
        {
            "external_id": cid,
            "name": name,
            "group": labels[group],
            "group_rank": GROUP_RANKS.get(group, len(GROUP_RANKS)),
            "title": title,
            "owner": owner,
            "due_on": due.isoformat(),
            "days_overdue": int(days),
            "period": view.state.period,
        }
        for cid, name, title, owner, due, days, group in frame.itertuples(index=False)
    ]
    table = build_sortable_table(
        OVERDUE_TABLE_ID,
        overdue_columns(view.lang),
        rows,
        overdue_row,
        view.lang,
        view.theme,
    )
    parts = [heading, table, download_menu(OVERDUE_TABLE_ID, *download_of(view))]
    if total > len(frame):
        parts.append(
            html.P(
                _(
                    "Showing the {shown} most overdue of {total} items.",
                    shown=format_count(len(frame), view.lang),
                    total=format_count(total, view.lang),
                ),
                className="small text-body-secondary mt-1 mb-0",
            )
        )
    return html.Div(parts, className="card chart-card p-2 overdue-list")


def with_review_groups(items, reviews: dict, timezone: str):
    """The overdue items with `review_group` (agreed at the client's last
    review, since, older; None for a client without one) in place of the
    columns it is read from (created_on, meeting_start)."""
    groups = []
    for external_id, created_on, meeting_start in zip(
        items["external_id"], items["created_on"], items["meeting_start"], strict=True
    ):
        review = local_review(reviews.get(external_id), timezone)
        start = None if pd.isna(meeting_start) else meeting_start
        groups.append(review and review_group(created_on, start, review))
    items = items.drop(columns=["created_on", "meeting_start"])
    return items.assign(review_group=pd.Series(groups, index=items.index, dtype=object))


def action_items_frames(services: Services, view: ResolvedView, conn) -> dict:
    """The frames the tab's charts and list are drawn from (and downloaded as)."""
    scope, filters = services.current_scope(), view.filters
    window = filters.period.window(view.as_of)
    windows = {p.label: p.window(view.as_of) for p in trailing_periods(filters.period)}
    query = {"conn": conn, "filters": filters, "scope": scope, "window": window}
    overdue = open_overdue(**query, limit=OVERDUE_ROWS, with_origin=True)
    items = overdue.items
    reviews = last_held_reviews(
        conn=conn,
        filters=filters,
        scope=scope,
        as_of=window.t,
        kinds=REVIEW_KINDS,
        among=set(items["external_id"]),
    )
    items = with_review_groups(items, reviews, services.settings.timezone)
    return {
        "counts": due_counts_by_period(
            conn=conn, filters=filters, scope=scope, windows=windows, as_of=view.as_of
        ),
        "by_owner": overdue.by_owner,
        "by_client": overdue.by_client,
        "items": items,
        "total": overdue.total,
    }


def render_action_items(services: Services, view: ResolvedView, conn) -> list:
    """Due/completed/on time per period, overdue by owner and client, the list."""
    chart_card = chart_placer(services, view)
    _ = translator(view.lang)
    download = download_of(view)
    names = selection_names(view)
    frames = action_items_frames(services, view, conn)
    counts, by_owner = frames["counts"], frames["by_owner"]
    by_client = frames["by_client"]
    items, total = frames["items"], frames["total"]
    lang, theme = view.lang, view.theme
    due = chart_card(
        "action-items-due",
        _("Due, completed and on time by period"),
        due_completed_figure(counts, lang, theme, **names),
        note=_("Click a period to choose it."),
        download=download,
    )
    overdue = [
        chart_card(
            "action-items-overdue-clients",
            _("Open overdue items by client"),
            overdue_by_client_figure(by_client, lang, theme, **names),
            note=_("Click a client to filter the page to it."),
            download=download,
        ),
        chart_card(
            "action-items-overdue-owners",
            _("Open overdue items by owner"),
            overdue_by_owner_figure(by_owner, lang, theme, **names),
            download=download,
        ),
    ]
    return [
        chart_grid([due], columns=1),
        chart_grid(overdue),
        overdue_table(
            items, total, view, shared_only=not services.current_scope().internal
        ),
    ]
