"""Lockout: at most 5 passwords checked per username or address in 15 minutes.

Each login attempt first reserves a slot on its counters (its username and its
address) with one atomic upsert, before the password is verified: the database,
not the web process, decides whether an attempt may be checked, so concurrent
requests, threads and workers can never get more than MAX_FAILURES checks
through. A failed check keeps its slot; the failure that finds every slot taken
locks the counter for LOCK_DURATION. A successful check gives back only its own
slot (never the slots of other attempts) and is refused if a lock was written
meanwhile.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, case, delete, or_, update
from sqlalchemy.dialects import postgresql, sqlite

from data.models.auth import LoginFailure

MAX_FAILURES = 5
LOCK_DURATION = dt.timedelta(minutes=15)
# Attempts older than this (and not locked) are forgotten.
FAILURE_WINDOW = dt.timedelta(minutes=15)


class Refused(Exception):
    """The attempt may not be checked: a counter is locked or full until `until`."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(f"locked until {until:%H:%M:%S} UTC")
        self.until = until


def failure_keys(username: str, address: str | None) -> list[str]:
    """The counters one attempt touches: its username and its address."""
    keys = [f"user:{username.strip().lower()}"[:200]]
    if address:
        keys.append(f"addr:{address}"[:200])
    return keys


def _stale(now: dt.datetime):
    """SQL: the counter's lock has ended, or its attempts are forgotten."""
    table = LoginFailure.__table__
    return or_(
        and_(table.c.locked_until.is_not(None), table.c.locked_until <= now),
        and_(
            table.c.locked_until.is_(None),
            table.c.first_failed_at < now - FAILURE_WINDOW,
        ),
    )


def reserve(conn: Connection, keys: list[str], now: dt.datetime) -> None:
    """Count this attempt on every key before its password is checked; raise
    Refused when a key is locked or already has MAX_FAILURES attempts.

    The caller commits the reservation before checking the password and rolls
    the transaction back on Refused (so a refused attempt takes no slot)."""
    dialect = {"postgresql": postgresql, "sqlite": sqlite}[conn.dialect.name]
    table = LoginFailure.__table__
    for key in keys:
        fresh = dialect.insert(table).values(
            key=key, count=1, first_failed_at=now, locked_until=None
        )
        stale = _stale(now)
        # One statement: the row is locked (PostgreSQL) or the database is
        # (SQLite) while it is read and incremented, so no update is lost.
        upsert = fresh.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "count": case((stale, 1), else_=table.c.count + 1),
                "first_failed_at": case((stale, now), else_=table.c.first_failed_at),
                "locked_until": case((stale, None), else_=table.c.locked_until),
            },
        ).returning(table.c.count, table.c.first_failed_at, table.c.locked_until)
        count, first_at, locked = conn.execute(upsert).one()
        if locked is not None and locked > now:
            raise Refused(locked)
        if count > MAX_FAILURES:
            raise Refused(first_at + FAILURE_WINDOW)


def record_failure(
    conn: Connection, keys: list[str], now: dt.datetime
) -> dt.datetime | None:
    """A reserved attempt failed: it keeps its slot. Lock every key whose slots
    are all taken; return the lock's end if this failure wrote a lock."""
    until = now + LOCK_DURATION
    locked = conn.execute(
        update(LoginFailure)
        .where(
            LoginFailure.key.in_(keys),
            LoginFailure.count >= MAX_FAILURES,
            LoginFailure.locked_until.is_(None),
        )
        .values(locked_until=until)
        .returning(LoginFailure.key)
    ).all()
    return until if locked else None


def release(conn: Connection, keys: list[str], now: dt.datetime) -> None:
    """A reserved attempt succeeded: give back its own slot (the slots of other
    attempts stay), or raise Refused when a lock was written meanwhile."""
    rows = conn.execute(
        update(LoginFailure)
        .where(LoginFailure.key.in_(keys))
        .values(count=case((LoginFailure.count > 0, LoginFailure.count - 1), else_=0))
        .returning(LoginFailure.locked_until)
    ).all()
    ends = [until for (until,) in rows if until is not None and until > now]
    if ends:
        raise Refused(max(ends))
    conn.execute(
        delete(LoginFailure).where(
            LoginFailure.key.in_(keys),
            LoginFailure.count <= 0,
            LoginFailure.locked_until.is_(None),
        )
    )


def purge_stale(conn: Connection, now: dt.datetime) -> None:
    """Delete counters whose lock has ended or whose attempts are forgotten."""
    conn.execute(delete(LoginFailure).where(_stale(now)))
