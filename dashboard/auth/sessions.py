"""Server-side sessions: the cookie holds only a random token; the rest is in the DB."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from flask import Response
from sqlalchemy import Connection, Select, bindparam, delete, insert, select, update
from sqlalchemy.orm import aliased

from dashboard.auth.users import CurrentUser
from data.models import Client
from data.models.auth import User, UserSession

COOKIE_NAME = "crd_session"
ABSOLUTE_LIFETIME = dt.timedelta(hours=12)


@dataclass(frozen=True)
class ActiveSession:
    """A valid session of the current request and its user."""

    session_id: int
    token_hash: str
    user_id: int
    user: CurrentUser
    # When the session ends unless there is activity first (None: unknown).
    expires_at: dt.datetime | None = None


def token_hash(token: str) -> str:
    """The SHA-256 (hex) under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_session(
    conn: Connection, *, user_id: int, address: str | None, now: dt.datetime
) -> str:
    """Store a new session and return its token (for the cookie only)."""
    token = secrets.token_urlsafe(32)
    conn.execute(
        insert(UserSession).values(
            token_hash=token_hash(token),
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            address=address[:64] if address else address,
            presenting_client_id=None,
        )
    )
    return token


# Built once (every request runs it): the session's last activity becomes `now`.
TOUCH_STATEMENT = (
    update(UserSession)
    .where(
        UserSession.token_hash == bindparam("touched_hash"),
        UserSession.last_seen_at >= bindparam("idle_since"),
        UserSession.last_seen_at < bindparam("touched_at"),
        UserSession.created_at >= bindparam("created_since"),
    )
    .values(last_seen_at=bindparam("touched_at"))
)


def touch_session(
    conn: Connection, token: str, *, now: dt.datetime, idle: dt.timedelta
) -> None:
    """Activity: last_seen_at becomes exactly `now`, if the session is still valid.

    A write first, so that on SQLite the transaction holds the write lock before
    it reads; an expired session is left as it is (load_session removes it)."""
    conn.execute(
        TOUCH_STATEMENT,
        {
            "touched_hash": token_hash(token),
            "touched_at": now,
            "idle_since": now - idle,
            "created_since": now - ABSOLUTE_LIFETIME,
        },
    )


def _session_query() -> Select:
    """SQL: a session by its token's hash, with its user and clients (built once:
    every request runs it, and building it cost more than running it)."""
    own_client = aliased(Client)
    shown_client = aliased(Client)
    return (
        select(
            UserSession.id,
            UserSession.created_at,
            UserSession.last_seen_at,
            User.id.label("user_id"),
            User.username,
            User.display_name,
            User.role,
            User.owner_name,
            User.disabled,
            own_client.external_id.label("client_external_id"),
            own_client.name.label("client_name"),
            shown_client.external_id.label("shown_external_id"),
            shown_client.name.label("shown_name"),
        )
        .join(User, User.id == UserSession.user_id)
        .outerjoin(own_client, own_client.id == User.client_id)
        .outerjoin(shown_client, shown_client.id == UserSession.presenting_client_id)
        .where(UserSession.token_hash == bindparam("token_hash"))
    )


SESSION_QUERY = _session_query()


def load_session(
    conn: Connection, token: str, *, now: dt.datetime, idle: dt.timedelta
) -> ActiveSession | None:
    """The session of this token if it is valid now, else None (expired ones go).

    It ends `idle` after its last activity (touch_session), to the second, and
    ABSOLUTE_LIFETIME after it started, however active; reading it is no activity."""
    row = conn.execute(SESSION_QUERY, {"token_hash": token_hash(token)}).one_or_none()
    if row is None:
        return None
    expires_at = min(row.last_seen_at + idle, row.created_at + ABSOLUTE_LIFETIME)
    if now > expires_at or row.disabled:
        conn.execute(delete(UserSession).where(UserSession.id == row.id))
        return None
    user = CurrentUser(
        username=row.username,
        display_name=row.display_name,
        role=row.role,
        owner_name=row.owner_name,
        client_external_id=row.client_external_id,
        client_name=row.client_name,
        presenting_client_external_id=row.shown_external_id,
        presenting_client_name=row.shown_name,
    )
    return ActiveSession(row.id, token_hash(token), row.user_id, user, expires_at)


def prepare_statements(conn: Connection, *, now: dt.datetime) -> None:
    """Run the two statements of every request once, for a token that no session
    has (nothing is changed): a server does this before it forks its workers, so
    that their first requests find them compiled."""
    idle = dt.timedelta(minutes=1)
    touch_session(conn, "", now=now, idle=idle)
    load_session(conn, "", now=now, idle=idle)


def purge_expired(conn: Connection, *, now: dt.datetime, idle: dt.timedelta) -> None:
    """Delete every session past its idle timeout or its absolute lifetime."""
    conn.execute(
        delete(UserSession).where(
            (UserSession.last_seen_at < now - idle)
            | (UserSession.created_at < now - ABSOLUTE_LIFETIME)
        )
    )


def end_session(conn: Connection, token: str) -> None:
    """Delete the session of this token (logout)."""
    conn.execute(delete(UserSession).where(UserSession.token_hash == token_hash(token)))


def set_session_cookie(response: Response, token: str, *, secure: bool) -> None:
    """The session cookie: HttpOnly, SameSite=Strict, Secure in production."""
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=int(ABSOLUTE_LIFETIME.total_seconds()),
        httponly=True,
        samesite="Strict",
        secure=secure,
        path="/",
    )


def clear_session_cookie(response: Response, *, secure: bool) -> None:
    """Remove the session cookie from the browser."""
    response.delete_cookie(
        COOKIE_NAME, httponly=True, samesite="Strict", secure=secure, path="/"
    )
