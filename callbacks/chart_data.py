"""The data behind each chart and table of the tabs, by the chart's key: the same
frames the tab draws from (its `*_frames` function), one frame per chart."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from callbacks.resolved_view import ResolvedView
from callbacks.tab_action_items import (
    OVERDUE_TABLE_ID,
    action_items_frames,
    group_labels,
)
from callbacks.tab_budget import budget_frames
from callbacks.tab_churn import AT_RISK_TABLE, churn_frames
from callbacks.tab_meetings import meetings_frames
from callbacks.tab_retention import retention_frames
from callbacks.tab_satisfaction import satisfaction_frames
from dashboard.kernel.catalog import INTERNAL_KEYS
from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import TITLES
from dashboard.services import Services
from data.queries.budget_detail import project_milestones

Frames = Callable[[Services, ResolvedView, object], dict]
Picker = Callable[[dict], pd.DataFrame]


def _trend(*keys: str) -> Picker:
    """The trend's periods with `keys`, one row per period, oldest first."""
    return lambda frames: frames["trend"][list(keys)].reset_index()


def _frame(name: str) -> Picker:
    return lambda frames: frames[name]


def _by_period(name: str) -> Picker:
    """A frame indexed by period label, the label as its first column."""
    return lambda frames: frames[name].rename_axis("period").reset_index()


def _bridge(frames: dict) -> pd.DataFrame:
    steps = frames["bridge"] or {}
    return pd.DataFrame({"step": list(steps), "amount": list(steps.values())})


def _milestones(frames: dict) -> pd.DataFrame:
    """Every milestone of the counted projects (the tab draws those
    `milestones_shown` picks)."""
    return project_milestones(**frames["query"])


def _cohorts(frames: dict) -> pd.DataFrame:
    matrix = frames["cohorts"]
    return matrix.reset_index() if not matrix.empty else matrix


# chart key (as on the page, ids.chart(key)) -> the tab's frames, the chart's one.
CHARTS: dict[str, tuple[Frames, Picker]] = {
    "retention-cohorts": (retention_frames, _cohorts),
    "retention-bridge": (retention_frames, _bridge),
    "retention-rates": (retention_frames, _trend("retention_rate", "churn_rate")),
    "retention-nrr": (retention_frames, _trend("nrr", "grr")),
    "churn-trend": (churn_frames, _trend("lost_clients", "churn_rate")),
    "churn-reasons": (churn_frames, _frame("by_reason")),
    "churn-segments": (churn_frames, _frame("lost")),
    AT_RISK_TABLE: (churn_frames, _frame("health")),
    "meetings-attendance-trend": (meetings_frames, _trend("attendance_rate")),
    "meetings-attendance-clients": (meetings_frames, _frame("by_client")),
    "meetings-goals-trend": (meetings_frames, _trend("goal_achievement_rate")),
    "meetings-overruns": (
        meetings_frames,
        _trend("overrun_share", "avg_overrun_minutes"),
    ),
    "meetings-kind-status": (meetings_frames, _frame("by_kind")),
    "action-items-due": (action_items_frames, _frame("counts")),
    "action-items-overdue-clients": (action_items_frames, _frame("by_client")),
    "action-items-overdue-owners": (action_items_frames, _frame("by_owner")),
    OVERDUE_TABLE_ID: (action_items_frames, _frame("items")),
    "budget-burn-up": (budget_frames, _frame("portfolio")),
    "budget-burn-up-projects": (budget_frames, _frame("projects")),
    "budget-burn-ratio": (budget_frames, _frame("projects")),
    "budget-eac": (budget_frames, _frame("projects")),
    "budget-categories": (budget_frames, _frame("categories")),
    "budget-milestones": (budget_frames, _milestones),
    "satisfaction-nps": (satisfaction_frames, _by_period("bands")),
    "satisfaction-csat": (satisfaction_frames, _trend("csat", "csat_n")),
    "satisfaction-responses": (satisfaction_frames, _trend("nps_n", "csat_n")),
}


