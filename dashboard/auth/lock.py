"""While presenting, the whole app is locked to the presented client: every route
but an allow-list is refused (403) with a page saying how to stop presenting, so
a page added later is refused by default."""

from __future__ import annotations

from flask import Response, g, request

from dashboard.auth.csrf import csrf_token
from dashboard.auth.pages import html_lang, page_response, query_view, render
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import ViewState, client_href, to_query

CLIENT_PAGE_PREFIX = "/clients/"
# What a client-facing page needs besides its client's own pages. The report page
# forces the presented client's client-safe report (dashboard.reports.page).
ALLOWED_PATHS = frozenset(
    {
        "/",
        "/report",
        "/report.pdf",
        "/presenting/stop",
        "/logout",
        "/healthz",
        "/login",
        "/_favicon.ico",
    }
)
# Finalised reports check the scope themselves (presenting opens only the
# presented client's client-audience ones); downloads are scoped like the
# dashboard: the presented client's data only. A review (/review/...) is reachable
# only when its client is the presented one (dashboard.reviews.routes).
ALLOWED_PREFIXES = (
    "/_dash-",
    "/assets/",
    "/_reload-hash",
    "/report/snapshots/",
    "/download/",
    "/review/",
)


def allowed_while_presenting(path: str, client: str) -> bool:
    """True for the dashboard, `client`'s own page and what those pages load."""
    if path in ALLOWED_PATHS or path.startswith(ALLOWED_PREFIXES):
        return True
    if path.startswith(CLIENT_PAGE_PREFIX):
        return path[len(CLIENT_PAGE_PREFIX) :].rstrip("/") == client
    return False


def refused_page(client: str, name: str) -> Response:
    """403: only `name` can be shown while presenting, and how to stop."""
    lang, theme = query_view(request.args)
    _ = translator(lang)
    state = ViewState(lang=lang, theme=theme)
    html = render(
        "presenting_locked.html",
        title=f"{name} · " + _("Client Review Dashboard"),
        html_lang=html_lang(lang),
        theme=theme,
        lang=lang,
        csrf_token=csrf_token() or "",
        dashboard_href="/" + to_query(state.with_(clients=(client,))),
        page_href=client_href(client, lang, theme),
        text={
            "heading": _("This page is not shown while presenting"),
            "why": _("While presenting to {client}, only {client} can be shown.",
                     client=name),
            "how": _("To see other pages, stop presenting first (the button below,"
                     " or Stop presenting in the banner of the dashboard)."),
            "stop": _("Stop presenting"),
            "dashboard": _("Go to the dashboard"),
            "page": _("Open the page of {client}", client=name),
        },
    )  # fmt: skip
    return page_response(html, 403)


def keep_to_presented_client() -> Response | None:
    """before_request, after the session guard: refuse what presenting does not
    allow."""
    user = g.get("crd_user")
    if user is None or user.presenting_client_external_id is None:
        return None
    client = user.presenting_client_external_id
    if allowed_while_presenting(request.path, client):
        return None
    return refused_page(client, user.presenting_client_name or client)
