"""Cohort retention of METRICS.md: share of each onboarding quarter still active."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from dashboard.kernel.periods import period_containing

SIZE = "size"


def cohort_retention_matrix(
    pairs: pd.DataFrame, *, as_of: dt.date, fiscal_start_month: int = 1
) -> pd.DataFrame:
    """Cohort retention [cohorts]: rows = onboarding quarter, columns = age k.

    `pairs` has `onboarded_on`, `churned_on` (None when still a client) and
    `clients` (how many clients share that pair). Cohort q holds the clients
    onboarded in (fiscal) quarter q, including those who joined and left within q;
    its size is the `size` column. Cell (q, k) is the share of the cohort active on
    the last day of quarter q+k (active on d: `onboarded_on <= d < churned_on`).

    A cell whose quarter has not ended by `as_of` is NaN: the current, unfinished
    quarter shows no cell (METRICS.md: cells after `as_of` are empty), rather than
    a share "so far" that would not be comparable with the finished cells.
    The index holds the quarter labels (`2026-Q3`, fiscal `FY2027-Q1`), oldest
    first, and runs to the quarter containing `as_of`; columns are `size`, then the
    ages 0, 1, 2, … up to the oldest cohort's current age.
    """
    onboarded_days = pd.to_datetime(pairs["onboarded_on"]).to_numpy("datetime64[D]")
    joined = onboarded_days <= np.datetime64(as_of, "D")
    pairs, onboarded_days = pairs[joined], onboarded_days[joined]
    if pairs.empty:
        empty = pd.DataFrame({SIZE: pd.Series(dtype="int64")})
        empty.index.name = "cohort"
        return empty
    earliest = onboarded_days.min().astype(dt.date)
    first = period_containing(earliest, "quarter", fiscal_start_month)
    last = period_containing(as_of, "quarter", fiscal_start_month)
    quarters = [first]
    while quarters[-1].start < last.start:
        quarters.append(quarters[-1].shifted(1))
    # Each pair's cohort: the last quarter starting on or before its onboarding.
    starts = np.array([q.start for q in quarters], dtype="datetime64[D]")
    cohort_of = np.searchsorted(starts, onboarded_days, side="right") - 1
    churned_days = (
        pd.to_datetime(pairs["churned_on"])
        .fillna(pd.Timestamp.max.normalize())
        .to_numpy("datetime64[D]")
    )
    counts = pairs["clients"].to_numpy("int64")
    ages = len(quarters)
    ends = np.array([q.last_day for q in quarters], dtype="datetime64[D]")
    # active[i, j]: pair i's clients are active on the last day of quarter j.
    active = (onboarded_days[:, None] <= ends) & (ends < churned_days[:, None])
    # Per cohort (row) and quarter end (column): how many of its clients are
    # active then, and per cohort its size (whole numbers, added exactly).
    cohort = np.zeros((ages, len(counts)), dtype="int64")
    cohort[cohort_of, np.arange(len(counts))] = counts
    still = cohort @ active.astype("int64")
    sizes = cohort.sum(axis=1)
    shares = np.full((ages, ages), np.nan)
    ended = np.array([q.last_day <= as_of for q in quarters])
    for q in np.flatnonzero(sizes):
        k = np.arange(ages - q)
        shown = ended[q + k]
        shares[q, k[shown]] = still[q, q + k[shown]] / sizes[q]
    matrix = pd.DataFrame(shares, index=[q.label for q in quarters])
    matrix.insert(0, SIZE, sizes)
    matrix.index.name = "cohort"
    matrix.columns.name = "age"
    return matrix
