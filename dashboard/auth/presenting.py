"""Presenting: a session shows one client's external view during a review meeting."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

from flask import Flask, Response, abort, g, redirect, request
from sqlalchemy import Connection, select, update

from dashboard.auth import audit, csrf
from dashboard.auth.context import auth_context
from dashboard.auth.pages import html_lang, page_response, query_view, render
from dashboard.auth.roles import ROLES_WHO_PRESENT, own_scope
from dashboard.auth.sessions import ActiveSession
from dashboard.kernel.i18n import DEFAULT_LANGUAGE, LANGUAGES, translator
from dashboard.kernel.periods import PeriodError, parse_period
from dashboard.kernel.urlstate import (
    CLIENT_PAGE_PREFIX,
    DEFAULT_THEME,
    THEMES,
    ViewState,
    parse_query,
    to_query,
)
from data.models import Client
from data.models.auth import UserSession
from data.queries.selection import scope_condition


class PresentingError(PermissionError):
    """This session may not present that client; the message is one line."""


def start_presenting(
    conn: Connection,
    session: ActiveSession,
    client_external_id: str,
    *,
    now: dt.datetime,
    address: str | None = None,
) -> None:
    """Show only this client (external view) in the session; audited.

    Only admins, managers and account managers may present, and only a client
    within their own scope.
    """
    user = session.user
    if user.role not in ROLES_WHO_PRESENT:
        raise PresentingError(f"role {user.role} cannot present")
    client_id = conn.execute(
        select(Client.id).where(
            Client.external_id == client_external_id,
            scope_condition(own_scope(user)),
        )
    ).scalar_one_or_none()
    if client_id is None:
        raise PresentingError(f"client {client_external_id} is not in your scope")
    conn.execute(
        update(UserSession)
        .where(UserSession.id == session.session_id)
        .values(presenting_client_id=client_id)
    )
    audit.record(
        conn, "presenting_started", at=now, username=user.username,
        address=address, detail=f"client={client_external_id}",
    )  # fmt: skip


def stop_presenting(
    conn: Connection,
    session: ActiveSession,
    *,
    now: dt.datetime,
    address: str | None = None,
) -> None:
    """Back to the user's own scope; audited."""
    conn.execute(
        update(UserSession)
        .where(UserSession.id == session.session_id)
        .values(presenting_client_id=None)
    )
    shown = session.user.presenting_client_external_id
    audit.record(
        conn, "presenting_stopped", at=now, username=session.user.username,
        address=address, detail=f"client={shown}" if shown else None,
    )  # fmt: skip


def _view_query(extra: dict[str, str]) -> str:
    """?client=...&lang=...&theme=... keeping only known languages and themes."""
    values = dict(extra)
    if (lang := request.form.get("lang")) in LANGUAGES and lang != "en":
        values["lang"] = lang
    if (theme := request.form.get("theme")) in THEMES and theme != "light":
        values["theme"] = theme
    return "?" + urlencode(values) if values else ""


def _checked_session() -> ActiveSession:
    active = g.get("crd_session")
    if active is None:
        abort(401)
    if not csrf.session_post_is_valid():
        abort(403, "invalid or missing CSRF token")
    return active


def presented_address(
    client: str,
    view_path: object,
    view_query: object,
    *,
    lang: str,
    theme: str,
    fiscal_start_month: int = 1,
) -> str:
    """Where presenting opens: the prepared view (the page's path and query, as
    the form sent them) kept at the presented client. The dashboard keeps its
    period and tab, the client's own page stays that page with its period;
    anything else (another page, another client's page, a period that cannot
    be read) falls back to the dashboard of the client."""
    state = parse_query(view_query if isinstance(view_query, str) else "")
    period = state.period
    if period is not None:
        try:
            parse_period(period, fiscal_start_month)
        except PeriodError:
            period = None
    own_page = CLIENT_PAGE_PREFIX + quote(client, safe="")
    if view_path == own_page:
        kept = ViewState(period=period, lang=lang, theme=theme)
        return own_page + to_query(kept)
    kept = ViewState(
        period=period, clients=(client,), tab=state.tab, lang=lang, theme=theme
    )
    return "/" + to_query(kept)


def start_view() -> Response:
    """POST /presenting/start (form fields `client`, and the page's `view_path`
    and `view_query`): redirect to the prepared view of that client."""
    active = _checked_session()
    client = (request.form.get("client") or "").strip()
    context = auth_context()
    try:
        with context.engine.begin() as conn:
            start_presenting(
                conn, active, client, now=context.now(), address=request.remote_addr
            )
    except PresentingError as exc:
        abort(403, str(exc))
    lang = request.form.get("lang")
    theme = request.form.get("theme")
    address = presented_address(
        client,
        request.form.get("view_path"),
        request.form.get("view_query"),
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE,
        theme=theme if theme in THEMES else DEFAULT_THEME,
        fiscal_start_month=context.settings.fiscal_year_start_month,
    )
    return redirect(address, code=303)


def stop_view() -> Response:
    """POST /presenting/stop: redirect to /presenting/stopped (the screen may
    still be shared; the portfolio waits for a click)."""
    active = _checked_session()
    context = auth_context()
    with context.engine.begin() as conn:
        stop_presenting(conn, active, now=context.now(), address=request.remote_addr)
    return redirect("/presenting/stopped" + _view_query({}), code=303)


def stopped_view() -> Response:
    """GET /presenting/stopped: stop sharing the screen, then continue; shows no
    client's data (not even the name of the client just presented to)."""
    lang, theme = query_view(request.args)
    _ = translator(lang)
    html = render(
        "presenting_stopped.html",
        title=_("You stopped presenting") + " · " + _("Client Review Dashboard"),
        html_lang=html_lang(lang),
        theme=theme,
        dashboard_href="/" + to_query(ViewState(lang=lang, theme=theme)),
        text={
            "heading": _("You stopped presenting"),
            "message": _("Stop sharing your screen, then continue to the dashboard."),
            "continue": _("Continue to the dashboard"),
        },
    )
    return page_response(html)


def register_presenting(server: Flask) -> None:
    """Add /presenting/start, /presenting/stop and /presenting/stopped."""
    server.add_url_rule(
        "/presenting/start", "presenting_start", start_view, methods=["POST"]
    )
    server.add_url_rule(
        "/presenting/stop", "presenting_stop", stop_view, methods=["POST"]
    )
    server.add_url_rule(
        "/presenting/stopped", "presenting_stopped", stopped_view, methods=["GET"]
    )
