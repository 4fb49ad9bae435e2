"""Clients lost in a window: per reason and segment, and the list of them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from data.models import Client
from data.queries.churn_detail import churn_by_reason, churned_clients

D = dt.date
WINDOW = Window(D(2026, 7, 1), D(2026, 8, 15))
Q3 = parse_period("2026-Q3")


def client(cid, segment, churned_on, reason):
    return {
        "id": cid,
        "external_id": f"C{cid}",
        "name": f"Client {cid}",
        "segment": segment,
        "onboarded_on": D(2024, 1, 1),
        "churned_on": churned_on,
        "churn_reason": reason,
    }


@pytest.fixture
def conn(engine):
    with engine.begin() as connection:
        connection.execute(
            insert(Client),
            [
                client(1, "smb", D(2026, 7, 10), "price"),
                client(2, "smb", D(2026, 8, 1), "price"),
                client(3, "enterprise", D(2026, 7, 20), None),
                client(4, "mid_market", D(2026, 6, 30), "price"),  # before the window
                client(5, "smb", D(2026, 8, 16), "moved"),  # after t
                client(6, "enterprise", None, None),  # still a client
            ],
        )
    with engine.connect() as connection:
        yield connection


def test_reasons_count_only_clients_lost_in_the_window(conn):
    # In [07-01, 08-15]: C1, C2 (price, smb) and C3 (no reason, enterprise).
    frame = churn_by_reason(
        conn=conn, filters=Filters(Q3), scope=Scope.everything(), window=WINDOW
    )
    assert frame.to_dict("records") == [
        {"churn_reason": "price", "segment": "smb", "clients": 2},
        {"churn_reason": None, "segment": "enterprise", "clients": 1},
    ]


def test_reasons_follow_the_filters_and_the_scope(conn):
    smb = churn_by_reason(
        conn=conn,
        filters=Filters(Q3, segment="smb"),
        scope=Scope.everything(),
        window=WINDOW,
    )
    assert smb.to_dict("records") == [
        {"churn_reason": "price", "segment": "smb", "clients": 2}
    ]
    only_c3 = churn_by_reason(
        conn=conn, filters=Filters(Q3), scope=Scope.for_client("C3"), window=WINDOW
    )
    assert list(only_c3["clients"]) == [1]
    assert only_c3["churn_reason"].tolist() == [None]


def test_lost_clients_are_listed_by_segment_then_date(conn):
    frame = churned_clients(
        conn=conn, filters=Filters(Q3), scope=Scope.everything(), window=WINDOW
    )
    assert list(frame["external_id"]) == ["C3", "C1", "C2"]
    assert list(frame["segment"]) == ["enterprise", "smb", "smb"]
    assert frame["churn_reason"].tolist() == [None, "price", "price"]
    assert frame.loc[0, "churned_on"] == D(2026, 7, 20)


def test_no_lost_clients_gives_an_empty_frame(conn):
    frame = churned_clients(
        conn=conn,
        filters=Filters(Q3, segment="mid_market"),
        scope=Scope.everything(),
        window=WINDOW,
    )
    assert frame.empty
    assert list(frame.columns) == [
        "external_id", "name", "segment", "churn_reason", "churned_on"
    ]  # fmt: skip
