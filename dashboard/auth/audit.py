"""The audit log: one row per security-relevant event, newest first when read."""

from __future__ import annotations

import datetime as dt
import getpass
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select

from data.models.auth import AUDIT_ACTIONS, AuditEntry

ADDRESS_LENGTH = 64


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as shown on the admin page."""

    at: dt.datetime
    username: str | None
    address: str | None
    action: str
    detail: str | None


def record(
    conn: Connection,
    action: str,
    *,
    at: dt.datetime,
    username: str | None = None,
    address: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one entry; `action` must be one of AUDIT_ACTIONS."""
    if action not in AUDIT_ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(
        insert(AuditEntry).values(
            at=at,
            username=username[:100] if username else username,
            address=address[:ADDRESS_LENGTH] if address else address,
            action=action,
            detail=detail,
        )
    )


def record_command(engine: Engine, action: str, detail: str) -> None:
    """Audit something done on the command line (address `cli`), in its own
    transaction; the operating-system user, when known, is the username."""
    with engine.begin() as conn:
        record(
            conn,
            action,
            at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            username=getpass.getuser() if _has_user() else None,
            address="cli",
            detail=detail[:2000],
        )


def _has_user() -> bool:
    try:
        getpass.getuser()
    except (KeyError, OSError):
        return False
    return True


def recent(
    conn: Connection, *, action: str | None = None, limit: int = 500
) -> list[AuditRow]:
    """The newest entries (at most `limit`), optionally of one action only."""
    query = select(
        AuditEntry.at,
        AuditEntry.username,
        AuditEntry.address,
        AuditEntry.action,
        AuditEntry.detail,
    ).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return [AuditRow(*row) for row in conn.execute(query.limit(limit))]
