"""The client page's sections: headline cards, open action items, projects."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.figures.card_values import CardModel
from dashboard.kernel.formatting import (
    UNDEFINED,
    format_count,
    format_day,
    format_money,
    format_ratio,
)
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import SHARED_ITEMS_NOTE
from dashboard.kernel.review_groups import GROUP_TITLES, grouped_items
from layouts import ids
from layouts.cards import build_kpi_grid
from layouts.client_page import graph, message_section, section

MAX_ITEMS = 50
BURN_UP_HEIGHT = 220


def days_overdue(due_on: dt.date, as_of: dt.date) -> int:
    """Whole days past the due date on as_of (0 when not yet due)."""
    return max((as_of - due_on).days, 0)


def item_row(item: dict, as_of: dt.date, lang: str) -> html.Tr:
    """One open item: title, owner, due date, days overdue, its meeting."""
    _ = translator(lang)
    late = days_overdue(item["due_on"], as_of)
    return html.Tr(
        [
            html.Td(item["title"], className="text-break"),
            html.Td(item["owner"]),
            html.Td(format_day(item["due_on"], lang), className="text-nowrap"),
            html.Td(
                format_count(late, lang) if late else _("not yet due"),
                className="text-end "
                + ("text-danger fw-semibold" if late else "text-body-secondary"),
            ),
            html.Td(item["meeting"] or UNDEFINED),
        ]
    )


def group_row(
    group: str, review: tuple[dt.datetime, dt.date] | None, lang: str
) -> html.Tr:
    """The heading row of a group of items ("Agreed at the last review (date)",
    "Since the last review", "Older")."""
    _ = translator(lang)
    day = format_day(review[1], lang) if review else ""
    return html.Tr(
        html.Th(_(GROUP_TITLES[group], day=day), colSpan=5, scope="rowgroup"),
        className=f"client-item-group client-item-group-{group}",
    )


def build_action_items(
    items: list[dict],
    *,
    client: str,
    as_of: dt.date,
    lang: str,
    shared_only: bool = False,
    review: tuple[dt.datetime, dt.date] | None = None,
) -> dbc.Card:
    """Open items in the order given (recent commitments first): title, owner,
    due, days overdue, meeting; `shared_only` says only shared items are listed.
    With the client's last `review` (start as stored, local day) they are
    grouped: agreed at it, since, older (dashboard/kernel/review_groups.py).

    Each item has title, owner, due_on, meeting (a label or None), created_on
    and meeting_start."""
    _ = translator(lang)
    title = _("Open action items ({n})", n=format_count(len(items), lang))
    note = []
    if shared_only:
        note = [html.P(_(SHARED_ITEMS_NOTE), className="small text-body-secondary")]
    if not items:
        message = _("No open action items for {client}.", client=client)
        return message_section(title, message, tuple(note))
    head = html.Thead(
        html.Tr(
            [
                html.Th(_("Action item")),
                html.Th(_("Owner")),
                html.Th(_("Due")),
                html.Th(_("Days overdue"), className="text-end"),
                html.Th(_("Meeting")),
            ]
        )
    )
    rows = []
    for group, shown in grouped_items(items[:MAX_ITEMS], review):
        if group is not None:
            rows.append(group_row(group, review, lang))
        rows += [item_row(item, as_of, lang) for item in shown]
    body = [
        *note,
        dbc.Table(
            [head, html.Tbody(rows)],
            size="sm",
            hover=True,
            className="mb-0 small client-table",
            responsive=True,
        ),
    ]
    if len(items) > MAX_ITEMS:
        more = _("and {n} more", n=format_count(len(items) - MAX_ITEMS, lang))
        body.append(html.P(more, className="small text-body-secondary mb-0"))
    return section(title, html.Div(body, id=ids.CLIENT_ACTION_ITEMS))


def build_projects(
    projects: list[dict],
    burn_ups: list[tuple[dict, go.Figure]],
    *,
    client: str,
    currency: str,
    lang: str,
    presenting: bool = False,
) -> dbc.Card:
    """Projects started by as_of, newest first (name, dates, budget, spent, EAC,
    burn ratio), and the burn-up charts given as (project, figure) pairs;
    `presenting`: larger chart text for a client's eyes."""
    _ = translator(lang)
    title = _("Projects ({n})", n=format_count(len(projects), lang))
    if not projects:
        message = _("No projects for {client}.", client=client)
        return message_section(title, message)

    def money(value: float | None) -> str:
        return format_money(value, lang, currency)

    head = html.Thead(
        html.Tr(
            [
                html.Th(_("Project")),
                html.Th(_("Dates")),
                html.Th(_("Budget"), className="text-end"),
                html.Th(_("Spent to date"), className="text-end"),
                html.Th(_("Forecast at completion"), className="text-end"),
                html.Th(_("Burn ratio"), className="text-end"),
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Td(project["name"], className="text-break"),
                html.Td(
                    f"{format_day(project['start_on'], lang)} – "
                    f"{format_day(project['end_on'], lang)}",
                    className="text-nowrap",
                ),
                html.Td(money(project["bac"]), className="text-end"),
                html.Td(money(project["ac"]), className="text-end"),
                html.Td(money(project["eac"]), className="text-end"),
                html.Td(
                    format_ratio(project["burn_ratio"], lang), className="text-end"
                ),
            ]
        )
        for project in projects
    ]
    charts = [
        dbc.Col(
            html.Div(
                [
                    # The whole name, wrapped: never cut off.
                    html.H3(project["name"], className="h6 small mb-0 text-break"),
                    graph(
                        f"{ids.CLIENT_BURN_UP}-{n}", figure, BURN_UP_HEIGHT, presenting
                    ),
                ],
                className="client-burn-up",
            ),
            lg=4,
            md=6,
            className="mb-2",
        )
        for n, (project, figure) in enumerate(burn_ups)
    ]
    note = _(
        "Burn-up: spend to date against the plan (budget × time elapsed) for the"
        " projects of the last 12 months; the dotted line is the budget."
    )
    return section(
        title,
        html.Div(
            [
                dbc.Row(charts, className="g-2") if charts else None,
                html.P(note, className="client-hint mb-1") if charts else None,
                dbc.Table(
                    [head, html.Tbody(rows)],
                    size="sm",
                    className="mb-0 small client-table",
                    responsive=True,
                ),
            ],
            id=ids.CLIENT_PROJECTS,
        ),
    )


def build_headline(
    cards: list[CardModel],
    *,
    caption: str,
    notices: list[str],
    current_href: str | None,
    lang: str,
    theme: str,
) -> html.Div:
    """The client's headline cards for the chosen period, with a caption and,
    when another period is chosen, a link back to the current quarter."""
    _ = translator(lang)
    alerts = (
        [dbc.Alert([html.Div(n) for n in notices], color="warning", className="py-2")]
        if notices
        else []
    )
    return html.Div(
        [
            *alerts,
            html.P(
                [
                    caption,
                    *(
                        [
                            " · ",
                            dcc.Link(_("Show the current quarter"), href=current_href),
                        ]
                        if current_href
                        else []
                    ),
                ],
                className="small text-body-secondary mb-1",
            ),
            html.Div(
                build_kpi_grid(cards, lang, theme),
                id=ids.CLIENT_KPI_GRID,
                className="kpi-grid",
            ),
        ],
        className="mb-3",
    )
