"""The views the speed benchmark measures, as links of the dashboard and as filters.

Each scenario of the issue's table (all clients this quarter, a past quarter, one
owner's book, one client) is chosen from the database the same way every run:
the past quarter is two quarters back, the owner the one with the most clients,
the client the first active one by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from sqlalchemy import create_engine, text

from dashboard.kernel.filters import Filters, default_period, parse_filters
from dashboard.kernel.settings import Settings

# The dashboard's drill-down tabs (the `tab` of its links).
TABS = ("retention", "churn", "meetings", "action_items", "budget", "satisfaction")


@dataclass(frozen=True)
class Scenario:
    """One view: its name, its link's query and the same view as peer filters."""

    name: str
    query: dict = field(default_factory=dict)
    peer: dict | None = None

    @property
    def path(self) -> str:
        """The dashboard link of the view."""
        return "/" + ("?" + urlencode(self.query, doseq=True) if self.query else "")


@dataclass(frozen=True)
class Sample:
    """What the scenarios are made of: a past quarter, an owner, a client."""

    this_quarter: str
    past_quarter: str
    owner: str
    client: str


def sample(database_url: str, settings: Settings) -> Sample:
    """The owner with the most clients and the first active client, by plain SQL."""
    engine = create_engine(database_url)
    with engine.connect() as conn:
        owner = conn.execute(
            text(
                "SELECT owner FROM clients WHERE owner IS NOT NULL GROUP BY owner"
                " ORDER BY count(*) DESC, owner LIMIT 1"
            )
        ).scalar_one()
        client = conn.execute(
            text("SELECT min(external_id) FROM clients WHERE churned_on IS NULL")
        ).scalar_one()
    engine.dispose()
    period = default_period(settings.today(), settings.fiscal_year_start_month)
    return Sample(period.label, period.shifted(-2).label, owner, client)


def scenarios(chosen: Sample, *, tabs: bool = True) -> list[Scenario]:
    """The headline views (with their peer filters) and, with `tabs`, every tab."""
    views = [
        Scenario("all clients, this quarter", {}, {}),
        Scenario(
            f"all clients, {chosen.past_quarter}",
            {"period": chosen.past_quarter},
            {"period": chosen.past_quarter},
        ),
        Scenario("one owner's book", {"owner": chosen.owner}, {"owner": chosen.owner}),
        Scenario("one client", {"client": chosen.client}, {"clients": [chosen.client]}),
    ]
    if tabs:
        views += [Scenario(f"tab {tab}, all clients", {"tab": tab}) for tab in TABS]
    return views


def check_filters(database_url: str, settings: Settings) -> list[Filters]:
    """The filters the peer's numbers are compared on: all clients this quarter,
    a past quarter, one owner, one client."""
    chosen = sample(database_url, settings)
    dates = {
        "as_of": settings.today(),
        "fiscal_start_month": settings.fiscal_year_start_month,
    }
    return [
        parse_filters(period=None, **dates),
        parse_filters(period=chosen.past_quarter, **dates),
        parse_filters(period=None, owner=chosen.owner, **dates),
        parse_filters(period=None, clients=[chosen.client], **dates),
    ]
