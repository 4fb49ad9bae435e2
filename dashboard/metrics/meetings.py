"""Meeting metrics of METRICS.md over the totals of the held meetings in a window."""

from __future__ import annotations

from collections.abc import Mapping

from dashboard.kernel.catalog import CENTS


def _share(part: float, whole: float) -> float | None:
    if whole <= 0:
        return None
    return part / whole


def attendance_rate(client_attended: int, client_invited: int) -> float | None:
    """Attendance rate [attendance_rate]: client-side attendees who attended / invited,
    over held meetings; None when no client-side attendee was invited."""
    return _share(client_attended, client_invited)


def goal_achievement_rate(objectives_met: int, objectives_set: int) -> float | None:
    """Goal achievement rate [goal_achievement_rate]: Σ objectives_met / Σ
    objectives_set over held meetings with objectives; None when Σ set is 0.

    Meetings with empty `objectives_set` are left out; a meeting with objectives
    set but `objectives_met` empty counts as none met (see `meeting_totals`).
    """
    return _share(objectives_met, objectives_set)


def overrun_share(overruns: int, held: int) -> float | None:
    """Overrun share [overrun_share]: held meetings with actual > planned / held."""
    return _share(overruns, held)


def avg_overrun_minutes(overrun_minutes: int, held: int) -> float | None:
    """Average overrun [avg_overrun_minutes]: mean of actual − planned over held
    meetings (negative when they end early); None without held meetings."""
    return _share(overrun_minutes, held)


def meeting_cost(cost_cents: int, *, internal: bool) -> float | None:
    """Meeting cost [meeting_cost]: Σ cost of held meetings (empty = 0), in currency
    units; internal only, so None when the viewer may not see internal figures."""
    if not internal:
        return None
    return int(cost_cents) / CENTS


def meeting_feedback(feedback_total: float, feedback_n: int) -> float | None:
    """Meeting feedback [meeting_feedback]: mean feedback score (1–5) of held meetings
    where given; None when none was given."""
    return _share(feedback_total, feedback_n)


def meeting_metrics(
    totals: Mapping[str, int | float], *, internal: bool
) -> dict[str, int | float | None]:
    """The Meetings rows of METRICS.md from `meeting_totals` of one window."""
    held = int(totals["held"])
    return {
        "meetings_held": held,
        "attendance_rate": attendance_rate(
            totals["client_attended"], totals["client_invited"]
        ),
        "goal_achievement_rate": goal_achievement_rate(
            totals["objectives_met"], totals["objectives_set"]
        ),
        "overrun_share": overrun_share(totals["overruns"], held),
        "avg_overrun_minutes": avg_overrun_minutes(totals["overrun_minutes"], held),
        "meeting_cost": meeting_cost(totals["cost_cents"], internal=internal),
        "meeting_feedback": meeting_feedback(
            totals["feedback_total"], totals["feedback_n"]
        ),
    }
