"""Sortable tables: order, pages, numbers and the parts' ids."""

from __future__ import annotations

import math

import dash_bootstrap_components as dbc
from dash import html
from plotly.io.json import to_json_plotly

from layouts import ids
from layouts.tables import (
    Column,
    build_sortable_table,
    column_titles,
    page_count,
    page_of,
    sorted_rows,
)
from tests.components import find, table_cells

ROWS = [
    {"name": "beta", "score": 20.0},
    {"name": "Alpha", "score": None},
    {"name": "gamma", "score": 5.0},
    {"name": "Delta", "score": math.nan},
]


def names(rows: list[dict]) -> list[str]:
    return [row["name"] for row in rows]


def test_text_sorts_without_regard_to_case():
    assert names(sorted_rows(ROWS, "name", False)) == [
        "Alpha",
        "beta",
        "Delta",
        "gamma",
    ]
    assert names(sorted_rows(ROWS, "name", True)) == ["gamma", "Delta", "beta", "Alpha"]


def test_rows_without_a_value_come_last_either_way_in_their_order():
    assert names(sorted_rows(ROWS, "score", False)) == [
        "gamma",
        "beta",
        "Alpha",
        "Delta",
    ]
    assert names(sorted_rows(ROWS, "score", True)) == [
        "beta",
        "gamma",
        "Alpha",
        "Delta",
    ]


def test_numbers_and_texts_mixed_in_a_column_do_not_break_the_sort():
    rows = [{"v": "x"}, {"v": 3}, {"v": True}, {"v": 1}]
    assert [r["v"] for r in sorted_rows(rows, "v", False)] == [1, 3, True, "x"]


def test_pages_of_fifteen_rows():
    rows = [{"n": n} for n in range(31)]
    assert page_count(31) == 3 and page_count(30) == 2 and page_count(0) == 1
    assert [r["n"] for r in page_of(rows, 2)] == list(range(15, 30))
    assert [r["n"] for r in page_of(rows, 3)] == [30]
    # A page past the end shows the last one; below 1, the first.
    assert page_of(rows, 9) == page_of(rows, 3)
    assert page_of(rows, 0) == page_of(rows, 1)


def test_the_sorted_column_title_has_an_arrow():
    columns = [Column("name", "Client"), Column("score", "Score", numeric=True)]
    assert column_titles(columns, None) == ["Client", "Score"]
    assert column_titles(columns, {"key": "score", "descending": False}) == [
        "Client", "Score ▲"
    ]  # fmt: skip
    assert column_titles(columns, {"key": "name", "descending": True}) == [
        "Client ▼", "Score"
    ]  # fmt: skip


def test_the_table_shows_the_first_page_and_keeps_every_row():
    rows = [{"name": f"c{n}"} for n in range(20)]

    def row(r: dict, lang: str, theme: str) -> html.Tr:
        return html.Tr(html.Td(f"{r['name']} {lang} {theme}"))

    table = build_sortable_table(
        "t", [Column("name", "Client")], rows, row, "zh", "dark"
    )
    assert table.id == "t"
    assert table_cells(table)[:2] == [["c0 zh dark"], ["c1 zh dark"]]
    assert len(table_cells(table)) == 15
    store = find(table, ids.table_part(ids.TABLE_ROWS, "t"))
    assert store.data == {"rows": rows, "lang": "zh", "theme": "dark"}
    pages = find(table, ids.table_part(ids.TABLE_PAGES, "t"))
    assert (pages.max_value, pages.active_page, pages.className) == (2, 1, "mb-0")
    button = find(table, ids.table_part(ids.TABLE_SORT, "t", column="name"))
    assert button.children == "Client"


def test_a_long_list_keeps_its_first_rows_and_says_so():
    rows = [{"name": f"c{n}"} for n in range(1205)]
    table = build_sortable_table(
        "t", [Column("name", "Client")], rows, lambda *_: html.Tr(), "en", "light"
    )
    store = find(table, ids.table_part(ids.TABLE_ROWS, "t"))
    # KEPT_ROWS = 500: c0 … c499, 34 pages of 15.
    assert [r["name"] for r in store.data["rows"]] == [f"c{n}" for n in range(500)]
    assert find(table, ids.table_part(ids.TABLE_PAGES, "t")).max_value == 34
    assert table.children[-1].children == (
        "The first 500 of 1,205 rows, in this order; the download has them all."
    )
    short = build_sortable_table(
        "t", [Column("name", "Client")], rows[:500], lambda *_: html.Tr(), "zh", "dark"
    )
    assert isinstance(short.children[-1], dbc.Pagination)
    # Given only the first rows, and how many there are: the same table.
    first = build_sortable_table(
        "t", [Column("name", "Client")], rows[:500], lambda *_: html.Tr(), "en",
        "light", total=1205,
    )  # fmt: skip
    assert to_json_plotly(first) == to_json_plotly(table)


def test_one_page_hides_the_page_picker():
    columns, rows = [Column("name", "Client")], [{"name": "a"}]
    table = build_sortable_table(
        "t", columns, rows, lambda *_: html.Tr(), "en", "light"
    )
    assert find(table, ids.table_part(ids.TABLE_PAGES, "t")).className == "d-none"
