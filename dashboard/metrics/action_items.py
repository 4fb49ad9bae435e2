"""Action item metrics of METRICS.md over the counts of the items due in a window."""

from __future__ import annotations

from collections.abc import Mapping


def completion_rate(completed: int, due: int) -> float | None:
    """Completion rate [action_item_completion_rate]: items due in P completed by
    as_of / items due in P; None when none is due."""
    if due <= 0:
        return None
    return completed / due


def on_time_rate(on_time: int, due: int) -> float | None:
    """On-time rate [action_item_on_time_rate]: items due in P with
    `completed_on <= due_on` / items due in P; None when none is due."""
    if due <= 0:
        return None
    return on_time / due


def action_item_metrics(counts: Mapping[str, int]) -> dict[str, int | float | None]:
    """The Action items rows of METRICS.md from `action_item_counts` of one window
    (`open_overdue` is None when the counts leave it out)."""
    due = int(counts["due"])
    return {
        "action_items_due": due,
        "action_item_completion_rate": completion_rate(counts["completed"], due),
        "action_item_on_time_rate": on_time_rate(counts["on_time"], due),
        "open_overdue": (
            int(counts["open_overdue"]) if "open_overdue" in counts else None
        ),
    }
