"""Which clients a query counts: no restriction gives no SQL condition at all."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis import kpi_report
from data.models import Meeting, Spend
from data.queries.selection import selected_clients, selected_projects
from tests.factories import BOOK_AS_OF, add_book

Q2 = parse_period("2026-Q2")


def sql(query, dialect) -> str:
    return " ".join(str(query.compile(dialect=dialect)).split())


@pytest.mark.parametrize("dialect", [sqlite.dialect(), postgresql.dialect()])
def test_no_filter_and_an_unrestricted_scope_add_no_condition(dialect):
    everything = Scope.everything()
    meetings = select(Meeting.id).where(
        selected_clients(Meeting.client_id, Filters(Q2), everything)
    )
    spend = select(Spend.id).where(
        selected_projects(Spend.project_id, None, everything)
    )
    for query in (meetings, spend):
        text = sql(query, dialect)
        assert "IN (SELECT" not in text
        assert "clients" not in text


@pytest.mark.parametrize(
    ("filters", "scope"),
    [
        (Filters(Q2, segment="smb"), Scope.everything()),
        (Filters(Q2), Scope.for_owner("Dana")),
    ],
)
def test_a_filter_or_a_narrow_scope_selects_clients(filters, scope):
    meetings = select(Meeting.id).where(
        selected_clients(Meeting.client_id, filters, scope)
    )
    spend = select(Spend.id).where(selected_projects(Spend.project_id, filters, scope))
    assert "IN (SELECT clients.id" in sql(meetings, sqlite.dialect())
    assert "IN (SELECT projects.id" in sql(spend, sqlite.dialect())


def test_the_report_for_all_clients_never_selects_client_ids(engine, settings):
    with engine.begin() as conn:
        add_book(conn)
    statements: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(" ".join(statement.split()))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        with engine.connect() as conn:
            kpi_report(
                conn,
                settings=replace(settings, as_of=BOOK_AS_OF),
                filters=Filters(Q2),
                scope=Scope.everything(),
            )
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert len(statements) > 10
    assert not [s for s in statements if "IN (SELECT clients.id" in s]
