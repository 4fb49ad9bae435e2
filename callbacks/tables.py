"""Sorting and paging of the sortable tables (layouts/tables.py) in the browser
session: a click on a column title sorts by it (again: the other way), the page
picker turns the page. Only the rows the page was given are shown again; nothing
is read from the database."""

from __future__ import annotations

from collections.abc import Callable

from dash import ALL, MATCH, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from callbacks.tab_action_items import OVERDUE_TABLE_ID, overdue_columns, overdue_row
from callbacks.tab_churn import AT_RISK_TABLE, at_risk_columns, at_risk_row
from dashboard.kernel.i18n import LANGUAGES
from dashboard.kernel.urlstate import THEMES
from dashboard.services import Services
from layouts import ids
from layouts.tables import (
    Column,
    RowRenderer,
    body_rows,
    column_titles,
    page_of,
    sorted_rows,
)

# The table name -> its columns (for a language) and how it draws one row.
TABLES: dict[str, tuple[Callable[[str], list[Column]], RowRenderer]] = {
    AT_RISK_TABLE: (at_risk_columns, at_risk_row),
    OVERDUE_TABLE_ID: (overdue_columns, overdue_row),
}


def next_order(order: dict | None, key: str) -> dict:
    """A click on column `key`: ascending, or descending if it was ascending."""
    if order and order.get("key") == key and not order.get("descending"):
        return {"key": key, "descending": True}
    return {"key": key, "descending": False}


def table_view(
    table: str, clicked: str | None, page, stored, order
) -> tuple[list, dict | None, list[str]]:
    """The rows of the page on screen, the order, and the column titles after a
    click on column `clicked` (None: the page picker changed). Anything malformed
    changes nothing (PreventUpdate)."""
    if table not in TABLES or not isinstance(stored, dict):
        raise PreventUpdate
    rows, lang, theme = stored.get("rows"), stored.get("lang"), stored.get("theme")
    if lang not in LANGUAGES or theme not in THEMES or not isinstance(rows, list):
        raise PreventUpdate
    if not all(isinstance(row, dict) for row in rows):
        raise PreventUpdate
    columns_of, render_row = TABLES[table]
    columns = columns_of(lang)
    keys = {column.key for column in columns}
    if not isinstance(order, dict) or order.get("key") not in keys:
        order = None
    if clicked is not None:
        if clicked not in keys:
            raise PreventUpdate
        order = next_order(order, clicked)
    if order is not None:
        rows = sorted_rows(rows, order["key"], bool(order.get("descending")))
    page = page if isinstance(page, int) and not isinstance(page, bool) else 1
    shown = body_rows(page_of(rows, page), render_row, lang, theme)
    return shown, order, column_titles(columns, order)


def update_table(_clicks, page, stored, order):
    """The sort and page callback of every table (the table from the trigger)."""
    trigger = ctx.triggered_id
    if not isinstance(trigger, dict):
        raise PreventUpdate
    clicked = trigger.get("column") if trigger.get("type") == ids.TABLE_SORT else None
    return table_view(str(trigger.get("table")), clicked, page, stored, order)


def register(app, services: Services) -> None:
    """Attach the one callback that sorts and pages every sortable table."""
    app.callback(
        Output(ids.table_part(ids.TABLE_BODY, MATCH), "children"),
        Output(ids.table_part(ids.TABLE_ORDER, MATCH), "data"),
        Output(ids.table_part(ids.TABLE_SORT, MATCH, column=ALL), "children"),
        Input(ids.table_part(ids.TABLE_SORT, MATCH, column=ALL), "n_clicks"),
        Input(ids.table_part(ids.TABLE_PAGES, MATCH), "active_page"),
        State(ids.table_part(ids.TABLE_ROWS, MATCH), "data"),
        State(ids.table_part(ids.TABLE_ORDER, MATCH), "data"),
        prevent_initial_call=True,
    )(update_table)
