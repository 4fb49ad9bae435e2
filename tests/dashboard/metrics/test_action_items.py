"""Action item metrics from counts, worked out by hand."""

from __future__ import annotations

import pytest

from dashboard.metrics.action_items import (
    action_item_metrics,
    completion_rate,
    on_time_rate,
)


def test_action_item_metrics_by_hand():
    counts = {"due": 8, "completed": 6, "on_time": 3, "open_overdue": 5}
    assert action_item_metrics(counts) == {
        "action_items_due": 8,
        "action_item_completion_rate": pytest.approx(0.75),  # 6 / 8
        "action_item_on_time_rate": pytest.approx(0.375),  # 3 / 8
        "open_overdue": 5,
    }


def test_nothing_due_leaves_rates_undefined_but_counts_overdue():
    counts = {"due": 0, "completed": 0, "on_time": 0, "open_overdue": 2}
    assert action_item_metrics(counts) == {
        "action_items_due": 0,
        "action_item_completion_rate": None,
        "action_item_on_time_rate": None,
        "open_overdue": 2,
    }
    assert completion_rate(0, 0) is None
    assert on_time_rate(0, 0) is None


def test_rates_at_their_bounds():
    assert completion_rate(0, 4) == 0.0
    assert on_time_rate(4, 4) == 1.0
