"""NPS and CSAT from response counts."""

from __future__ import annotations

import pytest

from dashboard.metrics.satisfaction import (
    csat,
    is_small_sample,
    nps,
    satisfaction_metrics,
)


def test_nps_is_promoters_minus_detractors_over_n():
    # 3 promoters, 2 detractors, 7 responses: 100 * 1 / 7
    assert nps(3, 2, 7) == pytest.approx(14.285714285714286)
    assert nps(0, 4, 4) == -100.0
    assert nps(0, 0, 0) is None


def test_csat_is_share_of_four_and_five():
    assert csat(2, 4) == 50.0
    assert csat(0, 0) is None


def test_small_sample_below_thirty():
    assert is_small_sample(29)
    assert not is_small_sample(30)


def test_sample_sizes_are_zero_not_none():
    counts = dict.fromkeys(
        ("nps_n", "promoters", "detractors", "csat_n", "satisfied"), 0
    )
    assert satisfaction_metrics(counts) == {
        "nps": None,
        "csat": None,
        "nps_n": 0,
        "csat_n": 0,
    }
