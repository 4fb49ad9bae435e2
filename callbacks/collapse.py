"""A one-client tab with nothing to draw says so in one line: the first of its
charts' messages ("No projects for Acme in 2026-Q3"), not a grid of cards each
repeating that there is nothing."""

from __future__ import annotations

from collections.abc import Iterator

from dash import dcc, html

DRAWN = (dcc.Graph, html.Table)
# The class of content that is neither a chart nor a table but says something
# (a health score and its components): its tab is not collapsed.
DRAWN_CLASS = "drawn"


def components(node) -> Iterator:
    """Every component of a tree (lists and children)."""
    if isinstance(node, list | tuple):
        for child in node:
            yield from components(child)
        return
    if not hasattr(node, "to_plotly_json"):
        return
    yield node
    children = getattr(node, "children", None)
    if children is not None and not isinstance(children, str | int | float):
        yield from components(children)


def empty_line(content) -> html.P | None:
    """The one line a tab shows when none of its charts or tables is drawn (each
    said it has nothing), or None when something is drawn."""
    messages = []
    for component in components(content):
        classes = (getattr(component, "className", None) or "").split()
        if isinstance(component, DRAWN) or DRAWN_CLASS in classes:
            return None
        if "chart-message" in classes:
            messages.append(component.children)
    if not messages:
        return None
    return html.P(messages[0], className="section-empty")
