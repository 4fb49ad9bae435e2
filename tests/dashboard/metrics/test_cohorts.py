"""Cohort retention matrix from onboard/churn pairs."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from dashboard.metrics.cohorts import cohort_retention_matrix

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
