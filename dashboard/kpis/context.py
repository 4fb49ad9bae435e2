"""What every KPI computation needs: settings, filters, scope and the window counted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings


@dataclass(frozen=True)
class KpiContext:
    """One computation of METRICS.md for one window.

    `window` is `[P.start, t]` for P, or the cut window of P-1 (then `t` is its last
    day, as METRICS.md says); `as_of` stays the same for both. `year_earlier` is
    the window of P-1y for `window`: the whole period a year earlier when `window`
    is a whole period, else the same dates a year earlier. `use_rollups` false
    reads every figure from the raw rows (the reference the rollups are checked
    against); true reads the rollups wherever they exist.
    """

    settings: Settings
    filters: Filters
    scope: Scope
    window: Window
    year_earlier: Window
    as_of: dt.date
    use_rollups: bool = True

    @property
    def t(self) -> dt.date:
        """METRICS.md's t: the last day counted."""
        return self.window.t

    @property
    def timezone(self) -> str:
        """The configured time zone name (meetings are bucketed by local date)."""
        return self.settings.timezone

    @classmethod
    def for_period(
        cls,
        settings: Settings,
        filters: Filters,
        scope: Scope,
        *,
        use_rollups: bool = True,
    ) -> KpiContext:
        """The context for the filters' period P."""
        as_of = settings.today()
        period = filters.period
        return cls(
            settings=settings,
            filters=filters,
            scope=scope,
            window=period.window(as_of),
            year_earlier=period.year_earlier_window(as_of),
            as_of=as_of,
            use_rollups=use_rollups,
        )

    def previous(self) -> KpiContext:
        """The context for P-1, cut to as many days as P has so far; its own
        year-earlier window follows the same rule as P's (METRICS.md, Time)."""
        period = self.filters.period
        previous = period.previous()
        window = period.previous_window(self.as_of)
        return replace(
            self,
            filters=self.filters.with_period(previous),
            window=window,
            year_earlier=previous.year_earlier_of(window),
        )

    def year_before(self) -> KpiContext:
        """The context for P-1y: the window `year_earlier`, counted exactly as P
        (the report's "same period last year"); its own year-earlier window follows
        the same rule."""
        period = self.filters.period.year_earlier()
        return replace(
            self,
            filters=self.filters.with_period(period),
            window=self.year_earlier,
            year_earlier=period.year_earlier_of(self.year_earlier),
        )
