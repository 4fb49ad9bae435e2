"""The standard client report as a tree of plain values, ready for any renderer.

Sections in their fixed order: summary, progress, problems and solutions, next
steps, appendix. Every text is already in the report's language and every number
already written by the one formatter; "—" with a reason stands for an undefined
figure, never 0.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Audience = Literal["client", "internal"]
AUDIENCES: tuple[Audience, ...] = ("client", "internal")


class ReportError(ValueError):
    """The report cannot be built as asked; the message is one line for the user."""


@dataclass(frozen=True)
class KpiRow:
    """One figure of the progress table: P, P-1, the change and P-1y."""

    key: str
    title: str
    value: str
    previous: str
    change: str | None
    verdict: str | None  # good, bad, neutral; None when not comparable
    year_earlier: str
    undefined_reason: str | None
    number: float | None  # the raw value of P (None: undefined)
    target: str | None = None  # "target 85.0%", when one is agreed for P
    target_status: str | None = None  # met, missed or unknown


@dataclass(frozen=True)
class Trend:
    """One figure over the last periods (oldest first), for a small chart."""

    key: str
    title: str
    periods: tuple[str, ...]
    values: tuple[float | None, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class ProjectRow:
    """One project's burn against time elapsed, milestones and forecast at t."""

    external_id: str
    name: str
    client: str
    budget: str
    spent: str
    budget_burn: str
    time_elapsed: str
    burn_ratio: str
    milestones_done: int
    milestones_total: int
    milestones_late: int
    forecast: str
    burn_ratio_number: float | None


@dataclass(frozen=True)
class Slice:
    """One slice of the allocation pie: its label, share and amount as written."""

    label: str
    share: str
    amount: str
    fraction: float  # 0..1, for drawing
    colour: str  # the light palette's colour (the dark page draws its variant)


@dataclass(frozen=True)
class Allocation:
    """Spend in the period by category (resource allocation); `empty` is the one
    line shown instead of a pie when there is no spend."""

    title: str
    slices: tuple[Slice, ...]
    empty: str | None


@dataclass(frozen=True)
class GanttMilestone:
    """A milestone on the schedule: planned day, state at t (done, late, due)."""

    on: dt.date
    state: str
    text: str  # "Go-live · Sep 10, 2026 · late"


@dataclass(frozen=True)
class GanttRow:
    """One project on the schedule, from its start to its end."""

    label: str
    start: dt.date
    end: dt.date
    milestones: tuple[GanttMilestone, ...]


@dataclass(frozen=True)
class Schedule:
    """The projects as bars on a time axis with a line at t; `more` says how many
    projects are left out, `empty` is the line shown when there are none."""

    title: str
    rows: tuple[GanttRow, ...]
    start: dt.date
    end: dt.date
    t: dt.date
    t_text: str
    ticks: tuple[tuple[dt.date, str], ...]
    legend: tuple[tuple[str, str], ...]  # (state, label)
    more: str | None
    empty: str | None


@dataclass(frozen=True)
class ActionRow:
    """An open action item: what, who, by when, and whether it is overdue."""

    title: str
    owner: str
    client: str
    client_external_id: str
    due: str
    due_on: dt.date
    overdue: bool
    meeting_kind: str | None = None  # the kind of the meeting it came from


@dataclass(frozen=True)
class MilestoneRow:
    """A milestone still to reach."""

    project: str
    name: str
    planned: str
    planned_on: dt.date


@dataclass(frozen=True)
class Problem:
    """A problem found by a stated rule, with the open items that address it."""

    rule: str  # bad_change, overdue_items, burn_ratio, late_milestones, ...
    text: str
    actions: tuple[ActionRow, ...]
    more: int = 0  # open items addressing it beyond those listed


@dataclass(frozen=True)
class LeftOut:
    """Rows of a long list not shown (a book's lists are cut): how many, and the
    dashboard's download of the whole list where there is one."""

    list: str  # projects, actions, milestones, problems
    count: int
    href: str | None = None


@dataclass(frozen=True)
class Summary:
    """Health (internal audience only) and 3–5 sentences on what changed."""

    health_score: str | None
    health_band: str | None
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Progress:
    """The KPI table, trends of a few figures, the projects, the allocation pie and
    the schedule (Gantt)."""

    kpis: tuple[KpiRow, ...]
    trends: tuple[Trend, ...]
    projects: tuple[ProjectRow, ...]
    allocation: Allocation | None = None
    schedule: Schedule | None = None


@dataclass(frozen=True)
class NextSteps:
    """Open action items, milestones of the next 90 days, the next meeting."""

    actions: tuple[ActionRow, ...]
    milestones: tuple[MilestoneRow, ...]
    next_meeting: str | None


@dataclass(frozen=True)
class Appendix:
    """Definitions, sample sizes, filters, time zone, as_of and the thresholds."""

    definitions: tuple[tuple[str, str], ...]
    samples: tuple[str, ...]
    filters: str
    timezone: str
    as_of: str
    window: str
    thresholds: tuple[str, ...]
    # How open action items are matched to problems (dashboard.reports.matching).
    matching: tuple[str, ...] = ()
    # The data-quality checks that fail for the report's scope (internal reports
    # only; None: not shown, as in a client's report).
    data_issues: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Report:
    """The whole report for one scope, period, language and audience."""

    subject: str  # the client names, or the book described
    client_ids: tuple[str, ...]
    period: str
    previous_period: str
    year_earlier_period: str
    lang: str
    audience: Audience
    summary: Summary
    progress: Progress
    problems: tuple[Problem, ...]
    next_steps: NextSteps
    appendix: Appendix
    # The manager's comments, (section, text) in section order; only sections
    # commented on are listed.
    commentary: tuple[tuple[str, str], ...] = ()
    # Lists cut to their first rows (dashboard/reports/limits.py).
    left_out: tuple[LeftOut, ...] = ()
