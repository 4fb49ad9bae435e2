"""The demo-data generator: deterministic, realistic in shape, safe to rerun."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import Engine, func, select

from data.db import make_engine
from data.demo import DEMO_SIZES, DemoDataError, generate_demo_data
from data.models import (
    ENTITY_TABLES,
    AcquisitionSpend,
    ActionItem,
    Base,
    Client,
    Invoice,
    Meeting,
    Project,
    Spend,
    SurveyResponse,
    Target,
)

END = dt.date(2026, 5, 14)


def table_rows(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every entity table, as tuples sorted by id."""
    with engine.connect() as conn:
        return {
            table.name: sorted(
                (tuple(row) for row in conn.execute(select(table))),
                key=lambda row: row[0],
            )
            for table in ENTITY_TABLES
        }


def fresh_sqlite(tmp_path, name: str) -> Engine:
    """A new SQLite database with the schema."""
    engine = make_engine(f"sqlite:///{tmp_path / name}")
    Base.metadata.create_all(engine)
    return engine


def test_same_seed_and_end_give_identical_rows(engine, tmp_path):
    # On PostgreSQL this compares PostgreSQL with SQLite: the rows must not depend
    # on the backend.
    counts = generate_demo_data(engine, size="small", seed=7, end=END)
    other = fresh_sqlite(tmp_path, "other.db")
    other_counts = generate_demo_data(other, size="small", seed=7, end=END)
    assert counts == other_counts
    assert all(counts[table.name] > 0 for table in ENTITY_TABLES)
    first, second = table_rows(engine), table_rows(other)
    for table in ENTITY_TABLES:
        assert first[table.name] == second[table.name], table.name
    other.dispose()


def test_different_seed_gives_different_rows(engine, tmp_path):
    generate_demo_data(engine, size="small", seed=7, end=END)
    other = fresh_sqlite(tmp_path, "other.db")
    generate_demo_data(other, size="small", seed=8, end=END)
    first, second = table_rows(engine), table_rows(other)
    assert first["clients"] != second["clients"]
    assert first["meetings"] != second["meetings"]
    other.dispose()


def test_refuses_a_database_with_clients_and_replace_rewrites_it(engine):
    counts = generate_demo_data(engine, size="small", end=END)
    before = table_rows(engine)
    with pytest.raises(DemoDataError, match="already holds clients"):
        generate_demo_data(engine, size="small", seed=99, end=END)
    assert table_rows(engine) == before
    again = generate_demo_data(engine, size="small", end=END, replace=True)
    # Same seed after deleting everything: the very same rows and ids again.
    assert again == counts
    assert table_rows(engine) == before
    generate_demo_data(engine, size="small", seed=99, end=END, replace=True)
    assert table_rows(engine)["clients"] != before["clients"]
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(Client)).scalar_one()
    assert total == DEMO_SIZES["small"].clients


def test_every_size_name_is_accepted_and_an_unknown_one_rejected(engine):
    with pytest.raises(DemoDataError, match="unknown demo data size 'huge'"):
        generate_demo_data(engine, size="huge", end=END)
    generate_demo_data(engine, size="small", end=END)
    # Each known size gets past the size check and stops at the non-empty database
    # (so no medium or large data is generated here).
    for size in ("small", "medium", "large"):
        with pytest.raises(DemoDataError, match="already holds clients"):
            generate_demo_data(engine, size=size, end=END)
    assert set(DEMO_SIZES) == {"small", "medium", "large"}
    assert DEMO_SIZES["large"].clients == 10_000


def quarter_start(day: dt.date) -> dt.date:
    """First day of the calendar quarter holding `day`."""
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(day: dt.date) -> dt.date:
    """First day of the following quarter."""
    month = day.month + 3
    return dt.date(day.year + (month > 12), (month - 1) % 12 + 1, 1)


