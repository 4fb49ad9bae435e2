"""The clients an import's writes can move a rollup row of, so the rollups are
refreshed for them alone (data/rollups.py), not for every client.

A staged row touches the client it names (directly, or through the meeting or
project it belongs to) once it is written, and, for a row that replaces a stored
one, the client the stored row belonged to before: an invoice moved from one
client to another changes both clients' sums. So the stored side is read before
the writes (`before_writes`) and the staged side after them (`after_writes`),
when references to clients, meetings and projects new in the same import resolve.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, Table, select

from data.importer.contract import BY_NAME
from data.importer.write import resolved
from data.models import Meeting, Project

# The tables whose rows name their client through another row.
OWNERS = {"meeting_id": Meeting, "project_id": Project}


def _reference(columns) -> tuple[object, object] | None:
    """The column (of a table or of staged rows) that leads to a client, and the
    model it names a row of (None: it is the client id itself)."""
    if "client_id" in columns:
        return columns.client_id, None
    for name, owner in OWNERS.items():
        if name in columns:
            return columns[name], owner
    return None


def _clients(conn: Connection, query, owner) -> set[int]:
    """The client ids a query of client, meeting or project ids (`owner`) names."""
    if owner is not None:
        query = select(owner.client_id).where(owner.id.in_(query))
    return {found for found in conn.execute(query.distinct()).scalars() if found}


def before_writes(conn: Connection, stages: Mapping[str, Table]) -> set[int]:
    """The clients of the stored rows the staged rows will update or replace."""
    touched: set[int] = set()
    for name, stage in stages.items():
        entity = BY_NAME[name]
        target = entity.table
        rows = resolved(entity, stage)
        if entity.keyed and (found := _reference(target.c)) is not None:
            column, owner = found
            stored = select(column).join(
                rows, rows.c.external_id == target.c.external_id
            )
            touched |= _clients(conn, stored, owner)
        elif (found := _reference(rows.c)) is not None:
            # Attendees and spend replace rows of the meetings and projects they
            # name: the rows replaced belong to those meetings' and projects'
            # clients.
            column, owner = found
            touched |= _clients(conn, select(column), owner)
    return touched


def after_writes(conn: Connection, stages: Mapping[str, Table]) -> set[int]:
    """The clients the written rows belong to."""
    touched: set[int] = set()
    for name, stage in stages.items():
        if (found := _reference(resolved(BY_NAME[name], stage).c)) is not None:
            column, owner = found
            touched |= _clients(conn, select(column), owner)
    return touched
