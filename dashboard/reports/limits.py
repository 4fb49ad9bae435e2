"""Long lists of a report cut to their first rows, saying how many were left out.

A book of a thousand clients has thousands of open action items and hundreds of
projects: listed in full its report runs to hundreds of pages, which nobody
reads and which takes Chromium minutes to print. Each list keeps its first rows,
the most pressing first (items by due date, so overdue ones lead; projects by
burn ratio, highest first, once cut), and the model says how many more there
are, with the dashboard's CSV download of the whole list where one exists.
Only reports on more than one client are cut: one client's report lists all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from markupsafe import Markup

from dashboard.kernel.filters import Filters
from dashboard.kernel.formatting import format_count
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import ViewState, to_query
from dashboard.reports.model import LeftOut, Problem, ProjectRow, Report

LIST_ROWS = 25  # projects, open items and milestones listed at most
PROBLEM_ITEMS = 5  # open items listed under one problem at most
PROJECT_PROBLEMS = 25  # problems of single projects (burn ratio, late milestones)
PROJECT_RULES = ("burn_ratio", "late_milestones")
# The dashboard's per-chart downloads (layouts.charts.DOWNLOAD_PATH); the
# budget tab's projects table holds every project of the period.
DOWNLOAD_PATH = "/download/"
PROJECTS_DOWNLOAD = "budget-eac"

Row = TypeVar("Row")


def cut(rows: Sequence[Row], limit: int) -> tuple[tuple[Row, ...], int]:
    """The first `limit` rows and how many are left out."""
    return tuple(rows[:limit]), max(0, len(rows) - limit)


def worst_first(
    projects: Sequence[tuple[ProjectRow, str]], clients: int
) -> list[tuple[ProjectRow, str]]:
    """Projects (with their client) by burn ratio, highest first, when the list
    will be cut (more than one client, more than LIST_ROWS); else as they are."""
    if clients == 1 or len(projects) <= LIST_ROWS:
        return list(projects)
    return sorted(
        projects,
        key=lambda pair: (
            pair[0].burn_ratio_number is None,
            -(pair[0].burn_ratio_number or 0.0),
        ),
    )


def cut_problems(problems: Sequence[Problem]) -> tuple[tuple[Problem, ...], int]:
    """Each problem's items cut to PROBLEM_ITEMS; problems of single projects
    beyond PROJECT_PROBLEMS left out (the others are few: one per rule)."""
    kept: list[Problem] = []
    projects = left = 0
    for problem in problems:
        if problem.rule in PROJECT_RULES:
            projects += 1
            if projects > PROJECT_PROBLEMS:
                left += 1
                continue
        actions, more = cut(problem.actions, PROBLEM_ITEMS)
        kept.append(replace(problem, actions=actions, more=more))
    return tuple(kept), left


def projects_href(filters: Filters, lang: str) -> str:
    """The dashboard's download of every project of the report's filters."""
    state = ViewState(
        period=filters.period.label,
        clients=filters.clients,
        owner=filters.owner,
        lang=lang,
    )
    return f"{DOWNLOAD_PATH}{PROJECTS_DOWNLOAD}.csv{to_query(state)}"


def shorten(report: Report, filters: Filters) -> Report:
    """The report with its long lists cut, when it covers more than one client."""
    if len(report.client_ids) == 1:
        return report
    projects, more_projects = cut(report.progress.projects, LIST_ROWS)
    actions, more_actions = cut(report.next_steps.actions, LIST_ROWS)
    milestones, more_milestones = cut(report.next_steps.milestones, LIST_ROWS)
    problems, more_problems = cut_problems(report.problems)
    counts = {
        "projects": more_projects,
        "problems": more_problems,
        "actions": more_actions,
        "milestones": more_milestones,
    }
    hrefs = {"projects": projects_href(filters, report.lang)}
    return replace(
        report,
        progress=replace(report.progress, projects=projects),
        problems=problems,
        next_steps=replace(report.next_steps, actions=actions, milestones=milestones),
        left_out=tuple(
            LeftOut(name, count, hrefs.get(name))
            for name, count in counts.items()
            if count
        ),
    )


def more_note(count: int, lang: str, href: str | None = None) -> Markup:
    """ "… and N more." under a cut list (dashboard/reports/limits.py)."""
    if not count:
        return Markup("")
    _ = translator(lang)
    text = Markup("{}").format(_("… and {n} more.", n=format_count(count, lang)))
    if href:
        text += Markup(' <a href="{}">{}</a>').format(href, _("All of them (CSV)"))
    return Markup('<p class="more">{}</p>').format(text)


def left_out_note(report: Report, name: str) -> Markup:
    """The note under the report's list `name` when it was cut."""
    found = [left for left in report.left_out if left.list == name]
    left = found[0] if found else LeftOut(name, 0)
    return more_note(left.count, report.lang, left.href)
