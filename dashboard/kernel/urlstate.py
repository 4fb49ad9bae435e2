"""The page's whole state as a URL query, and back: links reproduce the view.

`/?period=2026-Q3&client=C0042&client=C0107&segment=smb&tab=meetings&lang=zh`
Parsing never fails: what cannot be read is dropped with a notice, so the page
falls back to safe defaults and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, quote, urlencode

from dashboard.kernel.i18n import DEFAULT_LANGUAGE, LANGUAGES

TABS = ("retention", "churn", "meetings", "action_items", "budget", "satisfaction")
THEMES = ("light", "dark")
DEFAULT_TAB = TABS[0]
DEFAULT_THEME = "light"
# A client's page is at CLIENT_PAGE_PREFIX + its external id (percent-encoded).
CLIENT_PAGE_PREFIX = "/clients/"
KNOWN_KEYS = ("period", "client", "segment", "region", "owner", "tab", "lang", "theme")
MAX_CLIENTS = 200
MAX_VALUE_LENGTH = 200


@dataclass(frozen=True)
class ViewState:
    """What the URL says: filters (still unvalidated strings), tab, language, theme."""

    period: str | None = None
    clients: tuple[str, ...] = ()
    segment: str | None = None
    region: str | None = None
    owner: str | None = None
    tab: str = DEFAULT_TAB
    lang: str = DEFAULT_LANGUAGE
    theme: str = DEFAULT_THEME
    # (English message with {placeholders}, values): translated where shown.
    notices: tuple[tuple[str, dict], ...] = field(default=(), compare=False)

    def with_(self, **changes: object) -> ViewState:
        """A copy with some values changed and no notices."""
        return replace(self, notices=(), **changes)


def parse_query(search: object) -> ViewState:
    """Read a query string (with or without the leading `?`) into a ViewState;
    anything but a string or None is a link that cannot be read."""
    notices: list[tuple[str, dict]] = []
    values: dict[str, list[str]] = {}

    def note(message: str, **placeholders: object) -> None:
        notices.append((message, placeholders))

    try:
        if search is not None and not isinstance(search, str):
            raise ValueError("not a query string")
        text = (search or "").lstrip("?")
        pairs = parse_qsl(text, keep_blank_values=False, max_num_fields=1000)
    except ValueError:
        pairs = []
        note("The link could not be read; showing the default view.")
    for key, value in pairs:
        value = value.strip()
        if not key:
            continue
        if key not in KNOWN_KEYS:
            note("Ignored the unknown link parameter “{key}”.", key=key[:40])
            continue
        if len(value) > MAX_VALUE_LENGTH:
            note("Ignored an over-long value for “{key}”.", key=key)
            continue
        values.setdefault(key, []).append(value)

    def single(key: str) -> str | None:
        found = values.get(key, [])
        if len(found) > 1:
            note("The link gives “{key}” more than once; using the first.", key=key)
        return found[0] if found else None

    tab = single("tab") or DEFAULT_TAB
    if tab not in TABS:
        note("Unknown tab “{tab}”; showing the first tab.", tab=tab[:40])
        tab = DEFAULT_TAB
    lang = single("lang") or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        note("Unknown language “{lang}”; showing English.", lang=lang[:40])
        lang = DEFAULT_LANGUAGE
    theme = single("theme") or DEFAULT_THEME
    if theme not in THEMES:
        note("Unknown theme “{theme}”; using the light theme.", theme=theme[:40])
        theme = DEFAULT_THEME
    clients = tuple(dict.fromkeys(values.get("client", [])))
    if len(clients) > MAX_CLIENTS:
        note("The link names more than {count} clients.", count=MAX_CLIENTS)
        clients = clients[:MAX_CLIENTS]
    return ViewState(
        period=single("period"),
        clients=clients,
        segment=single("segment"),
        region=single("region"),
        owner=single("owner"),
        tab=tab,
        lang=lang,
        theme=theme,
        notices=tuple(notices),
    )


def to_query(state: ViewState) -> str:
    """The query string (with `?`) for a state; defaults are left out."""
    pairs: list[tuple[str, str]] = []
    if state.period:
        pairs.append(("period", state.period))
    pairs.extend(("client", client) for client in state.clients)
    for key in ("segment", "region", "owner"):
        if value := getattr(state, key):
            pairs.append((key, value))
    if state.tab != DEFAULT_TAB:
        pairs.append(("tab", state.tab))
    if state.lang != DEFAULT_LANGUAGE:
        pairs.append(("lang", state.lang))
    if state.theme != DEFAULT_THEME:
        pairs.append(("theme", state.theme))
    return "?" + urlencode(pairs) if pairs else ""


def client_href(
    external_id: str, lang: str, theme: str, period: str | None = None
) -> str:
    """`/clients/<id>` (the id percent-encoded) with the period, lang and theme
    when not default."""
    query = to_query(ViewState(period=period or None, lang=lang, theme=theme))
    return f"{CLIENT_PAGE_PREFIX}{quote(external_id, safe='')}{query}"


REPORT_PATH = "/report"


def report_href(
    clients: tuple[str, ...],
    period: str | None,
    lang: str,
    audience: str | None,
    theme: str = DEFAULT_THEME,
) -> str:
    """`/report?client=...&period=...&lang=...&audience=...&theme=dark` (empty
    values and the default theme left out)."""
    query = [("client", c) for c in clients]
    query += [("period", period), ("lang", lang), ("audience", audience)]
    query += [("theme", theme if theme != DEFAULT_THEME else None)]
    return REPORT_PATH + "?" + urlencode([(k, v) for k, v in query if v])