def test_smb_clients_churn_in_a_wave_about_a_year_before_the_end(engine):
    generate_demo_data(engine, size="small", end=END)
    with engine.connect() as conn:
        smb = conn.execute(
            select(Client.onboarded_on, Client.churned_on, Client.churn_reason).where(
                Client.segment == "smb"
            )
        ).all()
    # Logo churn rate of METRICS.md per quarter: of the smb clients active on the
    # quarter's first day, the share whose churned_on falls in the quarter.
    wave = quarter_start(END - dt.timedelta(days=365))
    rates = {}
    start = next_quarter(quarter_start(END.replace(year=END.year - 3)))
    while next_quarter(start) <= quarter_start(END):
        end = next_quarter(start)
        active = [c for c in smb if c[0] <= start and (c[1] is None or c[1] > start)]
        lost = [c for c in active if c[1] is not None and c[1] < end]
        rates[start] = len(lost) / len(active)
        start = end
    others = [rate for quarter, rate in rates.items() if quarter != wave]
    average = sum(others) / len(others)
    assert rates[wave] >= 3 * average
    wave_reasons = [c[2] for c in smb if c[1] and wave <= c[1] < next_quarter(wave)]
    assert wave_reasons.count("price increase") > len(wave_reasons) / 2


@pytest.mark.parametrize("end", [END, dt.date(2026, 4, 1)])
def test_the_current_quarter_has_data_of_every_kind(engine, end):
    # 2026-04-01 is the first day of its quarter: the hardest case.
    generate_demo_data(engine, size="small", end=end)
    first = quarter_start(end)
    checks = [
        (Meeting.scheduled_start, Meeting.status == "held"),
        (Invoice.issued_on, None),
        (SurveyResponse.responded_on, None),
        (ActionItem.created_on, None),
        (Spend.spent_on, None),
        (AcquisitionSpend.spent_on, None),
    ]
    with engine.connect() as conn:
        for column, extra in checks:
            low, upper = first, end + dt.timedelta(days=1)
            if column.type.python_type is dt.datetime:
                low = dt.datetime.combine(low, dt.time())
                upper = dt.datetime.combine(upper, dt.time())
            query = select(func.count()).where(column >= low, column < upper)
            if extra is not None:
                query = query.where(extra)
            assert conn.execute(query).scalar_one() > 0, column


def test_projects_meetings_and_action_items_go_wrong_sometimes(engine):
    generate_demo_data(engine, size="small", end=END)
    with engine.connect() as conn:
        spent = (
            select(Spend.project_id, func.sum(Spend.amount_cents).label("spent"))
            .group_by(Spend.project_id)
            .subquery()
        )
        burn = conn.execute(
            select(Project.budget_cents, spent.c.spent).join(
                spent, spent.c.project_id == Project.id
            )
        ).all()
        held = conn.execute(
            select(Meeting.planned_minutes, Meeting.actual_minutes).where(
                Meeting.status == "held"
            )
        ).all()
        items = conn.execute(select(ActionItem.due_on, ActionItem.completed_on)).all()
        last_spend = conn.execute(select(func.max(Spend.spent_on))).scalar_one()
    over_budget = [b for b in burn if b.spent > b.budget_cents]
    assert 0 < len(over_budget) < len(burn)
    overran = [m for m in held if m.actual_minutes > m.planned_minutes]
    assert 0.1 * len(held) < len(overran) < 0.6 * len(held)
    late = [i for i in items if i.completed_on and i.completed_on > i.due_on]
    open_overdue = [i for i in items if i.completed_on is None and i.due_on < END]
    assert len(late) > 0.05 * len(items)
    assert len(open_overdue) > 0
    assert all(i.completed_on is None or i.completed_on <= END for i in items)
    assert last_spend <= END


def test_meetings_after_the_end_are_scheduled_and_before_it_are_not(engine):
    generate_demo_data(engine, size="small", end=END, timezone="UTC")
    with engine.connect() as conn:
        meetings = conn.execute(select(Meeting.scheduled_start, Meeting.status)).all()
    future = {m.status for m in meetings if m.scheduled_start.date() > END}
    past = {m.status for m in meetings if m.scheduled_start.date() <= END}
    assert future == {"scheduled"}
    assert past == {"held", "cancelled", "no_show"}


def test_start_times_are_local_business_hours_stored_in_utc(engine):
    generate_demo_data(engine, size="small", end=END, timezone="Asia/Shanghai")
    with engine.connect() as conn:
        starts = conn.execute(select(Meeting.scheduled_start)).scalars().all()
    # Shanghai is UTC+8 all year: 08:00-16:30 local is 00:00-08:30 UTC.
    assert {s.hour for s in starts} <= set(range(0, 9))
    assert min(s.hour for s in starts) == 0


