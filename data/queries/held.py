"""What a server holds in memory per database and data version: read once, used
by every view until a write moves the version.

Every write of the data bumps the data version in its transaction, so what is
held is read again when the version moves: all of it, or only what the write
changed where the writer recorded that (the clients whose rollups it
refreshed, `data.version.rollup_changes`). The version is read before the
rows: a write that lands between the two makes the held rows newer than their
version, never older, and the next view reads them again. A transaction that
has written reads its own rows and holds none.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Protocol, Self, TypeVar

from sqlalchemy import Connection, Engine

from data.version import (
    CHANGED_AS_ALL,
    data_version,
    rollup_changes,
    wrote_in_transaction,
)

T = TypeVar("T")


class PerClient(Protocol):
    """What is held of every client, whose clients' part can be replaced."""

    def replaced(self, clients: Sequence[int], fresh: Self) -> Self: ...


P = TypeVar("P", bound=PerClient)

_HELD: weakref.WeakKeyDictionary[Engine, dict[Hashable, tuple[int, object]]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.Lock()


def hold_for(engine: Engine) -> None:
    """Read this database's inputs from memory from now on (a server, whose
    views read them again and again). Elsewhere (a command, a worker that
    renders a report now and then) they are read from the database, which for
    one view costs less than reading whole tables."""
    with _LOCK:
        _HELD.setdefault(engine, {})


def holds(conn: Connection) -> bool:
    """Whether to read from memory: the database is held (`hold_for`) and the
    connection's transaction has not written (its rows are its own)."""
    return conn.engine in _HELD and not wrote_in_transaction(conn)


def held(
    conn: Connection,
    name: Hashable,
    read: Callable[[Connection], T],
    version: int | None = None,
    forget: Callable[[dict[Hashable, tuple[int, object]]], None] | None = None,
    update: Callable[[Connection, T, int, int], T | None] | None = None,
) -> T:
    """`read(conn)` as of the connection's data version (`version`, read by the
    caller, or None to read it here): held under `name` from an earlier call
    when the version has not moved, else `update(conn, held, held_version,
    version)` where given (None from it: read all), else read now. One value
    is held per name (the newest read), and `forget` may drop more of what is
    kept. A transaction that has written reads its own rows and holds nothing: its
    writes are not committed, and may never be."""
    if wrote_in_transaction(conn):
        return read(conn)
    if version is None:
        version = data_version(conn)
    engine = conn.engine
    found = _found(engine, name)
    if found is not None and found[0] == version:
        return found[1]  # type: ignore[return-value]
    value = None
    if found is not None and update is not None and found[0] < version:
        value = update(conn, found[1], found[0], version)  # type: ignore[arg-type]
    if value is None:
        value = read(conn)
    with _LOCK:
        kept = _HELD.setdefault(engine, {})
        kept.pop(name, None)
        kept[name] = (version, value)  # last: the most recently read
        if forget is not None:
            forget(kept)
    return value


def held_if_current(conn: Connection, name: Hashable) -> object | None:
    """What is held under `name` if it was read at the connection's data
    version, else None (nothing is read)."""
    if wrote_in_transaction(conn):
        return None
    found = _found(conn.engine, name)
    if found is None or found[0] != data_version(conn):
        return None
    return found[1]


def _found(engine: Engine, name: Hashable) -> tuple[int, object] | None:
    """(version, value) held under `name` for this database, or None."""
    with _LOCK:
        return _HELD.get(engine, {}).get(name)


def forget_others(kind: str, current: Hashable) -> Callable[[dict], None]:
    """A `forget` for `held`: drop what is held under names `(kind, other, ...)`
    whose second part is not `current` (e.g. what was read for another day)."""

    def forget(kept: dict) -> None:
        for name in [
            n
            for n in kept
            if isinstance(n, tuple) and n[:1] == (kind,) and n[1:2] != (current,)
        ]:
            del kept[name]

    return forget


def changed_clients_read(
    read: Callable[[Connection, list[int]], P],
    also: Callable[[Connection, P], set[int]] | None = None,
) -> Callable[[Connection, P, int, int], P | None]:
    """An `update` for `held`: the clients the writes since recorded
    (`data.version.rollup_changes`), and those `also(conn, kept)` finds
    changed, replaced by `read(conn, clients)`; nothing read when there are
    none, all read again (None) when all may have changed or more than
    CHANGED_AS_ALL did."""

    def update(conn: Connection, kept: P, since: int, until: int) -> P | None:
        changed = rollup_changes(conn, since, until)
        if changed is None:
            return None
        if also is not None:
            changed |= also(conn, kept)
        if len(changed) > CHANGED_AS_ALL:
            return None
        if not changed:
            return kept
        clients = sorted(changed)
        return kept.replaced(clients, read(conn, clients))

    return update
