"""Links to a client's page for tables: the name is the link's text, never markup;
the address keeps the page's period (a row's `period`), language and theme
(`client_href`)."""

from __future__ import annotations

from dash import html

from dashboard.kernel.urlstate import client_href


def client_anchor(row: dict, lang: str, theme: str) -> html.A:
    """A link to the client's page (`external_id`) whose text is its `name`, in
    the row's `period` when it has one."""
    external_id = str(row.get("external_id", ""))
    period = row.get("period")
    href = client_href(external_id, lang, theme, period if period else None)
    return html.A(str(row.get("name", "")), href=href)
