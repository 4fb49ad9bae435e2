"""Filters: the validated value object for what the user asked to see."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from dashboard.kernel.periods import (
    Period,
    PeriodError,
    parse_period,
    period_containing,
)

SEGMENTS = ("enterprise", "mid_market", "smb")


class FilterError(ValueError):
    """One or more filter values cannot be used; `problems` lists each one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class FilterOptions:
    """What may be chosen: known client ids, regions and owners (from the database)."""

    client_ids: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    owners: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Filters:
    """A period plus the client criteria (ids, segment, region, owner).

    Queries use only the client criteria; the dates they count come from a Window.
    """

    period: Period
    clients: tuple[str, ...] = ()
    segment: str | None = None
    region: str | None = None
    owner: str | None = None
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_client_criteria(self) -> bool:
        """True when anything narrows the clients."""
        return bool(self.clients or self.segment or self.region or self.owner)

    def as_dict(self) -> dict:
        """The filters as plain values (JSON output, URLs)."""
        return {
            "period": self.period.label,
            "clients": list(self.clients),
            "segment": self.segment,
            "region": self.region,
            "owner": self.owner,
        }

    def with_period(self, period: Period) -> Filters:
        """The same client criteria for another period."""
        return replace(self, period=period)


def default_period(as_of: dt.date, fiscal_start_month: int = 1) -> Period:
    """The quarter containing as_of (quarter to date)."""
    return period_containing(as_of, "quarter", fiscal_start_month)


def last_complete_period(as_of: dt.date, fiscal_start_month: int = 1) -> Period:
    """The last (fiscal) quarter whose every day is on or before as_of: the
    period a review looks back on (a quarter to date would read as a drop)."""
    current = default_period(as_of, fiscal_start_month)
    return current if current.is_over(as_of) else current.previous()


def view_default_period(
    as_of: dt.date, fiscal_start_month: int = 1, *, client_facing: bool = False
) -> Period:
    """The period of a link without one: the last complete quarter on a page
    facing a client (presenting, a client's own login), else this quarter."""
    if client_facing:
        return last_complete_period(as_of, fiscal_start_month)
    return default_period(as_of, fiscal_start_month)


def parse_filters(
    *,
    period: str | None,
    clients: Iterable[str] = (),
    segment: str | None = None,
    region: str | None = None,
    owner: str | None = None,
    as_of: dt.date,
    fiscal_start_month: int = 1,
    options: FilterOptions | None = None,
) -> Filters:
    """Build Filters from strings (URL, command line); raise FilterError listing
    every bad value. With `options`, unknown clients, regions and owners are errors."""
    problems: list[str] = []
    chosen = default_period(as_of, fiscal_start_month)
    if period is not None and str(period).strip():
        try:
            chosen = parse_period(str(period), fiscal_start_month)
        except PeriodError as exc:
            problems.append(str(exc))
        else:
            if chosen.start > as_of:
                problems.append(
                    f"period {chosen.label} has not started yet (as of {as_of})"
                )
    client_ids = tuple(dict.fromkeys(c.strip() for c in clients if c and c.strip()))
    segment = _blank_to_none(segment)
    region = _blank_to_none(region)
    owner = _blank_to_none(owner)
    if segment is not None and segment not in SEGMENTS:
        problems.append(f"segment {segment!r} is not one of {', '.join(SEGMENTS)}")
    if options is not None:
        unknown = [c for c in client_ids if c not in options.client_ids]
        if unknown:
            problems.append(f"unknown client {', '.join(unknown)}")
        if region is not None and region not in options.regions:
            problems.append(f"unknown region {region!r}")
        if owner is not None and owner not in options.owners:
            problems.append(f"unknown owner {owner!r}")
    if problems:
        raise FilterError(problems)
    return Filters(chosen, client_ids, segment, region, owner)


def _blank_to_none(value: str | None) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


@dataclass(frozen=True)
class FilterChoices:
    """What the filter bar offers, as plain values (filled from the database)."""

    # (external_id, name): the first few by name, then the chosen ones beyond them.
    clients: tuple[tuple[str, str], ...] = ()
    periods: tuple[str, ...] = ()  # labels, newest first: quarters, years, months
    regions: tuple[str, ...] = ()
    owners: tuple[str, ...] = ()

    @functools.cached_property
    def client_names(self) -> dict[str, str]:
        """external_id → name, built once per choices."""
        return dict(self.clients)

    def client_name(self, external_id: str) -> str:
        """The name of a client, or its id when unknown."""
        return self.client_names.get(external_id, external_id)


def periods_to_date(as_of: dt.date, fiscal_start_month: int = 1) -> frozenset[str]:
    """The labels of the month, quarter and year still running on as_of: their
    figures so far are not a whole period's (a partial bar is not a drop)."""
    running = (
        period_containing(as_of, kind, fiscal_start_month)
        for kind in ("month", "quarter", "year")
    )
    return frozenset(p.label for p in running if not p.is_over(as_of))
