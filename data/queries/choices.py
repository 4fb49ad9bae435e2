"""Queries behind the filter bar: the clients, regions and owners that may be chosen,
and the clients the client picker offers for a typed text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, func, or_, select

from dashboard.kernel.filters import FilterOptions
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.frames import plain_rows
from data.queries.held import held, holds
from data.queries.selection import scope_condition


def client_choices(*, conn: Connection, scope: Scope) -> pd.DataFrame:
    """Clients the viewer may pick: external_id and name, ordered by name."""
    rows = conn.execute(
        select(
            Client.external_id, Client.name, Client.segment, Client.region, Client.owner
        )
        .where(scope_condition(scope))
        .order_by(Client.name, Client.external_id)
    ).all()
    return pd.DataFrame(
        plain_rows(rows), columns=["external_id", "name", "segment", "region", "owner"]
    )


Named = list[tuple[str, str]]
# Ids bound per query (SQLite allows at most 32,766 parameters in a statement).
NAMES_PER_QUERY = 5000
# Escapes LIKE's wildcards in a typed text, so that "%" and "_" match themselves.
LIKE_ESCAPE = "\\"


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its wildcards taken literally."""
    escaped = (
        text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
        .replace("%", LIKE_ESCAPE + "%")
        .replace("_", LIKE_ESCAPE + "_")
    )
    return f"%{escaped}%"


def named_clients(*, conn: Connection, scope: Scope, external_ids) -> Named:
    """(external_id, name) of those of `external_ids` within the scope, by name;
    ids that are not clients there are left out."""
    wanted = sorted(set(external_ids))
    if not wanted:
        return []
    rows = conn.execute(
        select(Client.external_id, Client.name)
        .where(scope_condition(scope), Client.external_id.in_(wanted))
        .order_by(Client.name, Client.external_id)
    ).all()
    return [(external_id, name) for external_id, name in rows]


def matching_clients(*, conn: Connection, scope: Scope, text: str, limit: int) -> Named:
    """At most `limit` clients within the scope whose name or external id holds
    `text` (case-insensitive, the text bound as a parameter), by name; with no
    text, the first clients by name."""
    query = select(Client.external_id, Client.name).where(scope_condition(scope))
    if text:
        pattern = like_pattern(text)
        query = query.where(
            or_(
                Client.name.ilike(pattern, escape=LIKE_ESCAPE),
                Client.external_id.ilike(pattern, escape=LIKE_ESCAPE),
            )
        )
    rows = conn.execute(
        query.order_by(Client.name, Client.external_id).limit(limit)
    ).all()
    return [(external_id, name) for external_id, name in rows]


def filter_options(*, conn: Connection, scope: Scope) -> FilterOptions:
    """The client ids, regions and owners that exist within the scope."""
    clients = client_choices(conn=conn, scope=scope)
    return FilterOptions(
        client_ids=frozenset(clients["external_id"]),
        regions=frozenset(clients["region"].dropna()),
        owners=frozenset(clients["owner"].dropna()),
    )


def client_attributes(
    *, conn: Connection, scope: Scope
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The regions and the owners of the clients within the scope, each sorted."""

    def distinct(column) -> tuple[str, ...]:
        rows = conn.execute(
            select(column)
            .where(scope_condition(scope), column.is_not(None))
            .group_by(column)
        ).scalars()
        return tuple(sorted(rows))

    return distinct(Client.region), distinct(Client.owner)


def client_names(*, conn: Connection, scope: Scope, external_ids) -> dict[str, str]:
    """external_id → name of those of `external_ids` within the scope."""
    wanted = sorted(set(external_ids))
    names: dict[str, str] = {}
    for start in range(0, len(wanted), NAMES_PER_QUERY):
        names.update(
            named_clients(
                conn=conn,
                scope=scope,
                external_ids=wanted[start : start + NAMES_PER_QUERY],
            )
        )
    return names


@dataclass(frozen=True)
class ScopeChoices:
    """What the filter bar offers within a scope whatever the link: its first
    clients by name, its regions and owners, and its earliest onboarding day."""

    first_by_name: tuple[tuple[str, str], ...]
    regions: tuple[str, ...]
    owners: tuple[str, ...]
    first_day: dt.date | None


# Scopes whose choices a server keeps (each viewer's scope is one; the oldest
# read is dropped first).
SCOPES_HELD = 64


def scope_choices(conn: Connection, scope: Scope, first: int) -> ScopeChoices:
    """`ScopeChoices` with the `first` clients by name; where the database is
    held (a server), read once per scope and data version."""

    def read(c: Connection) -> ScopeChoices:
        named = matching_clients(conn=c, scope=scope, text="", limit=first)
        regions, owners = client_attributes(conn=c, scope=scope)
        return ScopeChoices(
            tuple(named), regions, owners, first_data_day(conn=c, scope=scope)
        )

    if not holds(conn):
        return read(conn)
    return held(conn, ("choices", scope, first), read, forget=_keep_newest_scopes)


def _keep_newest_scopes(kept: dict) -> None:
    names = [n for n in kept if isinstance(n, tuple) and n[:1] == ("choices",)]
    for name in names[:-SCOPES_HELD]:  # in the order they were read
        del kept[name]


def first_data_day(*, conn: Connection, scope: Scope) -> dt.date | None:
    """The earliest onboarding day within the scope (where the quarter list starts)."""
    return conn.execute(
        select(func.min(Client.onboarded_on)).where(scope_condition(scope))
    ).scalar_one()
