"""Acquisition (marketing and sales) spend in a window, in cents."""

from __future__ import annotations

from sqlalchemy import BigInteger, Connection, cast, func, select

from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import AcquisitionSpend


def acquisition_spend_cents(
    *, conn: Connection, scope: Scope, window: Window, segment: str | None = None
) -> int | None:
    """Spend in `[window.start, window.t]`; with a segment, only spend tagged with it.

    Acquisition spend belongs to no client, so only a viewer who sees every client
    and internal figures may see it: any other scope gets None.
    """
    if not (scope.is_everything and scope.internal):
        return None
    query = select(
        cast(func.coalesce(func.sum(AcquisitionSpend.amount_cents), 0), BigInteger)
    ).where(
        AcquisitionSpend.spent_on >= window.start,
        AcquisitionSpend.spent_on <= window.t,
    )
    if segment is not None:
        query = query.where(AcquisitionSpend.segment == segment)
    return int(conn.execute(query).scalar_one())
