"""Action items figures from hand-made frames: values, click data, hover, empties."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.action_items import (
    BARS_SHOWN,
    due_completed_figure,
    overdue_by_client_figure,
    overdue_by_owner_figure,
)

WHERE = {"clients": "Acme", "period": "2026-Q3"}


def test_due_completed_on_time_per_period():
    counts = pd.DataFrame(
        [["2026-Q2", 4, 3, 2], ["2026-Q3", 0, 0, 0]],
        columns=["period", "due", "completed", "on_time"],
    )
    figure = due_completed_figure(counts, "en", "light", **WHERE)
    due, completed, on_time = figure.data
    assert (due.name, completed.name, on_time.name) == (
        "Items due",
        "Completed",
        "Completed on time",
    )
    assert list(due.y) == [4, 0]
    assert list(completed.y) == [3, 0]
    assert list(on_time.y) == [2, 0]
    # 3 of 4 = 75.0%, 2 of 4 = 50.0%; nothing due: undefined, not 0.
    # Per point: click id, period, count, share of due.
    assert [list(row) for row in completed.customdata] == [
        ["period:2026-Q2", "2026-Q2", "3", "75.0%"],
        ["period:2026-Q3", "2026-Q3", "0", "—"],
    ]
    assert on_time.customdata[0][3] == "50.0%"
    assert "Completed: %{customdata[2]}" in completed.hovertemplate
    assert "(%{customdata[3]} of due)" in completed.hovertemplate
    assert completed.marker.pattern.shape == "/"


def test_nothing_due_in_any_period_is_explained():
    counts = pd.DataFrame(
        [["2026-Q3", 0, 0, 0]], columns=["period", "due", "completed", "on_time"]
    )
    figure = due_completed_figure(counts, "en", "dark", **WHERE)
    assert figure.layout.annotations[0].text == (
        "No action items due for Acme in the 8 periods up to 2026-Q3"
    )


def test_overdue_by_client_is_clickable_and_most_first_on_top():
    frame = pd.DataFrame(
        [["A", "Acme", 2], ["C", "Corp", 1]], columns=["external_id", "name", "items"]
    )
    bars = overdue_by_client_figure(frame, "en", "light", **WHERE).data[0]
    # Horizontal bars are drawn bottom-up: the most overdue client last (on top).
    assert list(bars.y) == ["Corp", "Acme"]
    assert list(bars.x) == [1, 2]
    assert list(bars.customdata) == ["client:C", "client:A"]
    assert list(bars.text) == ["1", "2"]
    assert "Open overdue items: %{text}" in bars.hovertemplate


def test_overdue_by_owner_shows_the_first_owners_only():
    frame = pd.DataFrame(
        {"owner": [f"owner {k}" for k in range(20)], "items": list(range(40, 20, -1))}
    )
    bars = overdue_by_owner_figure(frame, "zh", "light", **WHERE).data[0]
    assert len(bars.y) == BARS_SHOWN == 12
    assert bars.y[-1] == "owner 0" and bars.x[-1] == 40
    assert bars.customdata is None  # owners are not a page filter
    empty = overdue_by_owner_figure(frame.iloc[0:0], "zh", "light", **WHERE)
    assert empty.layout.annotations[0].text == (
        "Acme 在 2026-Q3 没有未完成的逾期行动项"
    )
