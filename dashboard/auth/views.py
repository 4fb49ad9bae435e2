"""Login, logout and the health check: plain Flask views."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from flask import Flask, Response, make_response, redirect, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth import audit, csrf, lockout
from dashboard.auth.context import auth_context
from dashboard.auth.guard import safe_next, session_from_request
from dashboard.auth.pages import html_lang, page_language, page_theme, render
from dashboard.auth.passwords import verify_password, verify_unknown_user
from dashboard.auth.sessions import (
    COOKIE_NAME,
    clear_session_cookie,
    create_session,
    end_session,
    purge_expired,
    set_session_cookie,
)
from dashboard.auth.users import normalise_username
from dashboard.kernel.i18n import LANGUAGES, translator
from data.models.auth import User


def _local_time(moment: dt.datetime) -> str:
    """A naive UTC time as HH:MM in the dashboard's time zone, with its name."""
    settings = auth_context().settings
    local = moment.replace(tzinfo=dt.UTC).astimezone(settings.tz)
    return f"{local:%H:%M} ({settings.timezone})"


def _login_page(
    *,
    next_path: str,
    lang: str | None,
    message: str | None = None,
    message_kind: str = "danger",
    username: str = "",
    status: int = 200,
) -> Response:
    context = auth_context()
    language = page_language(lang, next_path)
    _ = translator(language)
    nonce = csrf.login_nonce()
    languages = [
        (code, label, f"/login?lang={code}&next={quote(next_path, safe='')}")
        for code, label in LANGUAGES.items()
    ]
    html = render(
        "login.html",
        title=_("Log in") + " · " + _("Client Review Dashboard"),
        product=_("Client Review Dashboard"),
        html_lang=html_lang(language),
        theme=page_theme(request.args.get("theme"), next_path),
        lang=language,
        next=next_path,
        username=username,
        message=message,
        message_kind=message_kind,
        csrf_token=csrf.token_for(nonce),
        languages=languages,
        text={
            "intro": _("Log in to see your clients' figures."),
            "username": _("Username"),
            "password": _("Password"),
            "submit": _("Log in"),
        },
    )
    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    csrf.set_login_nonce(response, nonce, secure=context.secure_cookies)
    return response


def login_form() -> Response:
    """GET /login: the form (already logged-in browsers see it too)."""
    next_path = safe_next(request.args.get("next"))
    message = None
    if request.args.get("expired") == "1":
        message = translator(page_language(request.args.get("lang"), next_path))(
            "Your session has ended. Please log in again."
        )
    return _login_page(
        next_path=next_path,
        lang=request.args.get("lang"),
        message=message,
        message_kind="info",
    )


