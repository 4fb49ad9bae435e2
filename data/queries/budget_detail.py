"""Budget drill-down: daily spend of the counted projects, spend by category and
the milestones of the counted projects.

"Counted" projects are those of the selected clients that overlap the window, as
for the budget metrics (`data.queries.budget.overlaps`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd
from sqlalchemy import (
    Connection,
    and_,
    case,
    func,
    literal,
    not_,
    select,
    true,
)
from sqlalchemy.sql import Select

from dashboard.kernel.catalog import CENTS
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window
from dashboard.kernel.scope import Scope
from data.models import (
    Client,
    Milestone,
    Project,
    RollupSpend,
    RollupSpendCategories,
    Spend,
)
from data.models.rollups import DAY
from data.queries.budget import counted_project_ids
from data.queries.day_numbers import days_from
from data.queries.frames import plain_rows
from data.queries.held import holds
from data.queries.held_projects import held_projects
from data.queries.held_spend import held_spend_days
from data.queries.rollups import Buckets
from data.queries.selection import (
    selected_client_ids,
    selected_clients,
    selected_projects,
)

MILESTONE_COLUMNS = [
    "project_external_id",
    "project_name",
    "client_external_id",
    "client_name",
    "name",
    "planned_on",
    "completed_on",
]


def project_schedules(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """The counted projects' dates and budget: external_id, start_on, end_on, bac
    (currency units), by external id (in code point order, whatever the
    database's collation: the burn-up adds the projects up in this order). From
    the held projects where the database is held."""
    if holds(conn):
        fields = ["external_id", "start_on", "end_on", "budget_cents"]
        counted = _held_counted(conn, filters, scope, window, fields)
        rows = list(counted.itertuples(index=False, name=None))
    else:
        rows = plain_rows(
            conn.execute(
                select(
                    Project.external_id,
                    Project.start_on,
                    Project.end_on,
                    Project.budget_cents,
                ).where(Project.id.in_(counted_project_ids(filters, scope, window)))
            )
        )
    frame = pd.DataFrame(
        sorted(rows), columns=["external_id", "start_on", "end_on", "bac"]
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
    rollups: bool = False,
) -> pd.DataFrame:
    """Σ spend per day up to t (AC as it accrued) of the counted projects, or of
    those of them whose external id is in `projects`: spent_on, amount (units).
    From the spend rollups' day rows when `rollups` is set (held in memory where
    the database is held)."""
    if rollups and holds(conn):
        rows = _held_daily_spend(conn, filters, scope, window, projects)
    else:
        counted = counted_project_ids(filters, scope, window)
        if projects is not None:
            counted = counted.where(Project.external_id.in_(sorted(projects)))
        rows = _summed_by_day(conn, counted, window.t, rollups)
    frame = pd.DataFrame(rows, columns=["spent_on", "amount"])
    frame["amount"] = frame["amount"].astype("int64") / CENTS
    return frame


def _summed_by_day(
    conn: Connection, counted: Select, t: dt.date, rollups: bool
) -> list[tuple]:
    """(day, cents) per day up to t of the `counted` projects, grouped by the
    database (from the spend rollups' day rows when `rollups` is set)."""
    if rollups:
        project_id, day, cents = (
            RollupSpend.project_id,
            RollupSpend.day,
            RollupSpend.amount_cents,
        )
        condition = RollupSpend.grain == DAY
    else:
        project_id, day, cents = Spend.project_id, Spend.spent_on, Spend.amount_cents
        condition = true()
    return plain_rows(
        conn.execute(
            select(day, func.sum(cents))
            .where(project_id.in_(counted), condition, day <= t)
            .group_by(day)
            .order_by(day)
        )
    )


def _held_daily_spend(
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    projects: Collection[str] | None,
) -> list[tuple]:
    """(day, cents) per day, summed from the held projects and spend day rows."""
    counted = _held_counted(conn, filters, scope, window, ["external_id", "project_id"])
    if projects is not None:
        counted = counted[counted["external_id"].isin(list(projects))]
    ids = counted["project_id"].to_numpy(dtype="int64")
    days, cents = held_spend_days(conn).daily(ids, window.t)
    return list(zip(days.tolist(), cents.tolist(), strict=True))


def _held_counted(
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    fields: list[str],
) -> pd.DataFrame:
    """These columns of the held projects that `counted_project_ids` selects."""
    every = held_projects(conn)
    keep = every.overlapping_mask(
        selected_client_ids(conn, filters, scope), window.start, window.t
    )
    return every.frame.loc[keep, fields]


def spend_by_category(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    rollups: bool = False,
) -> pd.DataFrame:
    """Σ spend in the window per category, over every project of the selected
    clients (as the `spend` metric), largest first: category, amount (units).
    From the spend rollups (months, and the days of the months the window's
    bounds cut) when `rollups` is set."""
    if rollups:
        table = RollupSpendCategories.__table__
        spent = Buckets.of([window]).rows(
            table, selected_clients(table.c.client_id, filters, scope)
        )
        category, cents, condition = spent.c.category, spent.c.amount_cents, true()
    else:
        category, cents = Spend.category, Spend.amount_cents
        condition = and_(
            selected_projects(Spend.project_id, filters, scope),
            Spend.spent_on >= window.start,
            Spend.spent_on <= window.t,
        )
    amount = func.sum(cents)
    rows = conn.execute(
        select(category, amount)
        .where(condition)
        .group_by(category)
        .order_by(amount.desc(), category)
    ).all()
    frame = pd.DataFrame(plain_rows(rows), columns=["category", "amount"])
    frame["amount"] = frame["amount"].astype("int64") / CENTS
    return frame


# The order milestones are listed in: by client, project, planned date.
MILESTONE_ORDER = (Client.name, Project.external_id, Milestone.planned_on, Milestone.id)


def _with_projects(*columns) -> Select:
    """SQL: milestones joined to their project and client (to list or rank)."""
    return (
        select(*columns)
        .join(Project, Project.id == Milestone.project_id)
        .join(Client, Client.id == Project.client_id)
    )


def _milestone_rows(condition) -> Select:
    return (
        _with_projects(
            Project.external_id,
            Project.name,
            Client.external_id,
            Client.name,
            Milestone.name,
            Milestone.planned_on,
            Milestone.completed_on,
        )
        .where(condition)
        .order_by(*MILESTONE_ORDER)
    )


def project_milestones(
    *, conn: Connection, filters: Filters | None, scope: Scope, window: Window
) -> pd.DataFrame:
    """Milestones of the counted projects, by project then planned date."""
    counted = Milestone.project_id.in_(counted_project_ids(filters, scope, window))
    rows = conn.execute(_milestone_rows(counted))
    return pd.DataFrame(plain_rows(rows), columns=MILESTONE_COLUMNS)


def milestones_shown(
    *,
    conn: Connection,
    filters: Filters | None,
    scope: Scope,
    window: Window,
    t: dt.date,
    count: int,
) -> tuple[pd.DataFrame, int]:
    """At most `count` milestones of the counted projects, late ones first, then
    those planned nearest to t (ties in list order), listed as
    `project_milestones` lists them; and how many the counted projects have.
    The same rows as ranking every milestone in memory, chosen by the database.

    Late: completed after planned (by t), or open on t and planned before t.
    """
    counted = Milestone.project_id.in_(counted_project_ids(filters, scope, window))
    day = literal(t, Milestone.planned_on.type)
    done = and_(Milestone.completed_on.is_not(None), Milestone.completed_on <= day)
    late = case(
        (and_(done, Milestone.completed_on > Milestone.planned_on), 1),
        (and_(not_(done), Milestone.planned_on < day), 1),
        else_=0,
    )
    distance = func.abs(days_from(Milestone.planned_on, day))
    chosen = (
        _with_projects(Milestone.id)
        .where(counted)
        .order_by(late.desc(), distance, *MILESTONE_ORDER)
        .limit(count)
    )
    rows = conn.execute(_milestone_rows(Milestone.id.in_(chosen)))
    total = conn.execute(select(func.count()).where(counted)).scalar_one()
    return pd.DataFrame(plain_rows(rows), columns=MILESTONE_COLUMNS), total
