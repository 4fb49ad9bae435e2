"""Properties of the P-1 and year-earlier windows of METRICS.md (Time), over random
periods, as_of dates and invoices that fall on month ends and 29 February."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Period, Window, period_containing, periods_between
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import kpi_report
from dashboard.kpis.context import KpiContext
from tests.test_properties import PROPERTY_SETTINGS, days, load

FIRST_DAY = dt.date(2023, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)
MONTH_ENDS = [
    period.last_day for period in periods_between(FIRST_DAY, LAST_DAY, "month")
]
SPECIAL_DAYS = [*MONTH_ENDS, dt.date(2024, 2, 29), dt.date(2024, 3, 1)]
DATABASE_SETTINGS = settings(PROPERTY_SETTINGS, max_examples=20)
RETENTION = ("nrr", "grr", "expansion", "contraction", "churned_revenue")


def a_year_earlier(day: dt.date) -> dt.date:
    """METRICS.md: the same date one year earlier; 29 February maps to 28."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return dt.date(day.year - 1, 2, 28)


def expected_year_earlier(period: Period, window: Window) -> Window:
    """P-1y of a window of P, written out from METRICS.md."""
    if window == Window(period.start, period.last_day):
        earlier = period_containing(
            dt.date(period.start.year - 1, period.start.month, 1),
            period.kind,
            period.fiscal_start_month,
        )
        return Window(earlier.start, earlier.last_day)
    return Window(a_year_earlier(window.start), a_year_earlier(window.t))


def expected_previous(period: Period, as_of: dt.date) -> Window:
    """P-1: whole when P is over, else cut to the days of `[P.start, t]`."""
    previous = period.previous()
    if as_of >= period.last_day:
        return Window(previous.start, previous.last_day)
    days = (as_of - period.start).days + 1
    cut = previous.start + dt.timedelta(days=days - 1)
    return Window(previous.start, min(cut, previous.last_day))


@st.composite
def periods(draw, low=FIRST_DAY, high=LAST_DAY):
    """A period of any kind (calendar or fiscal) and an as_of on or after its start."""
    fiscal = draw(st.sampled_from([1, 3, 4, 10]))
    kind = draw(st.sampled_from(["quarter", "month", "year"]))
    period = period_containing(draw(days(low, high)), kind, fiscal)
    as_of = period.start + dt.timedelta(draw(st.integers(0, 400)))
    if draw(st.booleans()):  # often the last days of P or of one of its months
        month = period_containing(as_of, "month")
        as_of = month.last_day - dt.timedelta(draw(st.integers(0, 2)))
    return period, max(as_of, period.start)


@settings(max_examples=300, deadline=None)
@given(periods(dt.date(2000, 1, 1), dt.date(2100, 12, 31)))
def test_windows_of_p_and_p_minus_1_follow_the_rule(case):
    period, as_of = case
    ctx = KpiContext.for_period(
        Settings(as_of=as_of), Filters(period), Scope.everything()
    )
    assert ctx.window == Window(period.start, min(period.last_day, as_of))
    assert ctx.year_earlier == expected_year_earlier(period, ctx.window)
    previous = ctx.previous()
    assert previous.window == expected_previous(period, as_of)
    assert previous.year_earlier == expected_year_earlier(
        period.previous(), previous.window
    )


@st.composite
def near_29_february(draw):
    """P whose P-1 holds a February next to 29 February 2024 (in it or a year on)."""
    fiscal = draw(st.sampled_from([1, 3, 4, 10]))
    kind = draw(st.sampled_from(["quarter", "month", "year"]))
    february = dt.date(draw(st.sampled_from([2024, 2025])), 2, 15)
    period = period_containing(february, kind, fiscal).shifted(1)
    return period, period.start + dt.timedelta(draw(st.integers(0, 400)))


def edges(period: Period, as_of: dt.date) -> list[dt.date]:
    """The last days of the year-earlier windows of P and P-1 and the days around."""
    window = Window(period.start, min(period.last_day, as_of))
    previous = expected_previous(period, as_of)
    ends = [
        expected_year_earlier(period, window).t,
        expected_year_earlier(period.previous(), previous).t,
    ]
    return [end + dt.timedelta(days=step) for end in ends for step in (-1, 0, 1)]


@st.composite
def cases(draw, complete: bool = False):
    """Invoices per client (many on window edges, month ends, 29 February), P and
    as_of; with `complete`, P is over on as_of."""
    period, as_of = draw(near_29_february() | periods(dt.date(2024, 1, 1)))
    if complete:
        as_of = max(as_of, period.last_day)
    day = (
        days(dt.date(2022, 1, 1), LAST_DAY)
        | st.sampled_from(SPECIAL_DAYS)
        | st.sampled_from(edges(period, as_of))
        | st.sampled_from(edges(period, as_of))
    )
    amount = st.integers(-20_000, 90_000)
    clients = draw(
        st.lists(st.lists(st.tuples(day, amount), max_size=5), min_size=1, max_size=6)
    )
    return clients, period, as_of


def book(clients):
    return load([(dt.date(2020, 1, 1), None, "smb", own) for own in clients])


def report(engine, period: Period, as_of: dt.date) -> dict:
    config = Settings(as_of=as_of, fiscal_year_start_month=period.fiscal_start_month)
    with engine.connect() as conn:
        return kpi_report(
            conn, settings=config, filters=Filters(period), scope=Scope.everything()
        )


@DATABASE_SETTINGS
@given(cases(complete=True))
def test_previous_of_a_complete_period_is_that_period_itself(case):
    clients, period, as_of = case
    engine = book(clients)
    previous = report(engine, period, as_of)["previous"]
    itself = report(engine, period.previous(), as_of)
    assert previous == {key: itself[key] for key in previous}


@DATABASE_SETTINGS
@given(cases())
def test_retention_of_p_minus_1_counts_its_own_year_earlier_window(case):
    clients, period, as_of = case
    previous = report(book(clients), period, as_of)["previous"]
    window = expected_previous(period, as_of)
    earlier = expected_year_earlier(period.previous(), window)
    pairs = [
        (
            sum(cents for day, cents in own if window.contains(day)),
            sum(cents for day, cents in own if earlier.contains(day)),
        )
        for own in clients
    ]
    base = [(now, before) for now, before in pairs if before > 0]
    if not base:
        assert all(previous[key] is None for key in RETENTION)
        return
    before_total = sum(before for _, before in base)
    assert previous["nrr"] == sum(now for now, _ in base) / before_total
    assert previous["grr"] == sum(min(now, b) for now, b in base) / before_total
    assert previous["expansion"] == sum(max(n - b, 0) for n, b in base) / 100
    assert previous["contraction"] == sum(b - n for n, b in base if 0 < n < b) / 100
    assert previous["churned_revenue"] == sum(b for n, b in base if n <= 0) / 100
