"""The action items not completed by their due date, held in memory per data
version where the database is held (a server; `data.queries.held`).

Only such an item can be open and overdue on a day (due before it, and
completed after it or never): at `large` some 160,000 of 640,000 items. The
headline counts those open overdue on the last day of each of its nine
windows, the Action items tab counts them per owner and per client on t; in
the database each is a scan of every item due before the day. Held here, each
is a mask over arrays.

After a write, only the items of the clients it recorded are read again
(`data.version.rollup_changes`): every write of action items refreshes their
clients' rollups.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, or_, select

from data.models import ActionItem
from data.queries.held import changed_clients_read, held
from data.queries.visibility import SHARED


@dataclass(frozen=True)
class HeldItems:
    """Per item not completed by its due date: its id, client, due day,
    completion day (NaT: open), whether it is shared with the client, and its
    owner (None: none)."""

    item: np.ndarray
    client: np.ndarray
    due: np.ndarray
    completed: np.ndarray
    shared: np.ndarray
    owner: np.ndarray

    def chosen(self, clients: np.ndarray | None, internal: bool) -> np.ndarray:
        """Which items are of the `clients` (None: all) and, for a client-facing
        viewer (`internal` false), shared with the client."""
        mask = np.ones(len(self.item), dtype=bool) if internal else self.shared.copy()
        if clients is not None:
            mask &= np.isin(self.client, clients, kind="table")
        return mask

    def overdue_on(self, day: dt.date, chosen: np.ndarray) -> np.ndarray:
        """Which `chosen` items are open and overdue on `day` (due before it,
        not completed by it)."""
        on = np.datetime64(day, "D")
        late = np.isnat(self.completed) | (self.completed > on)
        return chosen & (self.due < on) & late

    def replaced(self, clients: Sequence[int], fresh: HeldItems) -> HeldItems:
        """These items with those of `clients` replaced by `fresh` (theirs as
        they are now)."""
        keep = ~np.isin(self.client, np.asarray(clients, dtype="int64"))
        return HeldItems(
            **{
                name: np.concatenate([getattr(self, name)[keep], getattr(fresh, name)])
                for name in ("item", "client", "due", "completed", "shared", "owner")
            }
        )


def held_items(conn: Connection, version: int | None = None) -> HeldItems:
    """Every item not completed by its due date, as of the connection's data
    version (see the module's text)."""
    update = changed_clients_read(_read)
    return held(conn, ("late_items",), _read, version, update=update)


def _read(conn: Connection, clients: Sequence[int] | None = None) -> HeldItems:
    """The items not completed by their due date (of these `clients`; None: all)."""
    statement = select(
        ActionItem.id,
        ActionItem.client_id,
        ActionItem.due_on,
        ActionItem.completed_on,
        ActionItem.visibility == SHARED,
        ActionItem.owner,
    ).where(
        or_(
            ActionItem.completed_on.is_(None),
            ActionItem.completed_on > ActionItem.due_on,
        )
    )
    if clients is not None:
        statement = statement.where(ActionItem.client_id.in_(clients))
    result = conn.execute(statement)
    rows = result.cursor.fetchall() if result.cursor is not None else []
    result.close()
    columns = list(zip(*rows, strict=True)) or [()] * 6
    owners: dict[object, object] = {}  # one string object per distinct owner
    return HeldItems(
        item=np.asarray(columns[0], dtype="int64"),
        client=np.asarray(columns[1], dtype="int64"),
        due=np.asarray(columns[2], dtype="datetime64[D]"),
        completed=np.asarray(
            [np.datetime64("NaT") if d is None else d for d in columns[3]],
            dtype="datetime64[D]",
        ),
        shared=np.asarray([bool(s) for s in columns[4]], dtype=bool),
        owner=np.asarray([owners.setdefault(o, o) for o in columns[5]], dtype=object),
    )
