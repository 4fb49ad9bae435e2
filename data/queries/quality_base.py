"""What every data-quality check shares: the days it looks at, the selected
clients and the columns naming a client."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Period
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.selection import client_condition, local_midnight_utc

YEAR_DAYS = 365


@dataclass(frozen=True)
class CheckDates:
    """The days the checks look at: as_of, the last 12 months, the last complete
    quarter, and the time zone of meeting starts."""

    as_of: dt.date
    quarter: Period
    timezone: str

    @property
    def since(self) -> dt.date:
        """The first day of the last 12 months."""
        return self.as_of - dt.timedelta(days=YEAR_DAYS - 1)

    def meeting_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """UTC bounds of meetings whose local start date is in the last 12 months."""
        end = self.as_of + dt.timedelta(days=1)
        return (
            local_midnight_utc(self.since, self.timezone),
            local_midnight_utc(end, self.timezone),
        )


def clients_of(filters: Filters | None, scope: Scope) -> ColumnElement[bool]:
    """SQL on `clients`: the filters' clients within the viewer's scope."""
    return client_condition(filters, scope)


def client_columns() -> list:
    """The columns naming a row's client: external id, name and owner."""
    return [
        Client.external_id.label("client_external_id"),
        Client.name.label("client_name"),
        Client.owner.label("client_owner"),
    ]
