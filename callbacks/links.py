"""Links to a client's page that keep the page's language and theme, as an address
or as a Markdown link for tables (names escaped, so a name is always just text)."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from dashboard.kernel.i18n import DEFAULT_LANGUAGE
from dashboard.kernel.urlstate import CLIENT_PAGE_PREFIX, DEFAULT_THEME

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def client_href(external_id: str, lang: str, theme: str) -> str:
    """`/clients/<id>` (the id percent-encoded) with lang and theme when not default."""
    params = {}
    if lang != DEFAULT_LANGUAGE:
        params["lang"] = lang
    if theme != DEFAULT_THEME:
        params["theme"] = theme
    query = "?" + urlencode(params) if params else ""
    return f"{CLIENT_PAGE_PREFIX}{quote(external_id, safe='')}{query}"


def escape_markdown(text: str) -> str:
    """Text that Markdown shows exactly as written (no links, emphasis or HTML)."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def client_link(external_id: str, name: str, lang: str, theme: str) -> str:
    """A Markdown link to the client's page whose text is the client's name."""
    return f"[{escape_markdown(name)}]({client_href(external_id, lang, theme)})"
