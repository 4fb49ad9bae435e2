"""What the filter bar offers within a scope, and how a server keeps it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from dashboard.kernel.scope import Scope
from data.db import make_engine, upgrade
from data.queries import choices
from data.queries.choices import ScopeChoices, matching_clients, scope_choices
from data.queries.held import hold_for
from data.version import bump_data_version
from tests.factories import add_client

D = dt.date


def _book(conn) -> None:
    add_client(
        conn, "A", name="Zeta", region="EU", owner="ann", onboarded_on=D(2023, 5, 2)
    )
    add_client(conn, "B", name="Alpha", region="US", owner="bob")
    add_client(conn, "C", name="Mid", owner="ann", onboarded_on=D(2022, 1, 9))


def _read(engine, scope: Scope, first: int = 2) -> ScopeChoices:
    with engine.connect() as conn:
        return scope_choices(conn, scope, first)


def test_first_clients_by_name_regions_owners_and_first_day(engine):
    with engine.begin() as conn:
        _book(conn)
    assert _read(engine, Scope.everything()) == ScopeChoices(
        (("B", "Alpha"), ("C", "Mid")), ("EU", "US"), ("ann", "bob"), D(2022, 1, 9)
    )
    assert _read(engine, Scope.for_owner("ann"), 5) == ScopeChoices(
        (("C", "Mid"), ("A", "Zeta")), ("EU",), ("ann",), D(2022, 1, 9)
    )


def test_a_server_keeps_each_scopes_choices_until_a_write(engine):
    with engine.begin() as conn:
        _book(conn)
    hold_for(engine)
    everyone, anns = (
        _read(engine, Scope.everything()),
        _read(engine, Scope.for_owner("ann")),
    )
    assert _read(engine, Scope.everything()) is everyone
    assert _read(engine, Scope.for_owner("ann")) is anns
    with engine.begin() as conn:
        add_client(conn, "D", name="Aardvark", region="APAC", owner="cy")
        bump_data_version(conn)
    after = _read(engine, Scope.everything())
    assert after.first_by_name == (("D", "Aardvark"), ("B", "Alpha"))
    assert after.regions == ("APAC", "EU", "US") and after.owners == (
        "ann",
        "bob",
        "cy",
    )


def test_a_server_keeps_the_newest_scopes_only(engine, monkeypatch):
    with engine.begin() as conn:
        _book(conn)
    hold_for(engine)
    monkeypatch.setattr(choices, "SCOPES_HELD", 2)
    first = _read(engine, Scope.for_owner("ann"))
    _read(engine, Scope.for_owner("bob"))
    assert _read(engine, Scope.for_owner("ann")) is first
    _read(engine, Scope.everything())  # a third scope: ann's, the oldest, goes
    assert _read(engine, Scope.for_owner("bob")) is not None
    again = _read(engine, Scope.for_owner("ann"))
    assert again == first and again is not first


def test_the_picker_s_first_clients_are_read_in_name_order_not_sorted(tmp_path):
    # The first clients by name come from the name index: the database stops
    # after `limit` of them instead of sorting every client (SQLite's plan; a
    # PostgreSQL planner sorts a table this small whatever the indexes).
    engine = make_engine(f"sqlite:///{tmp_path / 'plan.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        _book(conn)
    seen = []
    listen = lambda *a: seen.append((a[2], a[3]))  # noqa: E731
    event.listen(engine, "before_cursor_execute", listen)
    try:
        with engine.connect() as conn:
            found = matching_clients(conn=conn, scope=Scope.everything(), text="",
                                     limit=2)  # fmt: skip
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert found == [("B", "Alpha"), ("C", "Mid")]
    ((statement, parameters),) = seen
    with engine.connect() as conn:
        plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        steps = " ".join(row[-1] for row in plan)
    assert "ix_clients_name_external_id" in steps
    assert "TEMP B-TREE" not in steps
    engine.dispose()
