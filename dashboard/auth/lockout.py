"""Lockout: 5 failed logins for a username or an address, then 15 minutes of refusal."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, delete, insert, select, update

from data.models.auth import LoginFailure

MAX_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)
# Failures older than this (and not locked) are forgotten.
FAILURE_WINDOW = dt.timedelta(minutes=15)


def failure_keys(username: str, address: str | None) -> list[str]:
    """The counters one attempt touches: its username and its address."""
    keys = [f"user:{username.strip().lower()}"[:200]]
    if address:
        keys.append(f"addr:{address}"[:200])
    return keys


def locked_until(
    conn: Connection, keys: list[str], now: dt.datetime
) -> dt.datetime | None:
    """The latest end of a lock still running on any of the keys, else None."""
    ends = conn.execute(
        select(LoginFailure.locked_until).where(
            LoginFailure.key.in_(keys), LoginFailure.locked_until > now
        )
    ).scalars()
    return max(ends, default=None)


def record_failure(
    conn: Connection, keys: list[str], now: dt.datetime
) -> dt.datetime | None:
    """Count one failure on each key; return the lock end if this one locks."""
    newly_locked: dt.datetime | None = None
    for key in keys:
        row = conn.execute(
            select(LoginFailure).where(LoginFailure.key == key)
        ).one_or_none()
        stale = row is not None and (
            (row.locked_until is not None and row.locked_until <= now)
            or (row.locked_until is None and now - row.first_failed_at > FAILURE_WINDOW)
        )
        if row is None or stale:
            conn.execute(delete(LoginFailure).where(LoginFailure.key == key))
            conn.execute(
                insert(LoginFailure).values(
                    key=key, count=1, first_failed_at=now, locked_until=None
                )
            )
            count = 1
        else:
            count = row.count + 1
            conn.execute(
                update(LoginFailure).where(LoginFailure.key == key).values(count=count)
            )
        if count >= MAX_FAILURES:
            until = now + LOCK_DURATION
            conn.execute(
                update(LoginFailure)
                .where(LoginFailure.key == key)
                .values(locked_until=until)
            )
            newly_locked = until
    return newly_locked


def purge_stale(conn: Connection, now: dt.datetime) -> None:
    """Delete counters whose lock has ended or whose failures are forgotten."""
    conn.execute(
        delete(LoginFailure).where(
            (LoginFailure.locked_until <= now)
            | (
                LoginFailure.locked_until.is_(None)
                & (LoginFailure.first_failed_at < now - FAILURE_WINDOW)
            )
        )
    )


def clear(conn: Connection, keys: list[str]) -> None:
    """Forget the failures of these keys (after a successful login)."""
    conn.execute(delete(LoginFailure).where(LoginFailure.key.in_(keys)))