# The churn tab's charts and health list: for the portfolio's eyes only. A page
# facing one client shows "Relationship health" instead, and offers none of
# these (lost clients, why they left, risk bands) for download either.
INTERNAL_CHARTS = frozenset({AT_RISK_TABLE, "churn-trend", "churn-reasons",
                             "churn-segments"})  # fmt: skip
# Columns only an internal viewer downloads: the risk band is a judgement of ours.
INTERNAL_COLUMNS = frozenset({"band"})


def chart_frame(key: str, services: Services, view: ResolvedView, conn) -> pd.DataFrame:
    """The frame chart `key` is drawn from, for the view; KeyError if unknown."""
    frames, pick = CHARTS[key]
    frame = pick(frames(services, view, conn))
    return frame.reset_index(drop=frame.index.name is None)


# Column name in a chart frame -> its header (an English message id). KPI keys
# take their card title (dashboard.kernel.kpi_text.TITLES).
COLUMN_TITLES = {
    "period": "Period",
    "cohort": "Cohort",
    "size": "Clients",
    "clients": "Clients",
    "step": "Step",
    "amount": "Amount",
    "churn_reason": "Churn reason",
    "segment": "Segment",
    "external_id": "ID",
    "name": "Name",
    "churned_on": "Churned on",
    "on_time_rate": "On time",
    "satisfaction": "Satisfaction",
    "engagement": "Engagement",
    "delivery": "Delivery",
    "budget": "Budget",
    "revenue": "Revenue",
    "score": "Score",
    "band": "Status",
    "status": "Status",
    "held": "Meetings held",
    "invited": "Invited",
    "attended": "Attended",
    "kind": "Kind",
    "meetings": "Meetings",
    "due": "Due",
    "completed": "Completed",
    "on_time": "On time",
    "items": "Items",
    "owner": "Owner",
    "title": "Action item",
    "due_on": "Due date",
    "days_overdue": "Days overdue",
    "review_group": "Review",
    "day": "Day",
    "planned": "Planned",
    "actual": "Actual",
    "client_external_id": "Client ID",
    "client_name": "Client",
    "bac": "Budget (BAC)",
    "ac": "Actual cost",
    "elapsed": "Time elapsed",
    "pv": "Planned value",
    "complete": "Complete",
    "ev": "Earned value",
    "eac": "Forecast at completion (EAC)",
    "category": "Category",
    "project_external_id": "Project ID",
    "project_name": "Project",
    "planned_on": "Planned on",
    "completed_on": "Completed on",
    "promoters": "Promoters",
    "passives": "Passives",
    "detractors": "Detractors",
}


# The revenue bridge's steps (English message ids).
STEP_TITLES = {
    "start": "Start",
    "expansion": "Expansion",
    "contraction": "Contraction",
    "churned": "Churned",
    "other": "Credit notes after churn",
    "end": "End",
}


def column_title(column: object, lang: str) -> str:
    """A frame column's header in the page's language."""
    _ = translator(lang)
    if isinstance(column, int):  # a cohort's quarters since onboarding
        return _("Quarter {number}", number=column)
    name = str(column)
    title = COLUMN_TITLES.get(name) or TITLES.get(name)
    return _(title) if title else name


def readable_frame(frame: pd.DataFrame, lang: str, *, internal: bool) -> pd.DataFrame:
    """The frame with headers in `lang`; internal-only figures only for insiders."""
    if not internal:
        hidden = INTERNAL_KEYS | INTERNAL_COLUMNS
        frame = frame.drop(columns=[c for c in frame.columns if c in hidden])
    if "review_group" in frame.columns:
        labels = group_labels(lang)
        frame = frame.assign(review_group=[labels[g] for g in frame["review_group"]])
    if "step" in frame.columns:
        _ = translator(lang)
        frame = frame.assign(step=[_(STEP_TITLES[s]) for s in frame["step"]])
    return frame.rename(columns={c: column_title(c, lang) for c in frame.columns})
