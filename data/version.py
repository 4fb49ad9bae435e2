"""The data version (table `data_version`): read it, and bump it with a write.

Every write of the data (import, demo data, restore, report comments and
snapshots) calls `bump_data_version` on the connection of its transaction, so the
new version becomes visible exactly when the write does.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from data.models import DataVersion

_BUMPED_IN = "data_version_bumped_in"  # the transaction that bumped it last


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
