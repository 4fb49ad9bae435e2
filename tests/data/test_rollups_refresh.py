"""What `refresh_rollups` writes, by hand: local days, months, one client at a time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert, select, update

from dashboard.kernel.periods import Window
from data.models import (
    Invoice,
    RollupActionItems,
    RollupMeetings,
    RollupRevenue,
    RollupSurveys,
)
from data.queries.rollups import Buckets, rollup_timezone
from data.rollups import refresh_rollups
from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_survey,
)

D = dt.date


def _rows(conn, table, *columns):
    return conn.execute(
        select(table.grain, table.day, table.client_id, *columns).order_by(
            table.client_id, table.grain, table.day
        )
    ).all()


def test_a_meeting_counts_on_its_local_day_and_month(engine):
    with engine.begin() as conn:
        client = add_client(conn)
        # 20:00 UTC on 31 March is 01:30 on 1 April in Kolkata (UTC+5:30).
        add_meeting(
            conn,
            client,
            dt.datetime(2026, 3, 31, 20, 0),
            planned_minutes=60,
            actual_minutes=75,
            objectives_set=3,
            objectives_met=2,
            cost_cents=1000,
            feedback_score=4.0,
            attendees=(("client", True), ("client", False), ("internal", True)),
        )
        add_meeting(conn, client, dt.datetime(2026, 3, 31, 9, 0), status="cancelled")
        columns = (
            RollupMeetings.held,
            RollupMeetings.client_invited,
            RollupMeetings.client_attended,
            RollupMeetings.objectives_set,
            RollupMeetings.objectives_met,
            RollupMeetings.overruns,
            RollupMeetings.overrun_minutes,
            RollupMeetings.cost_cents,
            RollupMeetings.feedback_total,
            RollupMeetings.feedback_n,
        )
        sums = (1, 2, 1, 3, 2, 1, 15, 1000, 4.0, 1)
        assert rollup_timezone(conn) == "UTC"
        assert _rows(conn, RollupMeetings, *columns) == [
            (0, D(2026, 3, 1), client, *sums),
            (1, D(2026, 3, 31), client, *sums),
        ]
        refresh_rollups(conn, None, timezone="Asia/Kolkata")
        assert rollup_timezone(conn) == "Asia/Kolkata"
        assert _rows(conn, RollupMeetings, *columns) == [
            (0, D(2026, 4, 1), client, *sums),
            (1, D(2026, 4, 1), client, *sums),
        ]


def test_invoices_and_surveys_sum_per_day_and_month(engine):
    with engine.begin() as conn:
        client = add_client(conn)
        add_invoice(conn, client, D(2026, 5, 2), 30_000)
        add_invoice(conn, client, D(2026, 5, 2), -5_000)
        add_invoice(conn, client, D(2026, 5, 20), 1_000)
        add_survey(conn, client, D(2026, 5, 3), "nps", 9)
        add_survey(conn, client, D(2026, 5, 3), "nps", 6)
        add_survey(conn, client, D(2026, 5, 4), "csat", 4)
        assert _rows(conn, RollupRevenue, RollupRevenue.amount_cents) == [
            (0, D(2026, 5, 1), client, 26_000),
            (1, D(2026, 5, 2), client, 25_000),
            (1, D(2026, 5, 20), client, 1_000),
        ]
        counts = (
            RollupSurveys.nps_n,
            RollupSurveys.promoters,
            RollupSurveys.detractors,
            RollupSurveys.csat_n,
            RollupSurveys.satisfied,
        )
        assert _rows(conn, RollupSurveys, *counts) == [
            (0, D(2026, 5, 1), client, 2, 1, 1, 1, 1),
            (1, D(2026, 5, 3), client, 2, 1, 1, 0, 0),
            (1, D(2026, 5, 4), client, 0, 0, 0, 1, 1),
        ]


def test_action_items_count_by_due_day_all_and_shared(engine):
    with engine.begin() as conn:
        client = add_client(conn)
        add_action_item(
            conn,
            client,
            D(2026, 6, 10),
            completed_on=D(2026, 6, 9),
            visibility="shared",
        )
        add_action_item(conn, client, D(2026, 6, 10), completed_on=D(2026, 6, 12))
        add_action_item(
            conn, client, D(2026, 6, 10), completed_on=None, visibility="shared"
        )
        add_action_item(conn, client, D(2026, 6, 30), completed_on=D(2026, 6, 30))
        counts = (
            RollupActionItems.due,
            RollupActionItems.completed,
            RollupActionItems.on_time,
            RollupActionItems.shared_due,
            RollupActionItems.shared_completed,
            RollupActionItems.shared_on_time,
        )
        assert _rows(conn, RollupActionItems, *counts) == [
            (0, D(2026, 6, 1), client, 4, 3, 2, 2, 1, 1),
            (1, D(2026, 6, 10), client, 3, 2, 1, 2, 1, 1),
            (1, D(2026, 6, 30), client, 1, 1, 1, 0, 0, 0),
        ]


def test_a_refresh_of_one_client_leaves_the_others_alone(engine):
    with engine.begin() as conn:
        first, second = add_client(conn), add_client(conn)
        add_invoice(conn, first, D(2026, 1, 10), 100)
        add_invoice(conn, second, D(2026, 1, 10), 200)
        # Changed behind the rollups' back: only a refresh of `first` sees it.
        conn.execute(update(Invoice).values(amount_cents=Invoice.amount_cents + 1))
        refresh_rollups(conn, {second})
        month = select(RollupRevenue.client_id, RollupRevenue.amount_cents).where(
            RollupRevenue.grain == 0
        )
        assert sorted(conn.execute(month).all()) == [(first, 100), (second, 201)]
        refresh_rollups(conn, [first])
        assert sorted(conn.execute(month).all()) == [(first, 101), (second, 201)]


def test_an_empty_database_gets_empty_rollups(engine):
    with engine.begin() as conn:
        refresh_rollups(conn, None)
        assert rollup_timezone(conn) == "UTC"
        for table in (RollupMeetings, RollupRevenue, RollupSurveys):
            assert conn.execute(select(table)).all() == []


def test_a_deleted_client_takes_its_rollups_along(engine):
    with engine.begin() as conn:
        client = add_client(conn)
        conn.execute(
            insert(Invoice),
            {
                "external_id": "I-x",
                "client_id": client,
                "issued_on": D(2026, 2, 1),
                "amount_cents": 5,
            },
        )
        refresh_rollups(conn, None)
        assert len(conn.execute(select(RollupRevenue)).all()) == 2
        conn.execute(Invoice.__table__.delete())
        refresh_rollups(conn, {client})
        assert conn.execute(select(RollupRevenue)).all() == []


def test_buckets_read_months_whole_and_cut_months_by_day():
    quarter_to_date = Window(D(2026, 4, 1), D(2026, 5, 15))
    trailing = Window(D(2025, 5, 16), D(2026, 5, 15))
    buckets = Buckets.of([quarter_to_date, trailing])
    # Bounds: 2025-05-16, 2026-04-01, 2026-05-16: May 2025 and May 2026 are cut.
    assert buckets.pieces.bounds == (D(2025, 5, 16), D(2026, 4, 1), D(2026, 5, 16))
    assert buckets.cut_months == (D(2025, 5, 1), D(2026, 5, 1))
