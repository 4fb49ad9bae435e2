"""Cohort retention matrix from onboard/churn pairs."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from hypothesis import example, given
from hypothesis import strategies as st

from dashboard.kernel.periods import period_containing
from dashboard.metrics.cohorts import SIZE, cohort_retention_matrix

D = dt.date
PAIRS = pd.DataFrame(
    {
        "onboarded_on": [D(2025, 1, 5), D(2025, 2, 1), D(2025, 3, 31), D(2025, 4, 2)],
        "churned_on": [None, D(2025, 2, 20), D(2025, 7, 1), D(2025, 10, 1)],
        "clients": [2, 1, 1, 3],
    }
)


def test_calendar_cohorts():
    matrix = cohort_retention_matrix(PAIRS, as_of=D(2025, 11, 23))
    assert list(matrix.index) == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
    # 2025-Q1: 2 + 1 (joined and left within Q1) + 1 = 4
    # on 03-31: the 2 and the one from 03-31 -> 3/4; on 06-30 still 3/4;
    # on 09-30: the one churned 07-01 is gone -> 2/4; Q4 not over -> NaN
    assert matrix.loc["2025-Q1", "size"] == 4
    assert matrix.loc["2025-Q1", 0] == 0.75
    assert matrix.loc["2025-Q1", 1] == 0.75
    assert matrix.loc["2025-Q1", 2] == 0.5
    assert math.isnan(matrix.loc["2025-Q1", 3])
    # 2025-Q2: 3 clients, churned 10-01 -> active on 06-30 and 09-30
    assert matrix.loc["2025-Q2", "size"] == 3
    assert list(matrix.loc["2025-Q2", [0, 1]]) == [1.0, 1.0]
    assert math.isnan(matrix.loc["2025-Q2", 2])
    # empty cohorts and the unfinished quarter have no cells
    assert matrix.loc["2025-Q3", "size"] == 0
    assert matrix.loc[["2025-Q3", "2025-Q4"], [0, 1, 2, 3]].isna().all().all()


def test_quarter_end_on_as_of_is_filled():
    matrix = cohort_retention_matrix(PAIRS, as_of=D(2025, 9, 30))
    assert matrix.loc["2025-Q1", 2] == 0.5
    assert matrix.loc["2025-Q3", "size"] == 0


def test_fiscal_cohorts_start_in_april():
    matrix = cohort_retention_matrix(PAIRS, as_of=D(2025, 11, 23), fiscal_start_month=4)
    # FY2025-Q4 = Jan-Mar 2025, FY2026-Q1 = Apr-Jun 2025
    assert list(matrix.index[:2]) == ["FY2025-Q4", "FY2026-Q1"]
    assert matrix.loc["FY2025-Q4", 0] == 0.75


def test_clients_after_as_of_and_no_clients():
    matrix = cohort_retention_matrix(PAIRS, as_of=D(2025, 1, 4))
    assert matrix.empty
    assert matrix.index.name == "cohort"


# (onboarded_on, churned_on, clients) rows, and a fiscal year's first month.
PAIR_ROWS = st.lists(
    st.tuples(
        st.dates(D(2020, 1, 1), D(2025, 11, 23)),
        st.one_of(st.none(), st.dates(D(2020, 1, 1), D(2026, 6, 30))),
        st.integers(1, 5),
    ),
    min_size=1,
    max_size=30,
)
FISCAL_MONTHS = st.integers(1, 12)


@given(PAIR_ROWS, FISCAL_MONTHS)
def test_each_client_is_in_the_cohort_of_the_quarter_it_joined(rows, fiscal_month):
    pairs = pd.DataFrame(rows, columns=["onboarded_on", "churned_on", "clients"])
    matrix = cohort_retention_matrix(
        pairs, as_of=D(2025, 11, 23), fiscal_start_month=fiscal_month
    )
    expected: dict[str, int] = {}
    for onboarded, _churned, clients in rows:
        label = period_containing(onboarded, "quarter", fiscal_month).label
        expected[label] = expected.get(label, 0) + clients
    sizes = matrix[SIZE]
    assert {k: int(v) for k, v in sizes.items() if v} == expected


def _share_by_the_book(rows, quarters, q: int, k: int, as_of: dt.date):
    """Cell (q, k) as METRICS.md says: cohort q's clients active on the last
    day of quarter q + k (None when that quarter has not ended)."""
    end = quarters[q + k].last_day
    if end > as_of:
        return None
    members = [
        (onboarded, churned, clients)
        for onboarded, churned, clients in rows
        if quarters[q].start <= onboarded < quarters[q].end
    ]
    size = sum(clients for *_, clients in members)
    active = sum(
        clients
        for onboarded, churned, clients in members
        if onboarded <= end and (churned is None or end < churned)
    )
    return active / size


@given(PAIR_ROWS, FISCAL_MONTHS)
# Churned on the last day of a quarter: no longer active on it.
@example([(D(2024, 1, 5), D(2024, 3, 31), 2), (D(2024, 2, 1), None, 1)], 1)
def test_every_cell_is_its_definition(rows, fiscal_month):
    as_of = D(2025, 11, 23)
    pairs = pd.DataFrame(rows, columns=["onboarded_on", "churned_on", "clients"])
    matrix = cohort_retention_matrix(
        pairs, as_of=as_of, fiscal_start_month=fiscal_month
    )
    first = period_containing(min(r[0] for r in rows), "quarter", fiscal_month)
    quarters = [first]
    while quarters[-1].label != matrix.index[-1]:
        quarters.append(quarters[-1].shifted(1))
    assert list(matrix.index) == [q.label for q in quarters]
    for q, label in enumerate(matrix.index):
        if not matrix.loc[label, SIZE]:
            assert matrix.loc[label].drop(SIZE).isna().all()
            continue
        for k in range(len(quarters) - q):
            expected = _share_by_the_book(rows, quarters, q, k, as_of)
            found = matrix.loc[label, k]
            assert (math.isnan(found) and expected is None) or found == expected
