"""Users: add, list, disable, set a password; the logged-in viewer as a small value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from dashboard.auth.passwords import check_password_rules, hash_password
from data.models import Client
from data.models.auth import ROLES, User, UserSession

USERNAME_LENGTH = 100


class UserError(ValueError):
    """A user cannot be added or changed; the message is one line."""


@dataclass(frozen=True)
class CurrentUser:
    """Who is looking, read from the server-side session of the request."""

    username: str
    display_name: str
    role: str
    owner_name: str | None = None
    client_external_id: str | None = None
    presenting_client_external_id: str | None = None
    presenting_client_name: str | None = None
    client_name: str | None = None  # a client viewer's own company

    @property
    def is_presenting(self) -> bool:
        """True while the session shows one client's view (a review meeting)."""
        return self.presenting_client_external_id is not None


@dataclass(frozen=True)
class UserListing:
    """One line of `users list`."""

    username: str
    display_name: str
    role: str
    owner_name: str | None
    client_external_id: str | None
    disabled: bool


def normalise_username(name: str) -> str:
    """Usernames are compared trimmed and lower-case."""
    return name.strip().lower()


def _client_id(conn: Connection, external_id: str) -> int:
    found = conn.execute(
        select(Client.id).where(Client.external_id == external_id)
    ).scalar_one_or_none()
    if found is None:
        raise UserError(f"no client with external id {external_id}")
    return found


def add_user(
    conn: Connection,
    *,
    username: str,
    role: str,
    password: str,
    now: dt.datetime,
    display_name: str | None = None,
    client_external_id: str | None = None,
    owner_name: str | None = None,
) -> None:
    """Add a user; the role decides whether a client or an owner is required."""
    name = normalise_username(username)
    if not name or len(name) > USERNAME_LENGTH or any(c.isspace() for c in name):
        raise UserError(f"{username!r} is not a valid username (no spaces, 1-100)")
    if role not in ROLES:
        raise UserError(f"role {role} is not one of {', '.join(ROLES)}")
    if role == "client_viewer" and not client_external_id:
        raise UserError("a client_viewer needs --client EXTERNAL_ID")
    if role != "client_viewer" and client_external_id:
        raise UserError("only a client_viewer has a --client")
    if role == "account_manager" and not owner_name:
        raise UserError("an account_manager needs --owner OWNER_NAME")
    if role != "account_manager" and owner_name:
        raise UserError("only an account_manager has an --owner")
    check_password_rules(password)
    exists = conn.execute(select(User.id).where(User.username == name)).first()
    if exists is not None:
        raise UserError(f"user {name} already exists")
    client_id = _client_id(conn, client_external_id) if client_external_id else None
    conn.execute(
        insert(User).values(
            username=name,
            display_name=(display_name or name).strip(),
            password_hash=hash_password(password),
            role=role,
            owner_name=owner_name,
            client_id=client_id,
            disabled=False,
            created_at=now,
        )
    )


def _listing_query():
    return select(
        User.username,
        User.display_name,
        User.role,
        User.owner_name,
        Client.external_id,
        User.disabled,
    ).outerjoin(Client, Client.id == User.client_id)


def list_users(conn: Connection) -> list[UserListing]:
    """Every user, by username."""
    rows = conn.execute(_listing_query().order_by(User.username))
    return [UserListing(*row) for row in rows]


def find_user(conn: Connection, username: str) -> UserListing | None:
    """The user of this name (as `users list` shows it), or None."""
    row = conn.execute(
        _listing_query().where(User.username == normalise_username(username))
    ).one_or_none()
    return None if row is None else UserListing(*row)


def _existing(conn: Connection, username: str) -> int:
    name = normalise_username(username)
    found = conn.execute(
        select(User.id).where(User.username == name)
    ).scalar_one_or_none()
    if found is None:
        raise UserError(f"no user {name}")
    return found


def disable_user(conn: Connection, username: str) -> None:
    """Disable a user and end their sessions at once."""
    user_id = _existing(conn, username)
    conn.execute(update(User).where(User.id == user_id).values(disabled=True))
    conn.execute(delete(UserSession).where(UserSession.user_id == user_id))


def set_password(conn: Connection, username: str, password: str) -> None:
    """Give a user a new password; their other sessions end."""
    check_password_rules(password)
    user_id = _existing(conn, username)
    conn.execute(
        update(User)
        .where(User.id == user_id)
        .values(password_hash=hash_password(password))
    )
    conn.execute(delete(UserSession).where(UserSession.user_id == user_id))
