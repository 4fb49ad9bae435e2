"""Project budget inputs: per project BAC, spend to date and milestone weights."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import BigInteger, Connection, and_, case, cast, func, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import Client, Milestone, Project, Spend
from data.queries.selection import client_condition, selected_projects

PROJECT_COLUMNS = [
    "project_id",
    "external_id",
    "name",
    "client_id",
    "client_external_id",
    "start_on",
    "end_on",
    "budget_cents",
    "spent_cents",
    "milestone_weight",
    "completed_weight",
]


def overlaps(window: Window) -> ColumnElement[bool]:
    """SQL: the project overlaps the window (`start_on <= t`, `end_on >= start`)."""
    return and_(Project.start_on <= window.t, Project.end_on >= window.start)


def _cents(expression) -> ColumnElement:
    return cast(func.coalesce(expression, 0), BigInteger)


def project_inputs(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """One row per project of the selected clients that overlaps the window.

    `spent_cents` is its spend with `spent_on <= t` (AC, cents); `milestone_weight`
    is Σ weight of its milestones (NaN when it has none) and `completed_weight`
    Σ weight of those completed by t. Ordered by client and project external id.
    """
    t = window.t
    counted = and_(client_condition(filters, scope), overlaps(window))
    counted_ids = select(Project.id).join(Client).where(counted)
    spent = (
        select(Spend.project_id, func.sum(Spend.amount_cents).label("spent"))
        .where(Spend.project_id.in_(counted_ids), Spend.spent_on <= t)
        .group_by(Spend.project_id)
        .subquery()
    )
    weight = func.coalesce(Milestone.weight, 1.0)
    done = and_(Milestone.completed_on.is_not(None), Milestone.completed_on <= t)
    weights = (
        select(
            Milestone.project_id,
            func.sum(weight).label("total"),
            func.sum(case((done, weight), else_=0.0)).label("completed"),
        )
        .where(Milestone.project_id.in_(counted_ids))
        .group_by(Milestone.project_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            Project.id,
            Project.external_id,
            Project.name,
            Project.client_id,
            Client.external_id.label("client_external_id"),
            Project.start_on,
            Project.end_on,
            Project.budget_cents,
            _cents(spent.c.spent),
            weights.c.total,
            weights.c.completed,
        )
        .join(Client, Client.id == Project.client_id)
        .outerjoin(spent, spent.c.project_id == Project.id)
        .outerjoin(weights, weights.c.project_id == Project.id)
        .where(counted)
        .order_by(Client.external_id, Project.external_id)
    ).all()
    frame = pd.DataFrame(rows, columns=PROJECT_COLUMNS)
    frame = frame.astype(
        {
            "project_id": "int64",
            "client_id": "int64",
            "budget_cents": "int64",
            "spent_cents": "int64",
            "milestone_weight": "float64",
            "completed_weight": "float64",
        }
    )
    return frame


def spend_cents(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> int:
    """Σ spend with `spent_on` in the window, over every project of the selected
    clients (whether or not the project's dates overlap the window), in cents."""
    return int(
        conn.execute(
            select(_cents(func.sum(Spend.amount_cents))).where(
                selected_projects(Spend.project_id, filters, scope),
                Spend.spent_on >= window.start,
                Spend.spent_on <= window.t,
            )
        ).scalar_one()
    )