def test_nps_is_lower_where_meetings_overrun(engine):
    generate_demo_data(engine, size="small", end=END)
    with engine.connect() as conn:
        held = conn.execute(
            select(
                Meeting.client_id, Meeting.planned_minutes, Meeting.actual_minutes
            ).where(Meeting.status == "held")
        ).all()
        nps = conn.execute(
            select(SurveyResponse.client_id, SurveyResponse.score).where(
                SurveyResponse.kind == "nps"
            )
        ).all()
    overruns: dict[int, list[bool]] = defaultdict(list)
    for meeting in held:
        overruns[meeting.client_id].append(
            meeting.actual_minutes > meeting.planned_minutes
        )
    scores: dict[int, list[int]] = defaultdict(list)
    for response in nps:
        scores[response.client_id].append(response.score)
    clients = sorted(
        (c for c in scores if overruns[c]),
        key=lambda c: sum(overruns[c]) / len(overruns[c]),
    )
    third = len(clients) // 3

    def mean_nps(group: list[int]) -> float:
        answers = [score for c in group for score in scores[c]]
        return sum(answers) / len(answers)

    # Clients whose meetings overrun least score clearly above those overrunning most.
    assert mean_nps(clients[:third]) > mean_nps(clients[-third:]) + 1


def test_looks_like_a_real_client_base(engine):
    generate_demo_data(engine, size="small", end=END)
    with engine.connect() as conn:
        clients = conn.execute(select(Client)).all()
        credit_notes = conn.execute(
            select(func.count()).where(Invoice.amount_cents < 0)
        ).scalar_one()
        untagged = conn.execute(
            select(func.count()).where(AcquisitionSpend.segment.is_(None))
        ).scalar_one()
        months = conn.execute(select(Meeting.scheduled_start)).scalars().all()
    assert {c.segment for c in clients} == {"enterprise", "mid_market", "smb"}
    assert len({c.region for c in clients}) >= 4
    assert 6 <= len({c.owner for c in clients}) <= 8
    assert any("\u4e00" <= c.name[0] <= "\u9fff" for c in clients)
    assert [c.external_id for c in clients][:2] == ["C00001", "C00002"]
    assert any(c.onboarded_on < END.replace(year=END.year - 3) for c in clients)
    assert any(c.churned_on is not None for c in clients)
    assert credit_notes > 0 and untagged > 0
    # August has clearly fewer meetings than the average month of the same years.
    per_month = defaultdict(int)
    for start in months:
        if dt.date(2024, 1, 1) <= start.date() < dt.date(2026, 1, 1):
            per_month[start.month] += 1
    average = sum(per_month.values()) / 12
    assert per_month[8] < 0.85 * average


def test_items_the_client_took_on_are_shared_and_some_of_ours_internal(engine):
    generate_demo_data(engine, size="small", end=END)
    with engine.connect() as conn:
        rows = conn.execute(
            select(ActionItem.owner, ActionItem.visibility, Client.owner).join(
                Client, Client.id == ActionItem.client_id
            )
        ).all()
    theirs = [r.visibility for r in rows if r[0] != r[2]]
    ours = [r.visibility for r in rows if r[0] == r[2]]
    assert set(theirs) == {"shared"}
    # About 45% of our own items are shared (commitments), the rest internal.
    assert 0.35 < ours.count("shared") / len(ours) < 0.55


def test_targets_for_this_quarter_and_the_next(engine):
    generate_demo_data(engine, size="small", end=END)
    with engine.connect() as conn:
        targets = conn.execute(
            select(
                Target.scope, Target.period, Target.kpi, Target.value, Client.segment
            ).outerjoin(Client, Client.id == Target.client_id)
        ).all()
    assert {t.period for t in targets} == {"2026-Q2", "2026-Q3"}
    portfolio = {(t.kpi, t.value) for t in targets if t.scope == "portfolio"}
    assert ("attendance_rate", 0.8) in portfolio and ("nps", 30.0) in portfolio
    clients = [t for t in targets if t.scope == "client"]
    assert clients and {t.segment for t in clients} <= {"enterprise", "mid_market"}
    assert {t.kpi for t in clients} == {"attendance_rate", "nps", "open_overdue"}
