"""Every client's external id and name, held in memory per data version where
the database is held (a server; `data.queries.held`).

Lists that name the clients of thousands of rows (the open overdue items of all
clients) looked every client up in the database on every view: ten thousand
rows for a few hundred names. Held, a view takes the names of its rows by
position. Only rows already limited to the viewer's clients are named from here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, select

from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.choices import client_names
from data.queries.held import held, holds


@dataclass(frozen=True)
class ClientLabels:
    """Every client's id (ascending), external id and name (object arrays), and
    its place when the database orders the clients by external id (its
    collation, which a list ordered so must keep)."""

    id: np.ndarray
    external_id: np.ndarray
    name: np.ndarray
    rank: np.ndarray

    def found(self, client_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of these ids are clients' (a client a write removed since the
        ids were read is not), and where those are in the arrays."""
        ids = np.asarray(client_ids, dtype="int64")
        at = np.searchsorted(self.id, ids)
        known = at < len(self.id)
        known[known] = self.id[at[known]] == ids[known]
        return known, at[known]

    @functools.cached_property
    def by_external_id(self) -> dict[str, int]:
        """External id → position (made when first asked, once per version)."""
        return {external_id: at for at, external_id in enumerate(self.external_id)}


def names_of_shown_clients(
    conn: Connection, scope: Scope, external_ids: Iterable[str]
) -> dict[str, str]:
    """External id → name of these clients, which a view has already limited to
    the viewer's scope (the clients of its rows): from the held labels where the
    database is held, else `client_names` (which applies the scope itself)."""
    if not holds(conn):
        return client_names(conn=conn, scope=scope, external_ids=external_ids)
    labels = held_client_labels(conn)
    where = labels.by_external_id
    return {
        external_id: labels.name[where[external_id]]
        for external_id in set(external_ids)
        if external_id in where
    }


def held_client_labels(conn: Connection) -> ClientLabels:
    """`ClientLabels` as of the connection's data version, read again after a
    write (one row per client)."""
    return held(conn, ("client labels",), _read)


def _read(conn: Connection) -> ClientLabels:
    rows = conn.execute(
        select(Client.id, Client.external_id, Client.name).order_by(Client.external_id)
    ).all()
    ids, external_ids, names = list(zip(*rows, strict=True)) or ([], [], [])
    ids = np.asarray(ids, dtype="int64")
    by_id = np.argsort(ids, kind="stable")
    return ClientLabels(
        id=ids[by_id],
        external_id=_objects(external_ids)[by_id],
        name=_objects(names)[by_id],
        rank=by_id,
    )


def _objects(values) -> np.ndarray:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
