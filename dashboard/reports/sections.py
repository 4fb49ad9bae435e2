"""Rows of the report's tables from the frames the dashboard's queries return."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from dashboard.figures.card_values import SAMPLE_SIZES
from dashboard.kernel.formatting import (
    format_count,
    format_day,
    format_money,
    format_number,
    format_percent,
    format_ratio,
)
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import DEFINITIONS, TITLES
from dashboard.kernel.settings import Settings
from dashboard.metrics.satisfaction import SMALL_SAMPLE
from dashboard.reports.model import ActionRow, MilestoneRow, ProjectRow


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def milestone_counts(
    milestones: pd.DataFrame, t: dt.date
) -> dict[str, tuple[int, int, int]]:
    """Per project external id: (done by t, total, late: planned before t and not
    completed by t)."""
    counts: dict[str, tuple[int, int, int]] = {}
    for row in milestones.to_dict("records"):
        done, total, late = counts.get(row["project_external_id"], (0, 0, 0))
        completed = row["completed_on"]
        finished = not _missing(completed) and completed <= t
        late += int(not finished and row["planned_on"] < t)
        counts[row["project_external_id"]] = (done + finished, total + 1, late)
    return counts


def project_rows(
    figures: pd.DataFrame,
    counts: Mapping[str, tuple[int, int, int]],
    names: Mapping[str, str],
    lang: str,
    currency: str,
) -> list[tuple[ProjectRow, str]]:
    """Each project's row (figures of `metrics.budget.project_figures`) with its
    client's external id."""
    rows = []
    for project in figures.to_dict("records"):
        done, total, late = counts.get(project["external_id"], (0, 0, 0))
        ratio = None if _missing(project["burn_ratio"]) else project["burn_ratio"]
        bac = project["bac"]
        client = project["client_external_id"]
        row = ProjectRow(
            external_id=project["external_id"],
            name=project["name"],
            client=names.get(client, client),
            budget=format_money(bac, lang, currency),
            spent=format_money(project["ac"], lang, currency),
            budget_burn=format_percent(project["ac"] / bac if bac else None, lang),
            time_elapsed=format_percent(project["elapsed"], lang),
            burn_ratio=format_ratio(ratio, lang),
            milestones_done=done,
            milestones_total=total,
            milestones_late=late,
            forecast=format_money(project["eac"], lang, currency),
            burn_ratio_number=ratio,
        )
        rows.append((row, client))
    return rows


def action_rows(items: pd.DataFrame, as_of: dt.date, lang: str) -> list[ActionRow]:
    """Open items (`data.queries.client_detail.open_action_items`), overdue when
    due before as_of, with the kind of the meeting they came from."""
    return [
        ActionRow(
            title=item["title"],
            owner=item["owner"],
            client=item["client_name"],
            client_external_id=item["client_external_id"],
            due=format_day(item["due_on"], lang),
            due_on=item["due_on"],
            overdue=item["due_on"] < as_of,
            meeting_kind=item["meeting_kind"],
        )
        for item in items.to_dict("records")
    ]


def upcoming_milestones(
    milestones: pd.DataFrame, start: dt.date, end: dt.date, lang: str
) -> list[MilestoneRow]:
    """Milestones planned from `start` to `end` not completed by `start`."""
    rows = []
    for row in milestones.to_dict("records"):
        completed = row["completed_on"]
        if not _missing(completed) and completed <= start:
            continue
        if start <= row["planned_on"] <= end:
            rows.append(
                MilestoneRow(
                    project=row["project_name"],
                    name=row["name"],
                    planned=format_day(row["planned_on"], lang),
                    planned_on=row["planned_on"],
                )
            )
    return sorted(rows, key=lambda m: (m.planned_on, m.project, m.name))


def definitions(keys, lang: str) -> tuple[tuple[str, str], ...]:
    """(title, definition) of each figure shown, then the project columns."""
    _ = translator(lang)
    shown = [(_(TITLES[k]), _(DEFINITIONS[k])) for k in keys if k in DEFINITIONS]
    shown.append(
        (
            _(TITLES["burn_ratio"]),
            _(
                "A project's spend so far over its budget times the share of its"
                " time elapsed; above 1 it spends faster than time passes."
            ),
        )
    )
    shown.append(
        (
            _(TITLES["eac"]),
            _(
                "What a project will cost at this rate: budget × spend / earned"
                " value when milestones are done, else spend / time elapsed."
            ),
        )
    )
    return tuple(shown)


def samples(report: dict, keys, lang: str) -> tuple[str, ...]:
    """Sample sizes behind the figures shown, with the small-sample warning."""
    _ = translator(lang)
    lines = []
    for key in ("nps", "csat"):
        if key not in keys:
            continue
        n = report.get(SAMPLE_SIZES[key]) or 0
        line = _(
            "{title}: {n}", title=_(TITLES[SAMPLE_SIZES[key]]), n=format_count(n, lang)
        )
        if n < SMALL_SAMPLE:
            line += " · " + _("small sample (n = {n})", n=format_count(n, lang))
        lines.append(line)
    for key in ("meetings_held", "action_items_due"):
        n = format_count(report.get(key) or 0, lang)
        lines.append(_("{title}: {n}", title=_(TITLES[key]), n=n))
    return tuple(lines)


def thresholds(settings: Settings, lang: str) -> tuple[str, ...]:
    """The problem rules' thresholds as the appendix prints them."""
    _ = translator(lang)
    return (
        _(
            "A figure is a problem when it changed the wrong way by more than"
            " {points} (percentage points, score points or minutes) or {percent}"
            " (counts and amounts).",
            points=format_number(settings.report_change_points, lang, 1),
            percent=format_percent(settings.report_change_percent / 100, lang),
        ),
        _(
            "A project is a problem when its burn ratio is above {ratio}.",
            ratio=format_ratio(settings.report_burn_ratio, lang),
        ),
        _(
            "Meeting attendance is a problem below {share}.",
            share=format_percent(settings.report_min_attendance, lang),
        ),
    )
