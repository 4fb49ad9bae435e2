"""Writing one agreed target with an optimistic version check.

Every change names the version it was made from: creating one expects none,
replacing or deleting one expects the version that was read. A save made from an
older reading raises StaleTarget instead of overwriting the newer value. The
write is the first statement of its transaction, so on SQLite it waits for another
writer's commit and then sees it, and on PostgreSQL the row lock does the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from dashboard.kernel.targets import TargetKey
from data.models import Client, Target
from data.version import bump_data_version


@dataclass(frozen=True)
class StoredTarget:
    """A target as stored: its value, who set it when, and its version."""

    key: TargetKey
    value: float
    note: str | None
    set_by: str
    set_at: dt.datetime
    version: int


class StaleTarget(RuntimeError):
    """The target changed since it was read; `current` is what is stored now
    (None when it was deleted or is not known yet)."""

    def __init__(
        self,
        key: TargetKey,
        expected_version: int | None,
        current: StoredTarget | None = None,
    ) -> None:
        self.key = key
        self.expected_version = expected_version
        self.current = current
        super().__init__(_stale_message(key, expected_version, current))


def _stale_message(
    key: TargetKey, expected: int | None, current: StoredTarget | None
) -> str:
    what = f"The target {key.describe()}"
    if current is None and expected is None:
        return f"{what} was set by someone else meanwhile: reload it and try again."
    if current is None:
        return f"{what} was deleted meanwhile: reload and try again."
    when = current.set_at.strftime("%Y-%m-%d %H:%M")
    return (
        f"{what} was changed meanwhile by {current.set_by} at {when} UTC"
        f" (now {current.value:g}): reload it and try again."
    )


def client_id_of(conn: Connection, external_id: str) -> int | None:
    """The id of the client with this external id, or None."""
    query = select(Client.id).where(Client.external_id == external_id)
    return conn.execute(query).scalar_one_or_none()


def _same_key(key: TargetKey, client_id: int | None) -> tuple:
    whom = {
        "client": Target.client_id == client_id,
        "segment": Target.segment == key.segment,
        "portfolio": Target.scope == "portfolio",
    }[key.scope]
    return (Target.kpi == key.kpi, Target.period == key.period, whom)


def read_target(
    conn: Connection, key: TargetKey, client_id: int | None = None
) -> StoredTarget | None:
    """The stored target of this key (`client_id` for a client's), or None."""
    row = conn.execute(
        select(
            Target.value, Target.note, Target.set_by, Target.set_at, Target.version
        ).where(*_same_key(key, client_id))
    ).one_or_none()
    return None if row is None else StoredTarget(key, *row)


def set_target(
    conn: Connection,
    key: TargetKey,
    *,
    client_id: int | None,
    value: float,
    note: str | None,
    by: str,
    at: dt.datetime,
    expected_version: int | None,
) -> StoredTarget:
    """Create the target (`expected_version` None) or replace the version that was
    read; StaleTarget when that is not what is stored any more. The key and value
    are checked already (dashboard.kernel.targets)."""
    values = {"value": value, "note": note, "set_by": by, "set_at": at}
    if expected_version is None:
        try:
            conn.execute(
                insert(Target).values(
                    scope=key.scope,
                    client_id=client_id,
                    segment=key.segment,
                    kpi=key.kpi,
                    period=key.period,
                    version=1,
                    **values,
                )
            )
        except IntegrityError:
            raise StaleTarget(key, None) from None
        bump_data_version(conn)
        return StoredTarget(key, value, note, by, at, 1)
    done = conn.execute(
        update(Target)
        .where(*_same_key(key, client_id), Target.version == expected_version)
        .values(version=Target.version + 1, **values)
    )
    if done.rowcount != 1:
        raise StaleTarget(key, expected_version)
    bump_data_version(conn)
    return StoredTarget(key, value, note, by, at, expected_version + 1)


def delete_target(
    conn: Connection,
    key: TargetKey,
    *,
    client_id: int | None,
    expected_version: int,
) -> None:
    """Delete the version of the target that was read; StaleTarget when it changed
    or is gone."""
    done = conn.execute(
        delete(Target).where(
            *_same_key(key, client_id), Target.version == expected_version
        )
    )
    if done.rowcount != 1:
        raise StaleTarget(key, expected_version)
    bump_data_version(conn)
