"""Sortable tables: a Bootstrap table whose column titles sort it, 15 rows a page.

Pure: plain rows (dicts) in, components out. Each table has a name; its parts get
pattern-matching ids (layouts.ids.table_part), so one callback
(callbacks/tables.py) sorts and pages every table. Texts are children, never
markup: a client's name is always shown as the text it is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.formatting import (
    UNDEFINED,
    format_count,
    format_day,
    format_number,
)
from dashboard.kernel.i18n import translator
from layouts import ids

PAGE_SIZE = 15
ARROWS = {False: " ▲", True: " ▼"}  # ascending, descending
RowRenderer = Callable[[dict, str, str], html.Tr]


@dataclass(frozen=True)
class Column:
    """A column: the row key it shows and sorts by, its title, number or text."""

    key: str
    title: str
    numeric: bool = False


def sorted_rows(rows: Sequence[dict], key: str, descending: bool) -> list[dict]:
    """The rows ordered by one key (text without regard to case); rows without a
    value come last either way, ties keep their order."""
    present = [r for r in rows if _has_value(r.get(key))]
    missing = [r for r in rows if not _has_value(r.get(key))]

    def value(row: dict) -> tuple:
        item = row[key]
        if isinstance(item, int | float) and not isinstance(item, bool):
            return (0, item, "")
        return (1, 0, str(item).casefold())

    return sorted(present, key=value, reverse=descending) + missing


def _has_value(value: object) -> bool:
    return value is not None and value == value  # NaN is not equal to itself


def page_of(rows: Sequence[dict], page: int, size: int = PAGE_SIZE) -> list[dict]:
    """The rows on page `page` (1-based); the last page for a page past the end."""
    pages = page_count(len(rows), size)
    page = min(max(page, 1), pages)
    return list(rows[(page - 1) * size : page * size])


def page_count(rows: int, size: int = PAGE_SIZE) -> int:
    """How many pages `rows` rows fill (at least one)."""
    return max(1, math.ceil(rows / size))


def column_titles(columns: Sequence[Column], order: dict | None) -> list[str]:
    """Each column's title, the sorted one with an arrow saying which way."""
    order = order or {}
    return [
        c.title + (ARROWS[bool(order.get("descending"))] if c.key == order.get("key")
                   else "")
        for c in columns
    ]  # fmt: skip


def body_rows(
    rows: Sequence[dict], render_row: RowRenderer, lang: str, theme: str
) -> list[html.Tr]:
    """The table rows of one page."""
    return [render_row(row, lang, theme) for row in rows]


# The rows a table keeps for sorting and paging in the browser: all of them travel
# with the page, and back with every click on a title or a page (10,000 clients'
# health made 1.8 MB). A longer list keeps its first rows in the order given (the
# most urgent first) and says so; the table's download has every row.
KEPT_ROWS = 500


def kept_note(kept: int, total: int, lang: str) -> list[html.P]:
    """A line saying a table holds only its first rows, or nothing."""
    if kept >= total:
        return []
    _ = translator(lang)
    text = _(
        "The first {kept} of {total} rows, in this order; the download has them all.",
        kept=format_count(kept, lang),
        total=format_count(total, lang),
    )
    return [html.P(text, className="small text-body-secondary mb-0")]


def build_sortable_table(
    name: str,
    columns: Sequence[Column],
    rows: Sequence[dict],
    render_row: RowRenderer,
    lang: str,
    theme: str,
    *,
    element_id: str | None = None,
    total: int | None = None,
) -> html.Div:
    """The table in the given row order, first page shown, its first KEPT_ROWS
    rows kept in a store for sorting and paging in the browser session.
    `total`: how many rows there are, when `rows` holds only the first ones."""
    total = len(rows) if total is None else total
    rows = list(rows[:KEPT_ROWS])
    head = html.Thead(
        html.Tr(
            [
                html.Th(
                    html.Button(
                        title,
                        id=ids.table_part(ids.TABLE_SORT, name, column=column.key),
                        type="button",
                        className="btn btn-link p-0 fw-semibold text-reset"
                        " text-decoration-none",
                    ),
                    scope="col",
                    className="text-end" if column.numeric else None,
                )
                for column, title in zip(
                    columns, column_titles(columns, None), strict=True
                )
            ]
        )
    )
    body = html.Tbody(
        body_rows(page_of(rows, 1), render_row, lang, theme),
        id=ids.table_part(ids.TABLE_BODY, name),
    )
    pages = page_count(len(rows))
    return html.Div(
        [
            dcc.Store(
                id=ids.table_part(ids.TABLE_ROWS, name),
                data={"rows": list(rows), "lang": lang, "theme": theme},
            ),
            dcc.Store(id=ids.table_part(ids.TABLE_ORDER, name), data=None),
            dbc.Table(
                [head, body],
                size="sm",
                hover=True,
                responsive=True,
                className="mb-1 sortable-table",
            ),
            dbc.Pagination(
                id=ids.table_part(ids.TABLE_PAGES, name),
                max_value=pages,
                active_page=1,
                fully_expanded=False,
                size="sm",
                className="mb-0" if pages > 1 else "d-none",
            ),
            *kept_note(len(rows), total, lang),
        ],
        id=element_id or name,
    )


def number_cell(value: object, lang: str, digits: int = 0) -> str:
    """A stored cell's number as the formatter writes it; "—" for anything that
    is not a finite number (rows come back from the browser)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return UNDEFINED
    if not math.isfinite(value):
        return UNDEFINED
    return format_number(value, lang, digits)


def day_cell(value: object, lang: str) -> str:
    """A stored cell's ISO date as the formatter writes it; "—" for anything else."""
    if not isinstance(value, str):
        return UNDEFINED
    try:
        return format_day(dt.date.fromisoformat(value), lang)
    except ValueError:
        return UNDEFINED
