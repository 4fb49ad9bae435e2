"""kpi_report: the JSON shape, the previous period cut like P, fiscal periods."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from dashboard.kernel.catalog import KPI_KEYS
from dashboard.kernel.filters import Filters, parse_filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis import cohort_retention, kpi_report, kpi_trend
from tests.factories import BOOK_AS_OF, add_book, add_invoice

Q2 = parse_period("2026-Q2")


@pytest.fixture
def book(engine):
    """The book, plus two invoices of A in 2026-Q1: one inside the cut window of
    P-1 ([2026-01-01, 2026-02-14]) and one after it."""
    with engine.begin() as conn:
        ids = add_book(conn)
        add_invoice(conn, ids["A"], dt.date(2026, 2, 10), 10_000)
        add_invoice(conn, ids["A"], dt.date(2026, 3, 1), 99_000)
    return engine


def report(engine, settings, filters=None, scope=None):
    with engine.connect() as conn:
        return kpi_report(
            conn,
            settings=settings.with_(as_of=BOOK_AS_OF),
            filters=filters or Filters(Q2),
            scope=scope or Scope.everything(),
        )


def test_report_shape(book, settings):
    result = report(book, settings)
    labels = ["period", "as_of", "window", "filters"]
    assert list(result) == [*labels, *KPI_KEYS, "previous"]
    assert list(result["previous"]) == ["period", "window", *KPI_KEYS]
    assert result["period"] == "2026-Q2"
    assert result["as_of"] == "2026-05-15"
    assert result["window"] == {"start": "2026-04-01", "t": "2026-05-15"}
    assert result["filters"] == Filters(Q2).as_dict()
    for values in (result, result["previous"]):
        for key in KPI_KEYS:
            value = values[key]
            assert value is None or type(value) in (int, float), key
            assert not (isinstance(value, float) and math.isnan(value)), key


def test_report_values_for_the_book(book, settings):
    result = report(book, settings)
    # counts: see tests/data/queries/test_clients.py
    assert [result[k] for k in KPI_KEYS[:6]] == [3, 5, 2, 4, 0.6, 0.4]
    # revenue in [04-01, 05-15]: A 150000 + B 30000 + C 20000 + H 0 = 200000 cents,
    # paying A, B, C -> ARPA 2000 / 3
    assert result["revenue"] == 2000.0
    assert result["arpa"] == pytest.approx(2000 / 3, rel=1e-12)
    # B = A 100000, B 80000, G 60000, H 40000 (E's -10000 is not revenue)
    assert result["nrr"] == pytest.approx(180_000 / 280_000, rel=1e-12)
    assert result["grr"] == pytest.approx(130_000 / 280_000, rel=1e-12)
    assert result["expansion"] == 500.0  # A: 150000 - 100000
    assert result["contraction"] == 500.0  # B: 80000 - 30000
    assert result["churned_revenue"] == 1000.0  # G 60000 + H 40000
    # T12 [2025-05-16, 2026-05-15]: A 150000+10000+99000, B 30000, C 20000,
    # E 70000, H 0 -> 379000 over 4 paying = 947.50; churn_12: S = A, E, G, H
    # (active 2025-05-16), L_S = E (2026-04-01), H (2026-05-15) -> 0.5
    assert result["clv"] == 1895.0  # 947.50 * 1.0 / 0.5
    # spend 300000 + 100000 over N = 2
    assert result["cac"] == 2000.0
    assert result["nps"] == pytest.approx(100 / 7, rel=1e-12)
    assert (result["csat"], result["nps_n"], result["csat_n"]) == (50.0, 7, 4)


def test_previous_period_is_cut_like_p(book, settings):
    previous = report(book, settings)["previous"]
    assert previous["period"] == "2026-Q1"
    # 2026-05-15 is day 45 of Q2, so P-1 counts 2026-01-01 .. 2026-02-14
    assert previous["window"] == {"start": "2026-01-01", "t": "2026-02-14"}
    # A, B, E, G, H active all along; nothing new or lost
    assert [previous[k] for k in KPI_KEYS[:6]] == [5, 5, 0, 0, 1.0, 0.0]
    assert previous["revenue"] == 100.0  # 02-10 only, 03-01 is after the cut
    assert previous["arpa"] == 100.0
    # its P-1y, [2025-01-01, 2025-02-14], has no invoices: no base
    assert previous["nrr"] is None and previous["expansion"] is None
    # T12 [2025-02-15, 2026-02-14]: S = A, G, H, none lost -> churn_12 = 0
    assert previous["clv"] is None
    assert previous["cac"] is None  # no new clients
    assert (previous["nps"], previous["nps_n"], previous["csat_n"]) == (None, 0, 0)


def test_finished_period_compares_whole_periods(book, settings):
    result = report(book, settings, Filters(parse_period("2026-Q1")))
    assert result["window"] == {"start": "2026-01-01", "t": "2026-03-31"}
    assert result["previous"]["window"] == {"start": "2025-10-01", "t": "2025-12-31"}
    assert result["revenue"] == 1090.0  # 10000 + 99000 cents


def test_fiscal_april_period(book, settings):
    fiscal = settings.with_(fiscal_year_start_month=4, as_of=BOOK_AS_OF)
    filters = parse_filters(period=None, as_of=BOOK_AS_OF, fiscal_start_month=4)
    result = report(book, fiscal, filters)
    assert result["period"] == "FY2027-Q1"  # April-June 2026
    assert result["window"] == {"start": "2026-04-01", "t": "2026-05-15"}
    assert result["previous"]["period"] == "FY2026-Q4"
    assert result["previous"]["window"] == {"start": "2026-01-01", "t": "2026-02-14"}
    assert result["filters"]["period"] == "FY2027-Q1"
    # the same days as calendar 2026-Q2, so the same figures
    calendar = report(book, settings)
    for key in KPI_KEYS:
        assert result[key] == calendar[key], key


def test_internal_figures_hidden_from_clients(book, settings):
    result = report(book, settings, scope=Scope.for_client("A"))
    assert result["cac"] is None and result["meeting_cost"] is None
    assert result["active_clients"] == 1
    assert result["revenue"] == 1500.0


def test_cac_with_filters(book, settings):
    # smb: spend tagged smb 300000 over N = C, D
    assert report(book, settings, Filters(Q2, segment="smb"))["cac"] == 1500.0
    assert report(book, settings, Filters(Q2, region="north"))["cac"] is None
    assert report(book, settings, Filters(Q2, clients=("C",)))["cac"] is None


def test_trend_uses_each_period_on_its_own(book, settings):
    with book.connect() as conn:
        trend = kpi_trend(
            conn,
            settings=settings.with_(as_of=BOOK_AS_OF),
            filters=Filters(Q2),
            scope=Scope.everything(),
            keys=("new_clients", "revenue", "arpa"),
            periods=3,
        )
    assert list(trend.index) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    assert trend["new_clients"].tolist() == [0, 0, 2]
    assert trend["revenue"].tolist() == [0.0, 1090.0, 2000.0]
    assert trend.loc["2025-Q4", "arpa"] is None


def test_trend_reuses_the_reports_period(book, settings):
    settings = settings.with_(as_of=BOOK_AS_OF)
    keys = ("new_clients", "revenue")
    with book.connect() as conn:
        fresh = kpi_trend(
            conn, settings=settings, filters=Filters(Q2),
            scope=Scope.everything(), keys=keys, periods=3,
        )  # fmt: skip
        result = report(book, settings, Filters(Q2))
        assert (result["new_clients"], result["revenue"]) == (2, 2000.0)
        # A report for another period is not reused; a marked one shows its use.
        marked = {**result, "revenue": -1.0}
        reused = kpi_trend(
            conn, settings=settings, filters=Filters(Q2),
            scope=Scope.everything(), keys=keys, periods=3, known=marked,
        )  # fmt: skip
        other = kpi_trend(
            conn, settings=settings, filters=Filters(Q2),
            scope=Scope.everything(), keys=keys, periods=3,
            known={**marked, "period": "2026-Q3"},
        )  # fmt: skip
    assert reused["revenue"].tolist() == [0.0, 1090.0, -1.0]
    assert other.equals(fresh)


def test_cohort_retention_from_the_database(book, settings):
    with book.connect() as conn:
        matrix = cohort_retention(
            conn,
            settings=settings.with_(as_of=BOOK_AS_OF),
            filters=Filters(Q2),
            scope=Scope.everything(),
        )
    assert matrix.index[0] == "2024-Q1" and matrix.index[-1] == "2026-Q2"
    # 2024-Q1: G, H, both active on every quarter end up to 2026-03-31
    assert matrix.loc["2024-Q1", "size"] == 2
    assert matrix.loc["2024-Q1", list(range(9))].tolist() == [1.0] * 9
    assert math.isnan(matrix.loc["2024-Q1", 9])  # 2026-06-30 is after as_of
    # 2026-Q2: C and D (F joins after as_of); no finished quarter yet
    assert matrix.loc["2026-Q2", "size"] == 2
    assert matrix.loc["2026-Q2", 0] != matrix.loc["2026-Q2", 0]
