"""Year-earlier windows in reports: whole periods against whole periods, periods to
date against the same dates a year earlier, for P and for P-1 alike."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis import kpi_report
from tests.factories import add_client, add_invoice

D = dt.date
RETENTION = ("nrr", "grr", "expansion", "contraction", "churned_revenue")


def report(engine, settings, label: str, as_of: dt.date) -> dict:
    with engine.connect() as conn:
        return kpi_report(
            conn,
            settings=settings.with_(as_of=as_of),
            filters=Filters(parse_period(label)),
            scope=Scope.everything(),
        )


def add_invoices(engine, *clients: list[tuple[dt.date, int]]) -> None:
    with engine.begin() as conn:
        for invoices in clients:
            client_id = add_client(conn, onboarded_on=D(2023, 1, 1))
            for day, cents in invoices:
                add_invoice(conn, client_id, day, cents)


def test_previous_of_a_whole_quarter_compares_with_the_whole_quarter_before(
    engine, settings
):
    # 2025-Q2 is over; P-1 = 2025-Q1 (90 days) against all of 2024-Q1 (91 days),
    # 2024-03-31 included. A: 100 + 100 in 2024-Q1, 150 in 2025-Q1; B: 100 on
    # 2024-03-31 only. Base = A 200 + B 100 = 300; current A 150, B 0.
    add_invoices(
        engine,
        [(D(2024, 1, 15), 10_000), (D(2024, 3, 31), 10_000), (D(2025, 2, 15), 15_000)],
        [(D(2024, 3, 31), 10_000)],
    )
    previous = report(engine, settings, "2025-Q2", D(2025, 7, 10))["previous"]
    assert previous["window"] == {"start": "2025-01-01", "t": "2025-03-31"}
    assert previous["nrr"] == 0.5  # 150 / 300
    assert previous["grr"] == 0.5  # (min(150, 200) + min(0, 100)) / 300
    assert previous["expansion"] == 0.0
    assert previous["contraction"] == 50.0  # A: 200 - 150
    assert previous["churned_revenue"] == 100.0  # B
    own = report(engine, settings, "2025-Q1", D(2025, 7, 10))
    assert {key: own[key] for key in RETENTION} == {
        key: previous[key] for key in RETENTION
    }


def test_previous_of_a_year_to_date_compares_with_the_same_dates_a_year_earlier(
    engine, settings
):
    # 2026 to 14 Aug; P-1 = 1 Jan–14 Aug 2025 against 1 Jan–14 Aug 2024 (not the
    # first 226 days of 2024, which end on 13 Aug). C: 100 on 2024-08-14, 120 on
    # 2025-08-01 -> NRR 1.2, GRR 1.0, expansion 20.
    add_invoices(engine, [(D(2024, 8, 14), 10_000), (D(2025, 8, 1), 12_000)])
    result = report(engine, settings, "2026", D(2026, 8, 14))
    previous = result["previous"]
    assert previous["window"] == {"start": "2025-01-01", "t": "2025-08-14"}
    assert previous["nrr"] == pytest.approx(1.2, rel=1e-12)
    assert previous["grr"] == 1.0
    assert previous["expansion"] == 20.0
    # P itself: 1 Jan–14 Aug 2026 against 1 Jan–14 Aug 2025: C paid 120, now 0.
    assert (result["nrr"], result["churned_revenue"]) == (0.0, 120.0)


def test_a_period_to_date_across_29_february_keeps_the_calendar_dates(engine, settings):
    # 2025 to 15 March (74 days) against 1 Jan–15 Mar 2024 (75 days: 29 Feb).
    # D: 100 on 2024-03-15, 50 on 2025-03-01 -> NRR 0.5, contraction 50.
    add_invoices(engine, [(D(2024, 3, 15), 10_000), (D(2025, 3, 1), 5_000)])
    result = report(engine, settings, "2025", D(2025, 3, 15))
    assert (result["nrr"], result["contraction"]) == (0.5, 50.0)


def test_29_february_to_date_maps_to_28_february(engine, settings):
    # 2024-Q1 to 29 Feb against 1 Jan–28 Feb 2023: E's 100 on 2023-02-28 is in
    # the base, F's 100 on 2023-03-01 is not. E pays 80 in 2024, F 200.
    add_invoices(
        engine,
        [(D(2023, 2, 28), 10_000), (D(2024, 2, 10), 8_000)],
        [(D(2023, 3, 1), 10_000), (D(2024, 2, 10), 20_000)],
    )
    result = report(engine, settings, "2024-Q1", D(2024, 2, 29))
    assert (result["nrr"], result["grr"]) == (0.8, 0.8)
    assert result["contraction"] == 20.0
