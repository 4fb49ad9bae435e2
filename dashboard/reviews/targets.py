"""Setting, replacing and deleting an agreed target: checked like an import,
allowed only within the viewer's scope, version-checked and audit-logged."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from dashboard.auth import audit
from dashboard.kernel.scope import Scope
from dashboard.kernel.targets import TargetError, TargetKey, checked_key, checked_value
from data import target_store
from data.controls import control_problem
from data.models import Client, Target
from data.queries.selection import scope_condition
from data.target_store import StaleTarget, StoredTarget

NOTE_LENGTH = Target.__table__.c.note.type.length


class TargetNotAllowed(PermissionError):
    """The viewer may not set this target (another owner's client, or a segment
    or portfolio target by someone who does not see every client)."""


def checked_note(note: str | None) -> str | None:
    """The note as stored (trimmed; empty is none); TargetError when too long or
    holding control characters."""
    text = (note or "").replace("\r\n", "\n").strip()
    if len(text) > NOTE_LENGTH:
        raise TargetError("note", f"is {len(text)} characters, at most {NOTE_LENGTH}")
    if problem := control_problem(text, in_text=True):
        raise TargetError("note", problem)
    return text or None


def _client_id(engine: Engine, key: TargetKey, scope: Scope) -> int | None:
    """The client's id when the viewer may set this target; raise otherwise."""
    if key.client is None:
        if not scope.is_everything:
            raise TargetNotAllowed(
                "Segment and portfolio targets are set by a manager of every client."
            )
        return None
    with engine.connect() as conn:
        found = conn.execute(
            select(Client.id).where(
                Client.external_id == key.client, scope_condition(scope)
            )
        ).scalar_one_or_none()
    if found is None:
        # The same answer for a client that does not exist and one out of scope.
        raise TargetError("client", f"no client {key.client!r} that you may see")
    return found


def _current(engine: Engine, stale: StaleTarget, client_id: int | None):
    with engine.connect() as conn:
        current = target_store.read_target(conn, stale.key, client_id)
    return StaleTarget(stale.key, stale.expected_version, current)


def save_target(
    engine: Engine,
    key: TargetKey,
    value: object,
    *,
    note: str | None = None,
    expected_version: int | None,
    by: str,
    scope: Scope,
    at: dt.datetime,
    address: str | None = None,
    fiscal_start_month: int = 1,
) -> StoredTarget:
    """Create (`expected_version` None) or replace a target; TargetError naming
    the bad field, TargetNotAllowed, or StaleTarget saying who changed it since."""
    key = checked_key(key, fiscal_start_month)
    number = checked_value(key.kpi, value)
    text = checked_note(note)
    client_id = _client_id(engine, key, scope)
    try:
        with engine.begin() as conn:
            stored = target_store.set_target(
                conn, key, client_id=client_id, value=number, note=text, by=by,
                at=at, expected_version=expected_version,
            )  # fmt: skip
            audit.record(
                conn, "target_set", at=at, username=by, address=address,
                detail=f"{key.describe()} = {number:g} (version {stored.version})",
            )  # fmt: skip
    except StaleTarget as stale:
        raise _current(engine, stale, client_id) from None
    return stored


def delete_target(
    engine: Engine,
    key: TargetKey,
    *,
    expected_version: int,
    by: str,
    scope: Scope,
    at: dt.datetime,
    address: str | None = None,
    fiscal_start_month: int = 1,
) -> None:
    """Delete the version of a target that was read; audited. TargetNotAllowed or
    StaleTarget as for save_target."""
    key = checked_key(key, fiscal_start_month)
    client_id = _client_id(engine, key, scope)
    try:
        with engine.begin() as conn:
            target_store.delete_target(
                conn, key, client_id=client_id, expected_version=expected_version
            )
            audit.record(
                conn, "target_deleted", at=at, username=by, address=address,
                detail=f"{key.describe()} (version {expected_version})",
            )  # fmt: skip
    except StaleTarget as stale:
        raise _current(engine, stale, client_id) from None