def login_submit() -> Response:
    """POST /login: check lockout, then the password; start a session or refuse."""
    context = auth_context()
    next_path = safe_next(request.form.get("next"))
    lang = request.form.get("lang")
    _ = translator(page_language(lang, next_path))
    address = request.remote_addr
    username = normalise_username(request.form.get("username", ""))[:100]
    password = request.form.get("password", "")
    nonce = request.cookies.get(csrf.LOGIN_COOKIE)
    if not csrf.is_valid(request.form.get(csrf.FORM_FIELD), nonce):
        return _login_page(
            next_path=next_path,
            lang=lang,
            username=username,
            status=400,
            message=_("The form had expired. Please try again."),
        )
    now = context.now()
    keys = lockout.failure_keys(username, address)
    try:
        # Committed before the password is checked: other requests see the slot.
        with context.engine.begin() as conn:
            lockout.reserve(conn, keys, now)
            user = conn.execute(
                select(User.id, User.password_hash, User.disabled).where(
                    User.username == username
                )
            ).one_or_none()
    except lockout.Refused as refused:
        return _refused(next_path, lang, username, refused.until, now)
    if user is None:
        verify_unknown_user(password)
        reason = "unknown user"
    elif not verify_password(password, user.password_hash):
        reason = "wrong password"
    elif user.disabled:
        reason = "disabled user"
    else:
        reason = None
    if reason is not None:
        with context.engine.begin() as conn:
            audit.record(
                conn, "login_failed", at=now, username=username or None,
                address=address, detail=reason,
            )  # fmt: skip
            locked = lockout.record_failure(conn, keys, now)
            if locked is not None:
                audit.record(
                    conn, "lockout", at=now, username=username or None,
                    address=address, detail=f"locked until {locked:%H:%M:%S} UTC",
                )  # fmt: skip
        if locked is not None:
            return _locked_page(next_path, lang, username, locked)
        return _login_page(
            next_path=next_path,
            lang=lang,
            username=username,
            status=401,
            message=_("Wrong username or password."),
        )
    try:
        with context.engine.begin() as conn:
            lockout.release(conn, keys, now)
            lockout.purge_stale(conn, now)
            idle = dt.timedelta(minutes=context.settings.session_idle_minutes)
            purge_expired(conn, now=now, idle=idle)
            token = create_session(conn, user_id=user.id, address=address, now=now)
            audit.record(conn, "login", at=now, username=username, address=address)
    except lockout.Refused as refused:
        # A lock written while this password was checked holds for it too.
        return _refused(next_path, lang, username, refused.until, now)
    response = redirect(next_path, code=303)
    set_session_cookie(response, token, secure=context.secure_cookies)
    response.delete_cookie(csrf.LOGIN_COOKIE, path="/login")
    return response


def _refused(
    next_path: str,
    lang: str | None,
    username: str,
    until: dt.datetime,
    now: dt.datetime,
) -> Response:
    """Audit a refusal by the lockout and show when to try again."""
    with auth_context().engine.begin() as conn:
        audit.record(
            conn, "login_failed", at=now, username=username or None,
            address=request.remote_addr,
            detail=f"refused: locked until {until:%H:%M:%S} UTC",
        )  # fmt: skip
    return _locked_page(next_path, lang, username, until)


def _locked_page(
    next_path: str, lang: str | None, username: str, until: dt.datetime
) -> Response:
    _ = translator(page_language(lang, next_path))
    return _login_page(
        next_path=next_path,
        lang=lang,
        username=username,
        status=429,
        message=_(
            "Too many failed logins. Try again after {time}.", time=_local_time(until)
        ),
    )


def logout() -> Response:
    """POST /logout: end the session (a valid CSRF token needed), go to /login."""
    context = auth_context()
    active = session_from_request()
    if active is not None:
        if not csrf.is_valid(csrf.submitted_token(), active.token_hash):
            return make_response("invalid or missing CSRF token", 403)
        with context.engine.begin() as conn:
            end_session(conn, request.cookies[COOKIE_NAME])
            # Not served from this process's outage memory either, from now on.
            context.recent_sessions.logged_out(active.token_hash)
            audit.record(
                conn, "logout", at=context.now(), username=active.user.username,
                address=request.remote_addr,
            )  # fmt: skip
    response = redirect("/login", code=303)
    clear_session_cookie(response, secure=context.secure_cookies)
    return response


def healthz() -> Response:
    """GET /healthz: 200 'ok' when the database answers, else 503; no data."""
    context = auth_context()
    try:
        with context.engine.connect() as conn:
            conn.execute(select(1))
    except SQLAlchemyError:
        return make_response("unavailable", 503, {"Content-Type": "text/plain"})
    return make_response("ok", 200, {"Content-Type": "text/plain"})


def register_views(server: Flask) -> None:
    """Add /login, /logout and /healthz to the server."""
    server.add_url_rule("/login", "login_form", login_form, methods=["GET"])
    server.add_url_rule("/login", "login_submit", login_submit, methods=["POST"])
    server.add_url_rule("/logout", "logout", logout, methods=["POST"])
    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET"])
