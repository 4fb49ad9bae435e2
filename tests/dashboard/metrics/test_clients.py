"""Logo retention and churn from counts."""

from __future__ import annotations

from dashboard.metrics.clients import churn_rate, logo_metrics, retention_rate


def test_retention_and_churn_rates():
    # S = 5, L_S = 2: retention 3/5, churn 2/5
    assert retention_rate(5, 2) == 0.6
    assert churn_rate(5, 2) == 0.4
    assert retention_rate(5, 2) + churn_rate(5, 2) == 1


def test_rates_are_undefined_without_clients_at_start():
    assert retention_rate(0, 0) is None
    assert churn_rate(0, 0) is None


def test_logo_metrics_passes_counts_and_adds_rates():
    counts = {
        "active_clients": 3,
        "clients_at_start": 4,
        "new_clients": 2,
        "lost_clients": 4,
        "lost_from_start": 1,
    }
    assert logo_metrics(counts) == {
        "active_clients": 3,
        "clients_at_start": 4,
        "new_clients": 2,
        "lost_clients": 4,
        "retention_rate": 0.75,  # (4 - 1) / 4
        "churn_rate": 0.25,
    }
