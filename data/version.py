"""The data version (table `data_version`): read it, and bump it with a write.

Every write of the data (import, demo data, restore, report comments and
snapshots) calls `bump_data_version` on the connection of its transaction, so the
new version becomes visible exactly when the write does.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, delete, insert, select, update

from data.models import DataVersion, RollupChange

_BUMPED_IN = "data_version_bumped_in"  # the transaction that bumped it last
# Versions whose rollup changes are kept: a reader further behind reads all.
KEPT_CHANGES = 1_000
# A change of more clients is recorded as a change of all (read all again).
CHANGED_AS_ALL = 500


def data_version(conn: Connection) -> int:
    """The current version (0 before the first write)."""
    version = conn.execute(
        select(DataVersion.version).where(DataVersion.id == 1)
    ).scalar_one_or_none()
    return int(version or 0)


def wrote_in_transaction(conn: Connection) -> bool:
    """Whether the connection's open transaction has bumped the version: what it
    reads includes its own writes, not yet committed (and perhaps never)."""
    transaction = conn.get_transaction()
    return transaction is not None and conn.info.get(_BUMPED_IN) is transaction


def bump_data_version(conn: Connection) -> int:
    """Add one to the version inside the caller's transaction, once however many
    parts of the transaction ask (an import, then the rollup refresh it runs);
    the new version."""
    transaction = conn.get_transaction()
    if wrote_in_transaction(conn):
        return data_version(conn)
    bumped = conn.execute(
        update(DataVersion)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1)
    )
    if bumped.rowcount == 0:
        conn.execute(DataVersion.__table__.insert().values(id=1, version=1))
    # Held until the next transaction's bump replaces it; compared by identity.
    conn.info[_BUMPED_IN] = transaction
    return data_version(conn)


def record_rollup_change(conn: Connection, client_ids: Collection[int] | None) -> None:
    """In a transaction that has bumped the version: its rollup rows changed for
    these clients (None: all; more than CHANGED_AS_ALL count as all). Changes
    older than KEPT_CHANGES versions go."""
    version = data_version(conn)
    ids: list[int | None] = (
        [None]
        if client_ids is None or len(client_ids) > CHANGED_AS_ALL
        else sorted(set(client_ids))
    )
    if ids:
        conn.execute(
            insert(RollupChange), [{"version": version, "client_id": i} for i in ids]
        )
    old = RollupChange.version <= version - KEPT_CHANGES
    conn.execute(delete(RollupChange).where(old))


def rollup_changes(conn: Connection, since: int, until: int) -> set[int] | None:
    """The clients whose rollup rows the versions after `since`, up to `until`,
    changed; None when all may have (a change of all clients, or versions
    older than those kept)."""
    if until - since >= KEPT_CHANGES:
        return None
    found = conn.execute(
        select(RollupChange.client_id)
        .where(RollupChange.version > since, RollupChange.version <= until)
        .distinct()
    ).scalars()
    clients = set(found)
    return None if None in clients else clients
