"""Data-quality checks in SQL: for each check, the statement listing its offending
rows within the filters and the viewer's scope (counted with `count_rows`).

The checks and their words are in dashboard/kernel/quality_text.py; the dates
they look at are fixed by `as_of` (METRICS.md): "the last 12 months" is
`[as_of − 364 d, as_of]`, the window of client health.
"""

from __future__ import annotations

from sqlalchemy import Connection, Select, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from dashboard.kernel.filters import Filters
from dashboard.kernel.scope import Scope
from data.models import (
    Client,
    Invoice,
    Milestone,
    Project,
    Spend,
    SurveyResponse,
)
from data.queries.clients import active_on
from data.queries.quality_activity import (
    action_items_without_owner,
    meetings_without_attendees,
    meetings_without_objectives,
    old_open_action_items,
)
from data.queries.quality_base import CheckDates, client_columns, clients_of


def active_without_invoice(filters, scope, dates: CheckDates) -> Select:
    """Clients active for the whole last complete quarter with no revenue in it."""
    quarter = dates.quarter
    revenue = (
        select(func.coalesce(func.sum(Invoice.amount_cents), 0))
        .where(
            Invoice.client_id == Client.id,
            Invoice.issued_on >= quarter.start,
            Invoice.issued_on <= quarter.last_day,
        )
        .scalar_subquery()
    )
    return (
        select(*client_columns(), revenue.label("revenue_in_quarter_cents"))
        .where(
            clients_of(filters, scope),
            Client.onboarded_on <= quarter.start,
            or_(Client.churned_on.is_(None), Client.churned_on > quarter.last_day),
            revenue <= 0,
        )
        .order_by(Client.external_id)
    )


def _project_columns() -> list:
    return [
        Project.external_id.label("project_external_id"),
        Project.name.label("project_name"),
        *client_columns(),
        Project.start_on,
        Project.end_on,
    ]


def projects_without_milestones(filters, scope, dates: CheckDates) -> Select:
    """Projects running in the last 12 months with no milestone at all."""
    return (
        select(*_project_columns())
        .join(Client, Client.id == Project.client_id)
        .where(
            clients_of(filters, scope),
            Project.start_on <= dates.as_of,
            Project.end_on >= dates.since,
            ~exists().where(Milestone.project_id == Project.id),
        )
        .order_by(Client.external_id, Project.external_id)
    )


def projects_spending_after_end(filters, scope, dates: CheckDates) -> Select:
    """Projects ended before as_of with spend after the end in the last 12 months;
    each project's late spend is read by a seek on its own spend by date."""

    def late(aggregate) -> ColumnElement:
        return (
            select(aggregate)
            .where(
                Spend.project_id == Project.id,
                Spend.spent_on > Project.end_on,
                Spend.spent_on >= dates.since,
                Spend.spent_on <= dates.as_of,
            )
            .scalar_subquery()
        )

    last = late(func.max(Spend.spent_on))
    return (
        select(
            *_project_columns(),
            last.label("last_spent_on"),
            late(func.sum(Spend.amount_cents)).label("spend_after_end_cents"),
        )
        .join(Client, Client.id == Project.client_id)
        .where(
            clients_of(filters, scope),
            Project.end_on < dates.as_of,
            last.is_not(None),
        )
        .order_by(Client.external_id, Project.external_id)
    )


def no_recent_survey(filters, scope, dates: CheckDates) -> Select:
    """Clients active for the whole of the last 12 months with no survey answer
    in them (a newer client may not have been asked yet)."""
    answered = SurveyResponse.client_id == Client.id
    last = select(func.max(SurveyResponse.responded_on)).where(answered)
    return (
        select(*client_columns(), last.scalar_subquery().label("last_answer_on"))
        .where(
            clients_of(filters, scope),
            Client.onboarded_on <= dates.since,
            active_on(dates.as_of),
            ~exists().where(
                answered,
                SurveyResponse.responded_on >= dates.since,
                SurveyResponse.responded_on <= dates.as_of,
            ),
        )
        .order_by(Client.external_id)
    )


def name_key(name: ColumnElement) -> ColumnElement:
    """A client name compared without case and spaces."""
    return func.lower(func.replace(name, " ", ""))


def duplicate_client_names(filters, scope, dates: CheckDates) -> Select:
    """Clients whose name, without case and spaces, another client also has."""
    selected = clients_of(filters, scope)
    key = name_key(Client.name)
    shared = select(key).where(selected).group_by(key).having(func.count() > 1)
    return (
        select(
            *client_columns(),
            Client.segment,
            Client.onboarded_on,
            Client.churned_on,
        )
        .where(selected, key.in_(shared))
        .order_by(key, Client.external_id)
    )


# The checks with rows of their own (quiet feeds are read by `newest_rows`).
ROW_CHECKS = {
    "active_without_invoice": active_without_invoice,
    "projects_without_milestones": projects_without_milestones,
    "no_recent_survey": no_recent_survey,
    "meetings_without_attendees": meetings_without_attendees,
    "projects_spending_after_end": projects_spending_after_end,
    "old_open_action_items": old_open_action_items,
    "duplicate_client_names": duplicate_client_names,
    "meetings_without_objectives": meetings_without_objectives,
    "action_items_without_owner": action_items_without_owner,
}


def check_statement(
    check: str, *, filters: Filters | None, scope: Scope, dates: CheckDates
) -> Select:
    """The offending rows of one check (a key of ROW_CHECKS)."""
    return ROW_CHECKS[check](filters, scope, dates)


def count_rows(conn: Connection, statement: Select) -> int:
    """How many rows a check's statement lists."""
    counted = select(func.count()).select_from(statement.order_by(None).subquery())
    return int(conn.execute(counted).scalar_one())
