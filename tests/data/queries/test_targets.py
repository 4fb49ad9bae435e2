"""Targets of a period for a view: the selected clients' own, their segments'
and the portfolio's; never another client's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from data.models import Target
from data.queries.targets import portfolio_targets, targets_for_period
from tests.factories import add_client

Q4 = parse_period("2026-Q4")
AT = dt.datetime(2026, 11, 30, 9, 0)


def _add(conn, scope, kpi, value, *, client_id=None, segment=None, period="2026-Q4"):
    conn.execute(
        insert(Target).values(
            scope=scope, client_id=client_id, segment=segment, kpi=kpi,
            period=period, value=value, set_by="ann", set_at=AT, version=1,
        )
    )  # fmt: skip


def _book(conn) -> None:
    acme = add_client(conn, "ACME", segment="enterprise", owner="Ann")
    beta = add_client(conn, "BETA", segment="smb", owner="Bob")
    _add(conn, "portfolio", "nps", 20.0)
    _add(conn, "portfolio", "nps", 25.0, period="2027-Q1")
    _add(conn, "segment", "nps", 30.0, segment="enterprise")
    _add(conn, "segment", "nps", 10.0, segment="smb")
    _add(conn, "segment", "nps", 15.0, segment="mid_market")
    _add(conn, "client", "attendance_rate", 0.9, client_id=acme)
    _add(conn, "client", "attendance_rate", 0.7, client_id=beta)
    _add(conn, "client", "nps", 40.0, client_id=beta)


def _rows(frame) -> list[tuple]:
    picked = frame[["scope", "client", "segment", "kpi", "value"]].astype(object)
    picked = picked.where(picked.notna(), None)
    return list(picked.itertuples(index=False, name=None))


def test_one_client_gets_its_own_its_segments_and_the_portfolios(engine):
    with engine.begin() as conn:
        _book(conn)
        frame = targets_for_period(
            conn=conn, filters=None, scope=Scope.for_client("ACME"), period="2026-Q4"
        )
    assert _rows(frame) == [
        ("client", "ACME", None, "attendance_rate", 0.9),
        ("segment", None, "enterprise", "nps", 30.0),
        ("portfolio", None, None, "nps", 20.0),
    ]
    assert frame["version"].tolist() == [1, 1, 1]
    assert frame["set_by"].tolist() == ["ann"] * 3


def test_a_manager_sees_every_target_of_the_period_and_filters_narrow_it(engine):
    with engine.begin() as conn:
        _book(conn)
        everything = targets_for_period(
            conn=conn, filters=None, scope=Scope.everything(), period="2026-Q4"
        )
        smb = targets_for_period(
            conn=conn,
            filters=Filters(Q4, segment="smb"),
            scope=Scope.everything(),
            period="2026-Q4",
        )
        bobs = targets_for_period(
            conn=conn, filters=None, scope=Scope.for_owner("Bob"), period="2026-Q4"
        )
    # mid_market has no client, so its segment target is for nobody selected.
    assert len(everything) == 7 - 1
    assert _rows(smb) == [
        ("client", "BETA", None, "attendance_rate", 0.7),
        ("client", "BETA", None, "nps", 40.0),
        ("segment", None, "smb", "nps", 10.0),
        ("portfolio", None, None, "nps", 20.0),
    ]
    assert _rows(bobs) == _rows(smb)


def test_nothing_for_a_period_without_targets(engine):
    with engine.begin() as conn:
        _book(conn)
        frame = targets_for_period(
            conn=conn, filters=None, scope=Scope.everything(), period="2026-Q3"
        )
    assert frame.empty and list(frame.columns)[:4] == [
        "scope", "client", "segment", "kpi"
    ]  # fmt: skip


def test_the_portfolio_view_reads_the_portfolio_and_its_segment_only(engine):
    everyone = Scope.everything()
    with engine.begin() as conn:
        _book(conn)
        whole = portfolio_targets(conn=conn, filters=Filters(Q4), scope=everyone)
        smb = portfolio_targets(
            conn=conn, filters=Filters(Q4, segment="smb"), scope=everyone
        )
        empty = portfolio_targets(
            conn=conn, filters=Filters(Q4, segment="mid_market"), scope=everyone
        )
        wide = targets_for_period(
            conn=conn,
            filters=Filters(Q4, segment="smb"),
            scope=everyone,
            period="2026-Q4",
        )
    assert _rows(whole) == [("portfolio", None, None, "nps", 20.0)]
    assert _rows(smb) == [
        ("segment", None, "smb", "nps", 10.0),
        ("portfolio", None, None, "nps", 20.0),
    ]
    # The same rows as the wide read, without the clients' own.
    assert _rows(smb) == [row for row in _rows(wide) if row[0] != "client"]
    # A segment none of whose clients is selected has no target for the view.
    assert _rows(empty) == _rows(whole)
