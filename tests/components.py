"""Helpers to look inside Dash component trees in tests."""

from __future__ import annotations

from collections.abc import Iterator


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
