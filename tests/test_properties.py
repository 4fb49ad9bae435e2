"""Properties of the Clients, Revenue and cohort definitions over random books."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Period, period_containing
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import compute_kpis
from dashboard.kpis.context import KpiContext
from dashboard.metrics.cohorts import cohort_retention_matrix
from data.db import make_engine
from data.models import SEGMENTS, Base
from data.queries.clients import onboard_churn_pairs
from tests.factories import add_client, add_invoice

FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)
CLIENT_KEYS = ("active_clients", "clients_at_start", "new_clients", "lost_clients")
AMOUNT_KEYS = ("revenue", "expansion", "contraction", "churned_revenue")
PROPERTY_SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def days(low: dt.date, high: dt.date):
    return st.integers(0, (high - low).days).map(lambda n: low + dt.timedelta(n))


@st.composite
def books(draw):
    """Clients (onboarded, churned or None, segment, invoices) and an as_of."""
    clients = []
    for _ in range(draw(st.integers(0, 14))):
        onboarded = draw(days(FIRST_DAY, LAST_DAY))
        stays = draw(st.none() | st.integers(1, 600))
        churned = None if stays is None else onboarded + dt.timedelta(stays)
        invoices = draw(
            st.lists(
                st.tuples(days(FIRST_DAY, LAST_DAY), st.integers(-30_000, 90_000)),
                max_size=6,
            )
        )
        clients.append((onboarded, churned, draw(st.sampled_from(SEGMENTS)), invoices))
    as_of = draw(days(dt.date(2025, 1, 1), LAST_DAY))
    start = draw(days(FIRST_DAY, as_of))
    period = period_containing(start, draw(st.sampled_from(["quarter", "month"])))
    return clients, as_of, period


def load(clients) -> Engine:
    engine = make_engine("sqlite://")
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        for onboarded, churned, segment, invoices in clients:
            client_id = add_client(
                conn, onboarded_on=onboarded, churned_on=churned, segment=segment
            )
            for issued_on, cents in invoices:
                add_invoice(conn, client_id, issued_on, cents)
    return engine


def kpis(engine, as_of: dt.date, period: Period, segment=None) -> dict:
    ctx = KpiContext.for_period(
        Settings(as_of=as_of), Filters(period, segment=segment), Scope.everything()
    )
    keys = (*CLIENT_KEYS, "retention_rate", "churn_rate", *AMOUNT_KEYS, "nrr", "grr")
    with engine.connect() as conn:
        return compute_kpis(conn, ctx, keys)


def is_active(onboarded, churned, day) -> bool:
    return onboarded <= day and (churned is None or day < churned)


@PROPERTY_SETTINGS
@given(books())
def test_client_counts_match_the_definitions(book):
    clients, as_of, period = book
    values = kpis(load(clients), as_of, period)
    start, t = period.start, min(period.last_day, as_of)
    at_start = [c for c in clients if is_active(c[0], c[1], start)]
    lost_from_start = [c for c in at_start if c[1] is not None and c[1] <= t]
    assert values["active_clients"] == sum(is_active(c[0], c[1], t) for c in clients)
    assert values["clients_at_start"] == len(at_start)
    assert values["new_clients"] == sum(start <= c[0] <= t for c in clients)
    assert values["lost_clients"] == sum(
        c[1] is not None and start <= c[1] <= t for c in clients
    )
    if at_start:
        assert values["retention_rate"] + values["churn_rate"] == 1
        assert values["churn_rate"] == len(lost_from_start) / len(at_start)
    else:
        assert values["retention_rate"] is None and values["churn_rate"] is None


@PROPERTY_SETTINGS
@given(books())
def test_segments_add_up_to_the_whole(book):
    clients, as_of, period = book
    engine = load(clients)
    whole = kpis(engine, as_of, period)
    parts = [kpis(engine, as_of, period, segment) for segment in SEGMENTS]
    for key in CLIENT_KEYS:
        assert sum(part[key] for part in parts) == whole[key], key
    for key in AMOUNT_KEYS:
        cents = sum(round((part[key] or 0) * 100) for part in parts)
        assert cents == round((whole[key] or 0) * 100), key


@PROPERTY_SETTINGS
@given(books())
def test_revenue_retention_matches_the_definitions(book):
    clients, as_of, period = book
    values = kpis(load(clients), as_of, period)
    ctx = KpiContext.for_period(Settings(as_of=as_of), Filters(period), Scope())
    pairs = [
        (
            sum(c for day, c in invoices if ctx.window.contains(day)),
            sum(c for day, c in invoices if ctx.year_earlier.contains(day)),
        )
        for *_, invoices in clients
    ]
    base = [(now, before) for now, before in pairs if before > 0]
    assert values["revenue"] == sum(now for now, _ in pairs) / 100
    if not base:
        assert values["nrr"] is values["grr"] is values["expansion"] is None
        return
    before_total = sum(before for _, before in base)
    assert values["nrr"] == sum(now for now, _ in base) / before_total
    assert values["grr"] == sum(min(now, b) for now, b in base) / before_total
    assert values["grr"] <= 1 and values["grr"] <= values["nrr"]
    expansion = sum(max(now - before, 0) for now, before in base)
    assert values["expansion"] == expansion / 100
    assert (
        values["contraction"]
        == sum(before - now for now, before in base if 0 < now < before) / 100
    )
    assert values["churned_revenue"] == sum(b for now, b in base if now <= 0) / 100
    # NRR − GRR is the expansion over the base
    gap = values["nrr"] - values["grr"]
    assert abs(gap - expansion / before_total) < 1e-12


@PROPERTY_SETTINGS
@given(books())
def test_quarter_revenue_and_new_clients_are_the_sum_of_its_months(book):
    clients, as_of, period = book
    quarter = period_containing(period.start, "quarter")
    engine = load(clients)
    # a quarter that is over on as_of (months of an unfinished one are cut alike)
    as_of = max(as_of, quarter.last_day)
    whole = kpis(engine, as_of, quarter)
    months = [
        kpis(engine, as_of, period_containing(quarter.start, "month").shifted(i))
        for i in range(3)
    ]
    assert sum(m["new_clients"] for m in months) == whole["new_clients"]
    assert sum(m["lost_clients"] for m in months) == whole["lost_clients"]
    cents = sum(round(m["revenue"] * 100) for m in months)
    assert cents == round(whole["revenue"] * 100)


@PROPERTY_SETTINGS
@given(books(), st.sampled_from([1, 4, 10]))
def test_cohort_cells_are_shares_that_never_grow_with_age(book, fiscal_month):
    clients, as_of, _ = book
    engine = load(clients)
    with engine.connect() as conn:
        pairs = onboard_churn_pairs(
            conn=conn, filters=None, scope=Scope.everything(), as_of=as_of
        )
    matrix = cohort_retention_matrix(
        pairs, as_of=as_of, fiscal_start_month=fiscal_month
    )
    assert matrix["size"].sum() == sum(c[0] <= as_of for c in clients)
    for label, row in matrix.iterrows():
        cells = row.drop("size").dropna().tolist()
        assert all(0 <= cell <= 1 for cell in cells), label
        assert cells == sorted(cells, reverse=True), label
        # finished cells come first: no filled cell after an empty one
        filled = row.drop("size").notna().tolist()
        assert filled == sorted(filled, reverse=True), label
    # cell (q, 0) against the definition, for every finished cohort quarter
    for onboarded, *_ in clients:
        quarter = period_containing(onboarded, "quarter", fiscal_month)
        if quarter.last_day > as_of:
            continue
        members = [c for c in clients if quarter.start <= c[0] <= quarter.last_day]
        active = sum(is_active(c[0], c[1], quarter.last_day) for c in members)
        assert matrix.loc[quarter.label, 0] == active / len(members)
