"""Each client's data-quality counts and newest feed rows, held in memory per
data version and day where the database is held (a server; `data.queries.held`).

The "Data issues" badge of every view counts its checks' offending rows for the
view's clients; in SQL that is some ten statements over the event tables, about
half a second for all clients at `large`. Held here per client, a view's counts
are sums over its clients and its feeds' newest rows a maximum: what the SQL
statements give, row for row, since each offending row belongs to one client.
Duplicate names depend on the selection (two clients share a name within it):
each client's name key (as the database computes it) is held and compared
within the view's clients. Acquisition spend belongs to no client and is read
from the database (a few hundred rows).

After a write, the clients it recorded (`data.version.rollup_changes`) and the
clients whose own row changed (a client import records none) are read again.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, func, select

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.held import changed_clients_read, forget_others, held
from data.queries.quality import ROW_CHECKS, name_key
from data.queries.quality_base import CheckDates
from data.queries.quality_feeds import newest_found, newest_per_client
from data.queries.selection import selected_client_ids

DUPLICATES = "duplicate_client_names"
NOT_A_TIME = np.datetime64("NaT")  # a feed without a row
# The checks counted per client (duplicate names are compared per view).
CLIENT_CHECKS = [check for check in ROW_CHECKS if check != DUPLICATES]
# What a client's own row holds that a check reads.
CLIENT_FIELDS = [
    Client.id,
    Client.external_id,
    Client.name,
    Client.segment,
    Client.region,
    Client.owner,
    Client.onboarded_on,
    Client.churned_on,
]


@dataclass(frozen=True)
class HeldQuality:
    """Per client (sorted ids): its row (ending in its name key), its name key,
    each check's offending rows and each feed's newest value (NaT: none;
    meetings as UTC starts)."""

    client: np.ndarray
    rows: dict[int, tuple]
    name_key: np.ndarray
    counts: dict[str, np.ndarray]
    newest: dict[str, np.ndarray]

    def counted(self, ids: np.ndarray | None) -> dict[str, int]:
        """Check → offending rows of the clients `ids` (None: all, counted once)."""
        if ids is None:
            return dict(self._all_counted)
        return self._counted(np.isin(self.client, ids, kind="table"))

    @functools.cached_property
    def _all_counted(self) -> dict[str, int]:
        return self._counted(np.ones(len(self.client), dtype=bool))

    def _counted(self, mask: np.ndarray) -> dict[str, int]:
        found = {check: int(self.counts[check][mask].sum()) for check in CLIENT_CHECKS}
        _, first, times = np.unique(
            self.name_key[mask], return_inverse=True, return_counts=True
        )
        found[DUPLICATES] = int((times[first] > 1).sum())
        return {check: found[check] for check in ROW_CHECKS}

    def newest_of(self, ids: np.ndarray | None) -> dict[str, object]:
        """Feed → the newest value among the clients `ids` (None: all)."""
        mask = None if ids is None else np.isin(self.client, ids, kind="table")
        found: dict[str, object] = {}
        for feed, values in self.newest.items():
            chosen = values if mask is None else values[mask]
            chosen = chosen[~np.isnat(chosen)]
            found[feed] = chosen.max().item() if len(chosen) else None
        return found

    def replaced(self, clients: Sequence[int], fresh: HeldQuality) -> HeldQuality:
        """These clients' figures with those of `clients` replaced by `fresh`
        (theirs as they are now; a deleted client has none)."""
        keep = ~np.isin(self.client, np.asarray(clients, dtype="int64"))
        order = np.argsort(np.concatenate([self.client[keep], fresh.client]))

        def joined(mine: np.ndarray, theirs: np.ndarray) -> np.ndarray:
            return np.concatenate([mine[keep], theirs])[order]

        gone = set(clients)
        rows = {i: row for i, row in self.rows.items() if i not in gone}
        return HeldQuality(
            client=joined(self.client, fresh.client),
            rows=rows | fresh.rows,
            name_key=joined(self.name_key, fresh.name_key),
            counts={c: joined(v, fresh.counts[c]) for c, v in self.counts.items()},
            newest={f: joined(v, fresh.newest[f]) for f, v in self.newest.items()},
        )


def held_quality(
    conn: Connection, dates: CheckDates, version: int | None = None
) -> HeldQuality:
    """Every client's check counts and newest feed rows for these dates, as of
    the connection's data version (see the module's text)."""
    return held(
        conn,
        ("quality", dates),
        lambda c: _read(c, dates),
        version,
        forget_others("quality", dates),
        changed_clients_read(
            lambda c, clients: _read(c, dates, clients), _rows_changed
        ),
    )


def _rows_changed(conn: Connection, kept: HeldQuality) -> set[int]:
    """The clients whose own row differs from the held one (new, changed or
    gone): a client import records none."""
    rows = _client_rows(conn)
    return {i for i in rows.keys() | kept.rows.keys()
            if rows.get(i) != kept.rows.get(i)}  # fmt: skip


def held_check_counts(
    conn: Connection, filters: Filters | None, scope: Scope, dates: CheckDates
) -> tuple[dict[str, int], dict[str, dt.date | None]]:
    """(check → offending rows, feed → its newest row's date) for the filters'
    clients within the scope, from what is held."""
    quality = held_quality(conn, dates)
    ids = selected_client_ids(conn, filters, scope)
    newest = newest_found(
        conn, quality.newest_of(ids), filters, scope, dates.as_of, dates.timezone
    )
    return quality.counted(ids), newest


def _client_rows(
    conn: Connection, clients: Sequence[int] | None = None
) -> dict[int, tuple]:
    statement = select(*CLIENT_FIELDS, name_key(Client.name))
    if clients is not None:
        statement = statement.where(Client.id.in_(clients))
    return {row[0]: tuple(row[1:]) for row in conn.execute(statement)}


def _read(
    conn: Connection, dates: CheckDates, clients: Sequence[int] | None = None
) -> HeldQuality:
    """Every client's figures (of these `clients`; None: all)."""
    rows = _client_rows(conn, clients)
    ids = np.array(sorted(rows), dtype="int64")
    counts = {}
    for check in CLIENT_CHECKS:
        statement = (
            ROW_CHECKS[check](None, Scope.everything(), dates)
            .with_only_columns(Client.id, func.count())
            .group_by(Client.id)
            .order_by(None)
        )
        if clients is not None:
            statement = statement.where(Client.id.in_(clients))
        counts[check] = _aligned(ids, conn.execute(statement), "int64", 0)
    found = newest_per_client(conn, dates.as_of, dates.timezone, clients)
    newest = {
        feed: _aligned(
            ids,
            found[feed],
            "datetime64[us]" if feed == "meetings" else "datetime64[D]",
        )
        for feed in found
    }
    return HeldQuality(
        client=ids,
        rows=rows,
        name_key=np.array([rows[i][-1] for i in ids.tolist()], dtype=object),
        counts=counts,
        newest=newest,
    )


def _aligned(
    ids: np.ndarray, pairs, dtype: str, empty: object = NOT_A_TIME
) -> np.ndarray:
    """(client id, value) pairs as an array aligned with `ids` (`empty` where
    a client has none)."""
    values = np.full(len(ids), empty, dtype=dtype)
    pairs = list(pairs)
    if pairs:
        keys = np.array([pair[0] for pair in pairs], dtype="int64")
        at = np.searchsorted(ids, keys)
        found = (at < len(ids)) & (ids[np.minimum(at, len(ids) - 1)] == keys)
        converted = np.array([_plain(pair[1]) for pair in pairs], dtype=dtype)
        values[at[found]] = converted[found]
    return values


def _plain(value: object) -> object:
    # SQLite returns MAX() of a date or a start as text.
    return (
        value if not isinstance(value, str) else np.datetime64(value.replace(" ", "T"))
    )
