"""Agreed targets of one period that a view may use: the selected clients' own,
their segments', and the portfolio's (which one applies: dashboard.metrics.targets)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, and_, case, exists, or_, select

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import Client, Target
from data.queries.frames import plain_rows
from data.queries.selection import client_condition, selected_clients

COLUMNS = [
    "scope",
    "client",
    "segment",
    "kpi",
    "period",
    "value",
    "note",
    "set_by",
    "set_at",
    "version",
]
_SCOPE_ORDER = case(
    (Target.scope == "client", 0), (Target.scope == "segment", 1), else_=2
)


def _target_rows(period: str):
    return (
        select(
            Target.scope,
            Client.external_id,
            Target.segment,
            Target.kpi,
            Target.period,
            Target.value,
            Target.note,
            Target.set_by,
            Target.set_at,
            Target.version,
        )
        .outerjoin(Client, Client.id == Target.client_id)
        .where(Target.period == period)
        .order_by(Target.kpi, _SCOPE_ORDER, Client.external_id, Target.segment)
    )


def _frame(conn: Connection, query) -> pd.DataFrame:
    frame = pd.DataFrame(plain_rows(conn.execute(query)), columns=COLUMNS)
    return frame.astype({"value": "float64", "version": "int64"})


def targets_for_period(
    *, conn: Connection, filters: Filters | None, scope: Scope, period: str
) -> pd.DataFrame:
    """The targets of `period` (a canonical label) for the selected clients, the
    segments they belong to, and the portfolio; by KPI, then client, segment,
    portfolio. Another client's target is never among them. Columns: COLUMNS
    (`client` is the client's external id)."""
    selected = client_condition(filters, scope)
    segments = select(Client.segment).where(selected).distinct()
    query = _target_rows(period).where(
        or_(
            and_(
                Target.scope == "client",
                selected_clients(Target.client_id, filters, scope),
            ),
            Target.segment.in_(segments),
            Target.scope == "portfolio",
        )
    )
    return _frame(conn, query)


def portfolio_targets(
    *, conn: Connection, filters: Filters, scope: Scope
) -> pd.DataFrame:
    """The portfolio's targets of the filters' period and, when they name a
    segment with a selected client, that segment's: what a view of the whole
    portfolio (or of one segment of it) may use, without reading every client's
    own. The rows `targets_for_period` gives of those two scopes, in its order."""
    wanted = Target.scope == "portfolio"
    if filters.segment is not None:
        has_clients = exists(select(Client.id).where(client_condition(filters, scope)))
        wanted = or_(
            wanted,
            and_(
                Target.scope == "segment",
                Target.segment == filters.segment,
                has_clients,
            ),
        )
    return _frame(conn, _target_rows(filters.period.label).where(wanted))
