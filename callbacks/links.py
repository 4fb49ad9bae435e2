"""Links to a client's page that keep the page's language and theme, as an address
or as a link for tables (the name is its text, never markup)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from dash import html

from dashboard.kernel.i18n import DEFAULT_LANGUAGE
from dashboard.kernel.urlstate import CLIENT_PAGE_PREFIX, DEFAULT_THEME


def client_href(external_id: str, lang: str, theme: str) -> str:
    """`/clients/<id>` (the id percent-encoded) with lang and theme when not default."""
    params = {}
    if lang != DEFAULT_LANGUAGE:
        params["lang"] = lang
    if theme != DEFAULT_THEME:
        params["theme"] = theme
    query = "?" + urlencode(params) if params else ""
    return f"{CLIENT_PAGE_PREFIX}{quote(external_id, safe='')}{query}"


def client_anchor(row: dict, lang: str, theme: str) -> html.A:
    """A link to the client's page (`external_id`) whose text is its `name`."""
    external_id = str(row.get("external_id", ""))
    return html.A(str(row.get("name", "")), href=client_href(external_id, lang, theme))
