"""The report's Progress section as HTML: the figures, trend lines, projects, the
allocation pie and the schedule."""

from __future__ import annotations

from markupsafe import Markup

from dashboard.reports.limits import left_out_note
from dashboard.reports.markup import paragraphs, table
from dashboard.reports.model import KpiRow, Progress, Report
from dashboard.reports.svg import line_chart
from dashboard.reports.svg_charts import gantt_chart, pie_chart

TARGET_MARKS = {"met": "✓", "missed": "✗", "unknown": "?"}


def target_cell(row: KpiRow, _) -> Markup | str:
    """`✓ target 85.0% · met` (the mark and the word, not colour alone), or —."""
    if row.target is None:
        return "—"
    status = row.target_status or "unknown"
    words = {"met": _("met"), "missed": _("missed")}.get(status, _("no value yet"))
    return Markup('<span class="target target-{}">{} {} · {}</span>').format(
        status, TARGET_MARKS[status], row.target, words
    )


def progress_section(report: Report, _) -> Markup:
    """The KPI table (with the agreed targets when there are any), the trends,
    the projects, the pie and the schedule."""
    with_targets = any(row.target for row in report.progress.kpis)
    kpis = table(
        [
            _("Figure"),
            report.period,
            report.previous_period,
            _("Change"),
            report.year_earlier_period,
            *([_("Target")] if with_targets else []),
        ],
        (
            (
                row.title,
                row.value
                if row.undefined_reason is None
                else Markup('{} <span class="reason">{}</span>').format(
                    row.value, row.undefined_reason
                ),
                row.previous,
                row.change or "—",
                row.year_earlier,
                *([target_cell(row, _)] if with_targets else []),
            )
            for row in report.progress.kpis
        ),
    )
    projects: Markup = paragraphs([_("No projects running in the period.")])
    if report.progress.projects:
        projects = table(
            [
                _("Project"),
                _("Budget"),
                _("Spent"),
                _("Budget burn"),
                _("Time elapsed"),
                _("Burn ratio"),
                _("Milestones done"),
                _("Late milestones"),
                _("Forecast at completion"),
            ],
            (
                (
                    p.name,
                    p.budget,
                    p.spent,
                    p.budget_burn,
                    p.time_elapsed,
                    p.burn_ratio,
                    f"{p.milestones_done} / {p.milestones_total}",
                    p.milestones_late,
                    p.forecast,
                )
                for p in report.progress.projects
            ),
        )
    projects += left_out_note(report, "projects")
    charts = Markup('<div class="trends">{}</div>').format(
        Markup("").join(
            line_chart(t.title, t.periods, t.values, t.texts)
            for t in report.progress.trends
        )
    )
    return (
        kpis
        + charts
        + Markup("<h3>{}</h3>").format(_("Projects"))
        + projects
        + _plans(report.progress)
    )


def _plans(progress: Progress) -> Markup:
    """The allocation pie and the schedule, or the one line saying why not."""
    parts = []
    if progress.allocation is not None:
        pie = progress.allocation
        parts.append(paragraphs([pie.empty], "none") if pie.empty else pie_chart(pie))
    if progress.schedule is not None:
        plan = progress.schedule
        parts.append(
            paragraphs([plan.empty], "none") if plan.empty else gantt_chart(plan)
        )
    return Markup('<div class="plans">{}</div>').format(Markup("").join(parts))
