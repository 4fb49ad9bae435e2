"""Budget drill-down: daily spend of the counted projects, spend by category and
the milestones of the counted projects.

"Counted" projects are those of the selected clients that overlap the window, as
for the budget metrics (`data.queries.budget.overlaps`).
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd
from sqlalchemy import Connection, func, select

from dashboard.kernel.catalog import CENTS
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Client, Milestone, Project, Spend
from data.queries.budget import overlaps
from data.queries.selection import client_condition, selected_projects

MILESTONE_COLUMNS = [
    "project_external_id",
    "project_name",
    "client_external_id",
    "client_name",
    "name",
    "planned_on",
    "completed_on",
]


def _counted_project_ids(filters: Filters | None, scope: Scope, window: Window):
    return (
        select(Project.id)
        .join(Client, Client.id == Project.client_id)
        .where(client_condition(filters, scope), overlaps(window))
    )


def project_schedules(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """The counted projects' dates and budget: external_id, start_on, end_on, bac
    (currency units), by external id."""
    rows = conn.execute(
        select(
            Project.external_id, Project.start_on, Project.end_on, Project.budget_cents
        )
        .where(Project.id.in_(_counted_project_ids(filters, scope, window)))
        .order_by(Project.external_id)
    ).all()
    frame = pd.DataFrame(
        [tuple(row) for row in rows],
        columns=["external_id", "start_on", "end_on", "bac"],
    )
    frame["bac"] = frame["bac"].astype("int64") / CENTS
    return frame


def daily_spend(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    projects: Collection[str] | None = None,
) -> pd.DataFrame:
    """Σ spend per day up to t (AC as it accrued) of the counted projects, or of
    those of them whose external id is in `projects`: spent_on, amount (units)."""
    counted = _counted_project_ids(filters, scope, window)
    if projects is not None:
        counted = counted.where(Project.external_id.in_(sorted(projects)))
    amount = func.sum(Spend.amount_cents)
    rows = conn.execute(
        select(Spend.spent_on, amount)
        .where(Spend.project_id.in_(counted), Spend.spent_on <= window.t)
        .group_by(Spend.spent_on)
        .order_by(Spend.spent_on)
    ).all()
    frame = pd.DataFrame([tuple(row) for row in rows], columns=["spent_on", "amount"])
    frame["amount"] = frame["amount"].astype("int64") / CENTS
    return frame


def spend_by_category(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Σ spend in the window per category, over every project of the selected
    clients (as the `spend` metric), largest first: category, amount (units)."""
    amount = func.sum(Spend.amount_cents)
    rows = conn.execute(
        select(Spend.category, amount)
        .where(
            selected_projects(Spend.project_id, filters, scope),
            Spend.spent_on >= window.start,
            Spend.spent_on <= window.t,
        )
        .group_by(Spend.category)
        .order_by(amount.desc(), Spend.category)
    ).all()
    frame = pd.DataFrame(rows, columns=["category", "amount"])
    frame["amount"] = frame["amount"].astype("int64") / CENTS
    return frame


def project_milestones(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Milestones of the counted projects, by project then planned date."""
    rows = conn.execute(
        select(
            Project.external_id,
            Project.name,
            Client.external_id,
            Client.name,
            Milestone.name,
            Milestone.planned_on,
            Milestone.completed_on,
        )
        .join(Project, Project.id == Milestone.project_id)
        .join(Client, Client.id == Project.client_id)
        .where(Milestone.project_id.in_(_counted_project_ids(filters, scope, window)))
        .order_by(Client.name, Project.external_id, Milestone.planned_on, Milestone.id)
    ).all()
    return pd.DataFrame(rows, columns=MILESTONE_COLUMNS)
