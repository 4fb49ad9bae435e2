"""The request guard: every route but the login page needs a valid server session,
and while presenting only the presented client's pages are served."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlsplit

from flask import Flask, Response, g, jsonify, redirect, request
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth.context import auth_context
from dashboard.auth.lock import keep_to_presented_client
from dashboard.auth.outage import DatabaseDown
from dashboard.auth.sessions import (
    COOKIE_NAME,
    ActiveSession,
    load_session,
    token_hash,
    touch_session,
)
from dashboard.auth.unavailable import SCRIPT_PREFIXES, database_down_response

# Reachable without a session: the login form and what it needs, logout, health.
PUBLIC_PATHS = frozenset({"/login", "/healthz", "/assets/01-bootstrap.min.css"})
PUBLIC_POST_PATHS = frozenset({"/logout"})
# Requests of the page's scripts (SCRIPT_PREFIXES) answer 401 (JSON), never a
# redirect to HTML.
CALLBACK_PATH = "/_dash-update-component"
# Callback inputs that change by themselves (timers): no person is there.


def _unauthorised() -> Response:
    response = jsonify(error="not logged in", login="/login")
    response.status_code = 401
    return response


def login_url_for(full_path: str) -> str:
    """/login?next=<this page> (with its ?lang= and ?theme=)."""
    target = full_path[:-1] if full_path.endswith("?") else full_path
    return "/login?next=" + quote(safe_next(target), safe="")


def safe_next(value: str | None) -> str:
    """A local path to go to after logging in; anything else becomes '/'."""
    if not value or not value.startswith("/") or value.startswith("//"):
        return "/"
    if "\\" in value or any(ord(char) < 32 or ord(char) == 127 for char in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return "/"
    if parts.path in ("/login", "/logout"):
        return "/"
    return value


def is_activity() -> bool:
    """Whether this request is someone using the page: every request but a
    callback whose only triggers are timers (the page's refresh and retry)."""
    if request.path != CALLBACK_PATH or request.method != "POST":
        return True
    try:
        body = request.get_json(silent=True)
    except RecursionError:  # nested too deep: the callback check refuses it next
        return True
    changed = body.get("changedPropIds") if isinstance(body, dict) else None
    if not isinstance(changed, list):
        return True
    automatic = auth_context().automatic_inputs
    # A trigger that is not a name (a forged body) counts as activity; the
    # callback check refuses the body next.
    return not all(isinstance(prop, str) and prop in automatic for prop in changed)


def session_from_request() -> ActiveSession | None:
    """The valid server session named by the request's cookie, or None.
    Raises DatabaseDown when the database cannot say and no session it confirmed
    recently matches (see dashboard.auth.outage)."""
    token = request.cookies.get(COOKIE_NAME)
    if not token:
        return None
    context = auth_context()
    now = context.now()
    idle = dt.timedelta(minutes=context.settings.session_idle_minutes)
    try:
        with context.engine.begin() as conn:
            if is_activity():
                touch_session(conn, token, now=now, idle=idle)
            active = load_session(conn, token, now=now, idle=idle)
    except SQLAlchemyError:
        return context.recent_sessions.during_outage(token_hash(token), now)
    if active is None:
        context.recent_sessions.refused(token_hash(token))
    else:
        context.recent_sessions.confirmed(active, now)
    return active


def require_session() -> Response | None:
    """before_request: set g.crd_session and g.crd_user, or refuse the request."""
    path = request.path
    if path in PUBLIC_PATHS or (request.method == "POST" and path in PUBLIC_POST_PATHS):
        return None
    try:
        active = session_from_request()
    except DatabaseDown:
        return database_down_response()
    if active is None:
        if path.startswith(SCRIPT_PREFIXES) or request.method not in ("GET", "HEAD"):
            return _unauthorised()
        target = login_url_for(request.full_path)
        if request.cookies.get(COOKIE_NAME):
            target += "&expired=1"
        return redirect(target, code=302)
    g.crd_session = active
    g.crd_user = active.user
    return None


def install_guard(server: Flask) -> None:
    """Run the guard before every request of the server: the session first, then
    the presenting lock (which needs the session's user)."""
    server.before_request(require_session)
    server.before_request(keep_to_presented_client)
