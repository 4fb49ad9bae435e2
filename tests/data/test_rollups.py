"""The rollups give the raw rows' numbers to the last digit, on random small data.

Each example writes random clients, invoices, surveys, meetings, attendees,
action items and projects with their spend and milestones, refreshes the rollups
(all clients, in a random time zone), then compares the headline (P, P-1 cut,
eight trend periods; and P with P-1 alone, each window on its own), the client
health table and the budget tab's frames read from the rollups with those read
from the raw rows, for a random period kind, fiscal start, as_of, filter and
scope. Then one client's rows
change and only that client is refreshed.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert

from callbacks.resolved_view import ResolvedView, load_choices
from callbacks.tab_budget import budget_frames
from dashboard.kernel.catalog import KPI_KEYS
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import period_containing
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kernel.urlstate import ViewState
from dashboard.kpis import compute_kpis, kpi_headline
from dashboard.kpis.context import KpiContext
from dashboard.kpis.health import client_health
from dashboard.services import Services
from data.models import (
    ENTITY_TABLES,
    ROLLUP_TABLES,
    SPEND_CATEGORIES,
    ActionItem,
    Attendee,
    Client,
    Invoice,
    Meeting,
    RollupState,
    SurveyResponse,
)
from data.queries.budget_detail import daily_spend
from data.queries.held import hold_for, holds
from data.queries.rollups import rollup_timezone
from data.rollups import refresh_rollups
from tests.factories import add_milestone, add_project, add_spend

FIRST_DAY = dt.date(2023, 6, 1)
LAST_DAY = dt.date(2026, 12, 31)
TIMEZONES = ("UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe")
SEGMENTS = ("enterprise", "smb")
OWNERS = ("ann", "bob")
SERIALS = itertools.count(1)  # external ids, unique across examples
ROLLUP_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)


def days(low: dt.date = FIRST_DAY, high: dt.date = LAST_DAY):
    return st.integers(0, (high - low).days).map(lambda n: low + dt.timedelta(n))


def instants():
    """Naive UTC starts, at quarter hours, near local midnights too."""
    return st.tuples(days(), st.integers(0, 24 * 4 - 1)).map(
        lambda pair: (
            dt.datetime.combine(pair[0], dt.time()) + dt.timedelta(minutes=15 * pair[1])
        )
    )


@st.composite
def meetings(draw):
    status = draw(st.sampled_from(("held", "held", "cancelled", "scheduled")))
    planned = draw(st.integers(0, 120))
    held = status == "held"
    objectives_set = draw(st.none() | st.integers(0, 5))
    return {
        "start": draw(instants()),
        "status": status,
        "planned_minutes": planned,
        "actual_minutes": draw(st.integers(0, 180)) if held else None,
        "objectives_set": objectives_set,
        "objectives_met": (
            None
            if objectives_set is None
            else draw(st.none() | st.integers(0, objectives_set))
        ),
        "cost_cents": draw(st.none() | st.integers(0, 100_000)),
        # Halves are exact in binary, so any order of summing gives one total.
        "feedback_score": draw(st.none() | st.integers(2, 10).map(lambda n: n / 2)),
        "attendees": draw(
            st.lists(
                st.tuples(st.sampled_from(("client", "internal")), st.booleans()),
                max_size=4,
            )
        ),
    }


@st.composite
def projects(draw):
    """A project whose spend falls mostly between its dates, a little outside."""
    start = draw(days(dt.date(2024, 1, 1), dt.date(2026, 10, 1)))
    length = draw(st.integers(0, 700))
    near = st.integers(-30, length + 30).map(lambda n: start + dt.timedelta(n))
    return {
        "start_on": start,
        "end_on": start + dt.timedelta(length),
        "budget_cents": draw(st.integers(1, 2_000_000)),
        "spend": draw(
            st.lists(
                st.tuples(
                    near | days(),
                    st.integers(-20_000, 300_000),
                    st.sampled_from(SPEND_CATEGORIES),
                ),
                min_size=1,
                max_size=12,
            )
        ),
        # Weights that are exact in binary: any order of summing gives one total.
        "milestones": draw(
            st.lists(
                st.tuples(
                    near,
                    st.none() | near,
                    st.none() | st.sampled_from((0.5, 1.0, 2.0)),
                ),
                max_size=3,
            )
        ),
    }


@st.composite
def clients(draw):
    onboarded = draw(days(FIRST_DAY, dt.date(2026, 6, 1)))
    churned = draw(st.none() | days(onboarded + dt.timedelta(1), LAST_DAY))
    return {
        "onboarded_on": onboarded,
        "churned_on": churned,
        "segment": draw(st.sampled_from(SEGMENTS)),
        "owner": draw(st.sampled_from(OWNERS)),
        "invoices": draw(
            st.lists(st.tuples(days(), st.integers(-50_000, 200_000)), max_size=8)
        ),
        "surveys": draw(
            st.lists(
                st.one_of(
                    st.tuples(days(), st.just("nps"), st.integers(0, 10)),
                    st.tuples(days(), st.just("csat"), st.integers(1, 5)),
                ),
                max_size=6,
            )
        ),
        "meetings": draw(st.lists(meetings(), max_size=6)),
        "projects": draw(st.lists(projects(), min_size=1, max_size=3)),
        "action_items": draw(
            st.lists(
                st.tuples(
                    days(),
                    st.none() | days(),
                    st.sampled_from(("shared", "internal")),
                ),
                max_size=6,
            )
        ),
    }


@st.composite
def views(draw):
    """Settings (time zone, fiscal start, as_of), filters and scope of one view."""
    as_of = draw(days(dt.date(2024, 9, 1), dt.date(2026, 11, 30)))
    fiscal = draw(st.sampled_from((1, 4)))
    kind = draw(st.sampled_from(("month", "quarter", "year")))
    chosen = draw(days(dt.date(2024, 9, 1), as_of))
    period = period_containing(chosen, kind, fiscal)
    segment = draw(st.none() | st.sampled_from(SEGMENTS))
    owner = draw(st.none() | st.sampled_from(OWNERS))
    picked = draw(
        st.lists(st.sampled_from(("K0", "K1", "K2")), max_size=2, unique=True)
    )
    scope = draw(
        st.sampled_from(
            (Scope.everything(), Scope.for_owner("ann"), Scope.for_client("K1"))
        )
    )
    filters = Filters(
        period=period, clients=tuple(picked), segment=segment, owner=owner
    )
    return as_of, fiscal, filters, scope


def _write(conn, book: list[dict]) -> list[int]:
    for table in (*ROLLUP_TABLES, RollupState.__table__, *reversed(ENTITY_TABLES)):
        conn.execute(delete(table))
    ids = []
    for number, client in enumerate(book):
        ids.append(_write_client(conn, f"K{number}", client))
    return ids


def _write_client(conn, external_id: str, client: dict) -> int:
    client_id = conn.execute(
        insert(Client).returning(Client.id),
        {
            "external_id": external_id,
            "name": external_id,
            "segment": client["segment"],
            "owner": client["owner"],
            "onboarded_on": client["onboarded_on"],
            "churned_on": client["churned_on"],
        },
    ).scalar_one()
    _write_rows(conn, client_id, client)
    return client_id


def _write_rows(conn, client_id: int, client: dict) -> None:
    for issued_on, cents in client["invoices"]:
        serial = next(SERIALS)
        conn.execute(
            insert(Invoice),
            {
                "external_id": f"I{client_id}-{serial}",
                "client_id": client_id,
                "issued_on": issued_on,
                "amount_cents": cents,
            },
        )
    for responded_on, kind, score in client["surveys"]:
        serial = next(SERIALS)
        conn.execute(
            insert(SurveyResponse),
            {
                "external_id": f"S{client_id}-{serial}",
                "client_id": client_id,
                "responded_on": responded_on,
                "kind": kind,
                "score": score,
            },
        )
    for due_on, completed_on, visibility in client["action_items"]:
        conn.execute(
            insert(ActionItem),
            {
                "external_id": f"A{client_id}-{next(SERIALS)}",
                "client_id": client_id,
                "title": "follow up",
                "owner": "ann",
                "created_on": min(due_on, completed_on or due_on),
                "due_on": due_on,
                "completed_on": completed_on,
                "visibility": visibility,
            },
        )
    for project in client["projects"]:
        project_id = add_project(
            conn,
            client_id,
            project["start_on"],
            project["end_on"],
            project["budget_cents"],
            external_id=f"P{client_id}-{next(SERIALS)}",
        )
        for spent_on, cents, category in project["spend"]:
            add_spend(conn, project_id, spent_on, cents, category=category)
        for planned_on, completed_on, weight in project["milestones"]:
            add_milestone(
                conn, project_id, planned_on, completed_on=completed_on, weight=weight
            )
    for meeting in client["meetings"]:
        serial = next(SERIALS)
        values = {k: v for k, v in meeting.items() if k not in ("start", "attendees")}
        meeting_id = conn.execute(
            insert(Meeting).returning(Meeting.id),
            {
                **values,
                "external_id": f"M{client_id}-{serial}",
                "client_id": client_id,
                "kind": "qbr",
                "scheduled_start": meeting["start"],
            },
        ).scalar_one()
        for number, (side, attended) in enumerate(meeting["attendees"]):
            conn.execute(
                insert(Attendee),
                {
                    "meeting_id": meeting_id,
                    "name": f"p{number}",
                    "side": side,
                    "attended": attended,
                },
            )


def _settings(view, timezone: str) -> Settings:
    as_of, fiscal, _, _ = view
    return Settings(
        as_of=as_of,
        timezone=timezone,
        fiscal_year_start_month=fiscal,
        load_demo_data=False,
    )


def _headlines(conn, view, timezone: str, periods: int = 8) -> list:
    """The headline read from the rollups, then from the raw rows (with
    `periods` 0: P and P-1 alone, each topic one window at a time)."""
    _, _, filters, scope = view
    return [
        kpi_headline(
            conn,
            settings=_settings(view, timezone),
            filters=filters,
            scope=scope,
            keys=KPI_KEYS,
            periods=periods,
            use_rollups=use_rollups,
        )
        for use_rollups in (True, False)
    ]


def _budget_tab(conn, engine, view, timezone: str) -> list[dict]:
    """The budget tab's frames, and each counted project's daily spend (its
    burn-up), from the rollups then from the raw rows."""
    _, _, filters, scope = view
    settings = _settings(view, timezone)
    services = Services(settings=settings, engine=engine, scope_override=scope)
    resolved = ResolvedView(
        state=ViewState(tab="budget"),
        filters=filters,
        choices=load_choices(conn, scope, settings),
        notices=(),
        as_of=settings.today(),
    )
    sides = []
    for use_rollups in (True, False):
        frames = budget_frames(services, resolved, conn, use_rollups=use_rollups)
        assert frames["spend_query"]["rollups"] is use_rollups
        query = frames.pop("spend_query")
        frames.pop("query")
        for external_id in frames["projects"]["external_id"]:
            frames[external_id] = daily_spend(**query, projects=[external_id])
        sides.append(frames)
    return sides


def _one_window_at_a_time(conn, view, timezone: str) -> tuple[dict, dict]:
    """The reference: P and P-1 computed each on its own from the raw rows, and
    each trend period too (one query per window and topic)."""
    _, _, filters, scope = view
    chosen = _settings(view, timezone)
    ctx = KpiContext.for_period(chosen, filters, scope, use_rollups=False)
    trend = {}
    for steps in range(7, -1, -1):
        period = filters.period.shifted(-steps)
        past = KpiContext.for_period(
            chosen, filters.with_period(period), scope, use_rollups=False
        )
        trend[period.label] = compute_kpis(conn, past)
    return {"current": compute_kpis(conn, ctx), **trend}, compute_kpis(
        conn, ctx.previous()
    )


def _assert_same(conn, engine, view, timezone: str) -> None:
    (rolled, rolled_trend), (raw, raw_trend) = _headlines(conn, view, timezone)
    assert rolled == raw
    (rolled_report, _), (raw_report, _) = _headlines(conn, view, timezone, 0)
    assert rolled_report == raw_report == raw
    rolled_tab, raw_tab = _budget_tab(conn, engine, view, timezone)
    assert rolled_tab.keys() == raw_tab.keys()
    for name, frame in raw_tab.items():
        pd.testing.assert_frame_equal(rolled_tab[name], frame, check_exact=True)
    pd.testing.assert_frame_equal(rolled_trend, raw_trend, check_exact=True)
    single, previous = _one_window_at_a_time(conn, view, timezone)
    assert {key: raw[key] for key in KPI_KEYS} == single["current"]
    assert {key: raw["previous"][key] for key in KPI_KEYS} == previous
    for label, row in raw_trend.iterrows():
        assert row.to_dict() == single[label]
    _, _, filters, scope = view
    health = [
        client_health(
            conn,
            settings=_settings(view, timezone),
            filters=filters,
            scope=scope,
            use_rollups=use_rollups,
        )
        for use_rollups in (True, False)
    ]
    pd.testing.assert_frame_equal(*health, check_exact=True)


@ROLLUP_SETTINGS
@given(
    book=st.lists(clients(), min_size=1, max_size=3),
    view=views(),
    timezone=st.sampled_from(TIMEZONES),
    change=clients(),
)
def test_rollups_give_the_raw_numbers(engine, book, view, timezone, change):
    with engine.begin() as conn:
        ids = _write(conn, book)
        refresh_rollups(conn, None, timezone=timezone)
        assert rollup_timezone(conn) == timezone
        _assert_same(conn, engine, view, timezone)
    _assert_same_held(engine, view, timezone)
    with engine.begin() as conn:
        # One client gains rows; refreshing that client alone is enough.
        _write_rows(conn, ids[-1], change)
        refresh_rollups(conn, {ids[-1]})
        _assert_same(conn, engine, view, timezone)
    _assert_same_held(engine, view, timezone)


def _assert_same_held(engine, view, timezone: str) -> None:
    """The same numbers summed from the rollup rows held in memory, as a server
    sums them (a transaction that has written sums in the database)."""
    hold_for(engine)
    with engine.connect() as conn:
        assert holds(conn)
        _assert_same(conn, engine, view, timezone)
