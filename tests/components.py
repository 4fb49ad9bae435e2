"""Helpers to look inside Dash component trees in tests."""

from __future__ import annotations

from collections.abc import Iterator

import plotly.graph_objects as go

from layouts import ids


def walk(node) -> Iterator:
    """Every component in a tree (lists, children, nested components)."""
    if isinstance(node, list | tuple):
        for child in node:
            yield from walk(child)
        return
    if not hasattr(node, "to_plotly_json"):
        return
    yield node
    for name in ("children", "label", "figure"):
        value = getattr(node, name, None)
        if value is not None and not isinstance(value, str | int | float | dict):
            yield from walk(value)


def find(node, component_id):
    """The component with this id, or AssertionError."""
    for component in walk(node):
        if getattr(component, "id", None) == component_id:
            return component
    raise AssertionError(f"no component with id {component_id!r}")


def figure_of(tree, name: str) -> go.Figure:
    """The figure of chart `name` (`ids.chart(name)`), as a Figure whether the
    page holds it as one or as its plain dict (a kept view does)."""
    return go.Figure(find(tree, ids.chart(name)).figure)


def text_of(node) -> str:
    """All the text a person would read in a tree, joined by spaces."""
    parts: list[str] = []

    def collect(value) -> None:
        if isinstance(value, str | int | float):
            parts.append(str(value))
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)
        elif hasattr(value, "to_plotly_json"):
            collect(getattr(value, "children", None))

    collect(node)
    return " ".join(parts)


def table_cells(node) -> list[list[str]]:
    """The text of each cell of each body row of the tables in a tree."""
    return [
        [
            text_of(cell)
            for cell in walk(row.children)
            if cell.__class__.__name__ == "Td"
        ]
        for row in walk(node)
        if _kind(row) == "Tr" and not _is_header(row)
    ]


def links_of(node) -> list[tuple[str, str]]:
    """(text, href) of every link in a tree."""
    return [
        (text_of(link), link.href)
        for link in walk(node)
        if getattr(link, "href", None) is not None
    ]


def _kind(component) -> str:
    return component.__class__.__name__


def _is_header(row) -> bool:
    return any(_kind(cell) == "Th" for cell in walk(row.children))


def chart_message_of(tree, name: str) -> str:
    """The line of text a chart card shows instead of chart `name` (nothing to
    draw), or AssertionError."""
    return find(tree, ids.chart_message(ids.chart(name))).children
