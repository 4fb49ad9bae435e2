"""The data version (table `data_version`): read it, and bump it with a write.

Every write of the data (import, demo data, restore, report comments and
snapshots) calls `bump_data_version` on the connection of its transaction, so the
new version becomes visible exactly when the write does.
"""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from data.models import DataVersion


def data_version(conn: Connection) -> int:
    """The current version (0 before the first write)."""
    version = conn.execute(
        select(DataVersion.version).where(DataVersion.id == 1)
    ).scalar_one_or_none()
    return int(version or 0)


def bump_data_version(conn: Connection) -> int:
    """Add one to the version inside the caller's transaction; the new version."""
    bumped = conn.execute(
        update(DataVersion)
        .where(DataVersion.id == 1)
        .values(version=DataVersion.version + 1)
    )
    if bumped.rowcount == 0:
        conn.execute(DataVersion.__table__.insert().values(id=1, version=1))
    return data_version(conn)
