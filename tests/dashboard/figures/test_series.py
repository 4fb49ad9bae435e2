"""Trend series helpers: numbers with gaps, any value at all, period clicks."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from dashboard.figures.series import has_values, numbers, period_customdata


def test_numbers_are_plain_floats_with_gaps_for_undefined_values():
    series = pd.Series([1, None, np.float64(0.25), math.nan, pd.NA], dtype=object)
    assert numbers(series) == [1.0, None, 0.25, None, None]
    assert all(type(v) is float for v in numbers(series) if v is not None)


def test_a_series_has_values_unless_every_value_is_undefined():
    assert has_values(pd.Series([None, 0.0]))
    assert not has_values(pd.Series([None, math.nan], dtype=object))
    assert not has_values([])


def test_a_click_on_a_period_names_it():
    assert period_customdata(["2026-Q2", "2026-07"], "zh", ["1", "2"]) == [
        ["period:2026-Q2", "2026-Q2", "1"],
        ["period:2026-07", "2026年7月", "2"],
    ]
