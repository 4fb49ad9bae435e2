"""Problems found by stated rules, each with the open action items addressing it.

Rules (thresholds are settings, printed in the appendix):
1. a figure of the progress table changed the bad way by more than
   REPORT_CHANGE_POINTS points (pp, score points, minutes) or REPORT_CHANGE_PERCENT
   percent (counts, amounts);
2. open overdue action items (`open_overdue` above 0);
3. a project whose burn ratio is above REPORT_BURN_RATIO;
4. a project with late milestones (planned before t, not completed by t);
5. detractor answers (NPS 0–6) in P;
6. meeting attendance below REPORT_MIN_ATTENDANCE.
Each lists the open action items that address it by the rules of
`dashboard.reports.matching` (printed in the appendix); none is "no action item
addresses this yet".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dashboard.figures.card_values import format_change, format_value
from dashboard.kernel.formatting import format_count, format_percent, format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.kernel.settings import Settings
from dashboard.metrics.changes import Change
from dashboard.reports import matching
from dashboard.reports.model import ActionRow, Problem, ProjectRow


def is_big_bad_change(found: Change, settings: Settings) -> bool:
    """Rule 1: bad, with a size beyond the threshold of its unit."""
    if found.verdict != "bad" or found.value is None:
        return False
    limit = settings.report_change_percent
    if found.unit != "%":
        limit = settings.report_change_points
    return abs(found.value) > limit


def find_problems(
    *,
    found: Iterable[Change],
    report: dict,
    projects: Sequence[tuple[ProjectRow, str]],
    detractors: int,
    actions: Sequence[ActionRow],
    settings: Settings,
    lang: str,
) -> tuple[Problem, ...]:
    """Every problem the rules find, in the order of the rules.

    `report` is the `kpi_report` of P; `projects` pairs each project row with its
    client's external id.
    """
    _ = translator(lang)
    currency = settings.currency
    period = format_period(report["previous"]["period"], lang)
    problems: list[Problem] = []

    def add(rule: str, text: str, items: tuple[ActionRow, ...]) -> None:
        problems.append(Problem(rule, text, items))

    for change in found:
        if is_big_bad_change(change, settings):
            add(
                "bad_change",
                _(
                    "{title} moved the wrong way: {change} against {period}, now"
                    " {value}.",
                    title=_(TITLES[change.key]),
                    change=format_change(change.value, change.unit, lang),
                    period=period,
                    value=format_value(change.key, change.current, lang, currency),
                ),
                matching.for_figure(actions, change.key),
            )
    overdue = report.get("open_overdue") or 0
    if overdue > 0:
        add(
            "overdue_items",
            _("Open overdue action items: {n}.", n=format_count(overdue, lang)),
            matching.overdue_items(actions),
        )
    for row, client in projects:
        ratio = row.burn_ratio_number
        if ratio is not None and ratio > settings.report_burn_ratio:
            add(
                "burn_ratio",
                _(
                    "Project {name} is spending faster than time passes: burn"
                    " ratio {ratio}.",
                    name=row.name,
                    ratio=row.burn_ratio,
                ),
                matching.for_project(actions, client, row.name, "budget"),
            )
        if row.milestones_late:
            add(
                "late_milestones",
                _(
                    "Project {name} has late milestones: {n}.",
                    name=row.name,
                    n=format_count(row.milestones_late, lang),
                ),
                matching.for_project(actions, client, row.name, "schedule"),
            )
    if detractors > 0:
        add(
            "detractors",
            _(
                "Detractor answers (NPS 0–6) in the period: {n}.",
                n=format_count(detractors, lang),
            ),
            matching.for_subject(actions, "satisfaction"),
        )
    attendance = report.get("attendance_rate")
    if attendance is not None and attendance < settings.report_min_attendance:
        add(
            "low_attendance",
            _(
                "Meeting attendance was {value}, below {threshold}.",
                value=format_percent(attendance, lang),
                threshold=format_percent(settings.report_min_attendance, lang),
            ),
            matching.for_subject(actions, "meetings"),
        )
    return tuple(problems)
