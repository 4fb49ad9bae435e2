"""The data of the report's pie (resource allocation) and Gantt (schedule) from the
frames the dashboard's queries return.

Allocation: the spend in the period by category (`data.queries.budget_detail.
spend_by_category`, as the Budget tab); categories under MIN_SHARE of the total
join "Other"; categories with no positive spend are left out.
Schedule: the projects of the progress table (those overlapping the period), by
start, end and name, at most MAX_ROWS of them, each from its start to its end day,
its milestones marked done (completed by t), late (planned before t, not done by
t) or due, and a line at t.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from dashboard.figures.budget_spend import category_labels
from dashboard.figures.theme import PALETTE
from dashboard.kernel.formatting import (
    format_count,
    format_day,
    format_money,
    format_month,
    format_percent,
)
from dashboard.kernel.i18n import translator
from dashboard.reports.model import (
    Allocation,
    GanttMilestone,
    GanttRow,
    Schedule,
    Slice,
)

MIN_SHARE = 0.05
OTHER = "other"
OTHER_COLOUR = PALETTE[7]  # grey: "Other" is not a category to tell apart
MAX_ROWS = 12
MAX_TICKS = 6
TICK_STEPS = (1, 2, 3, 6, 12, 24)  # months between axis labels
STATES = ("done", "late", "due")


def allocation(frame: pd.DataFrame, lang: str, currency: str) -> Allocation:
    """The pie of the spend by category (columns category, amount in units)."""
    _ = translator(lang)
    spent = {
        c: float(a) for c, a in zip(frame["category"], frame["amount"], strict=True)
    }
    spent = {c: a for c, a in spent.items() if a > 0}
    total = sum(spent.values())
    title = _(
        "Resource allocation: spend by category ({total} in the period)",
        total=format_money(total, lang, currency),
    )
    if total <= 0:
        return Allocation(title, (), _("Resource allocation: no spend in the period."))
    named = {c: a for c, a in spent.items() if c != OTHER and a / total >= MIN_SHARE}
    other = total - sum(named.values())
    labels = category_labels(lang)
    ranked = sorted(named.items(), key=lambda pair: (-pair[1], pair[0]))
    colours = [c for c in PALETTE if c != OTHER_COLOUR]
    slices = [
        Slice(
            label=labels.get(category, category),
            share=format_percent(amount / total, lang),
            amount=format_money(amount, lang, currency),
            fraction=amount / total,
            colour=colours[i % len(colours)],
        )
        for i, (category, amount) in enumerate(ranked)
    ]
    if other > 0:
        slices.append(
            Slice(
                label=labels[OTHER],
                share=format_percent(other / total, lang),
                amount=format_money(other, lang, currency),
                fraction=other / total,
                colour=OTHER_COLOUR,
            )
        )
    return Allocation(title, tuple(slices), None)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def milestone_state(planned: dt.date, completed: dt.date | None, t: dt.date) -> str:
    """done (completed by t), late (planned before t, not done by t) or due."""
    if not _missing(completed) and completed <= t:
        return "done"
    return "late" if planned < t else "due"


def _month_ticks(start: dt.date, end: dt.date, lang: str):
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in TICK_STEPS if months / s <= MAX_TICKS), TICK_STEPS[-1])
    index = start.year * 12 + start.month - 1
    index += -index % step  # the first month boundary on the step, from start
    ticks = []
    while True:
        day = dt.date(index // 12, index % 12 + 1, 1)
        if day > end:
            break
        if day >= start:
            ticks.append((day, format_month(day, lang)))
        index += step
    return tuple(ticks)


def schedule(
    projects: pd.DataFrame,
    milestones: pd.DataFrame,
    t: dt.date,
    names: Mapping[str, str],
    lang: str,
    *,
    with_client: bool,
) -> Schedule:
    """The Gantt of `data.queries.budget.project_inputs` rows with their
    milestones (`project_milestones`); client names in labels `with_client`."""
    _ = translator(lang)
    states = {"done": _("done"), "late": _("late"), "due": _("due")}
    rows = sorted(
        projects[
            ["external_id", "name", "client_external_id", "start_on", "end_on"]
        ].itertuples(index=False),
        key=lambda p: (p.start_on, p.end_on, p.name, p.external_id),
    )
    shown, left = rows[:MAX_ROWS], len(rows) - MAX_ROWS
    marks: dict[str, list[GanttMilestone]] = {}
    drawn = milestones["project_external_id"].isin({p.external_id for p in shown})
    for m in milestones[drawn].itertuples(index=False):
        state = milestone_state(m.planned_on, m.completed_on, t)
        text = f"{m.name} · {format_day(m.planned_on, lang)} · {states[state]}"
        marks.setdefault(m.project_external_id, []).append(
            GanttMilestone(m.planned_on, state, text)
        )
    gantt = []
    for p in shown:
        label = p.name
        if with_client:
            label = f"{p.name} · {names.get(p.client_external_id, '')}"
        gantt.append(
            GanttRow(label, p.start_on, p.end_on, tuple(marks.get(p.external_id, ())))
        )
    days = [t] + [d for r in gantt for d in (r.start, r.end)]
    days += [m.on for r in gantt for m in r.milestones]
    start, end = min(days), max(days)
    return Schedule(
        title=_("Schedule"),
        rows=tuple(gantt),
        start=start,
        end=end,
        t=t,
        t_text=_("As of {date}", date=format_day(t, lang)),
        ticks=_month_ticks(start, end, lang),
        legend=tuple((s, _("Milestone {state}", state=states[s])) for s in STATES),
        more=(
            _("and {n} more projects", n=format_count(left, lang)) if left > 0 else None
        ),
        empty=None if gantt else _("Schedule: no projects running in the period."),
    )
