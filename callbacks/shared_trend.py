"""The trend rows the headline counts, kept for the tab of the same filters.

A filter change fires the headline and the open tab, and both count KPIs over
the same eight periods ending with the chosen one: the cards for their
sparklines, the tab for its trend charts. The headline's batched computation
(one query per topic for every period) also counts the keys the tabs' trends
read, `TAB_TREND_KEYS` (their topics are counted for the cards anyway), and
keeps the rows in the result cache under the filters, the viewer and the data
version. A tab of the same filters takes its columns from there instead of
counting the eight periods again; without them (the tab asked first, or no
result cache) it counts them itself. The rows are the same either way: each
period is counted by `kpi_headline` and `kpi_trend` with the same context.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from callbacks.cached_view import fresh_parts
from dashboard.kernel.filters import Filters
from dashboard.services import Services

TREND_PERIODS = 8
# Every key a tab's trend charts read (tests/callbacks/test_shared_trend.py
# checks each tab's against this list).
TAB_TREND_KEYS = (
    "retention_rate",
    "churn_rate",
    "nrr",
    "grr",
    "lost_clients",
    "attendance_rate",
    "goal_achievement_rate",
    "overrun_share",
    "avg_overrun_minutes",
    "nps",
    "nps_n",
    "csat",
    "csat_n",
)


def with_tab_keys(keys: list[str]) -> list[str]:
    """The headline's card keys and, after them, the tabs' trend keys."""
    return [*keys, *(key for key in TAB_TREND_KEYS if key not in keys)]


def _parts(services: Services, conn: Connection, filters: Filters) -> list:
    return ["trend", filters.as_dict(), TREND_PERIODS, *fresh_parts(services, conn)]


def keep_trend(
    services: Services, conn: Connection, filters: Filters, trend: pd.DataFrame
) -> None:
    """Keep the headline's trend rows of `filters` for the tabs (nothing
    without a result cache)."""
    if services.results is not None and len(trend.index) == TREND_PERIODS:
        services.results.put(_parts(services, conn, filters), trend)


def kept_trend(
    services: Services, conn: Connection, filters: Filters, keys: list[str]
) -> pd.DataFrame | None:
    """The kept trend rows of `filters`, `keys` only, or None when none are
    kept or they lack a key."""
    if services.results is None:
        return None
    trend = services.results.get(_parts(services, conn, filters))
    if not isinstance(trend, pd.DataFrame) or not set(keys) <= set(trend.columns):
        return None
    return trend[list(keys)]
