"""Budget KPIs end to end: fiscal periods, AS_OF mid-quarter, the per-project frame."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis.budget import budget_kpis, project_budgets
from dashboard.kpis.context import KpiContext
from tests.factories import add_client, add_milestone, add_project, add_spend

AS_OF = dt.date(2026, 5, 15)  # mid-quarter
D = dt.date
EVERYTHING = Scope.everything()


def _add_portfolio(conn) -> None:
    x = add_client(conn, "X")
    # Q: 2026-04-01 .. 07-09 (100 days; on 05-15 day 45: elapsed 0.45), BAC 10,000
    q = add_project(conn, x, D(2026, 4, 1), D(2026, 7, 9), 1_000_000,
                    external_id="Q", name="Rollout")  # fmt: skip
    add_spend(conn, q, D(2026, 4, 10), 300_000)
    add_spend(conn, q, D(2026, 5, 15), 150_000)
    add_spend(conn, q, D(2026, 5, 16), 999_900)  # after t
    # Four milestones with no weight given (the column's default 1); two done by t.
    add_milestone(conn, q, D(2026, 4, 20), completed_on=D(2026, 4, 20))
    add_milestone(conn, q, D(2026, 5, 15), completed_on=D(2026, 5, 15))
    add_milestone(conn, q, D(2026, 5, 15), completed_on=D(2026, 5, 20))
    add_milestone(conn, q, D(2026, 7, 1))
    # R starts after as_of: never counted, but its spend in the window is spend.
    r = add_project(conn, x, D(2026, 6, 1), D(2026, 6, 30), 500_000,
                    external_id="R")  # fmt: skip
    add_spend(conn, r, D(2026, 5, 10), 20_000)
    add_spend(conn, r, D(2026, 5, 20), 10_000)
    # S: 2026-01-01 .. 03-31 (90 days), BAC 2,000, no milestones.
    s = add_project(conn, x, D(2026, 1, 1), D(2026, 3, 31), 200_000,
                    external_id="S")  # fmt: skip
    add_spend(conn, s, D(2026, 1, 15), 120_000)
    add_spend(conn, s, D(2026, 3, 1), 50_000)


def _context(settings, label: str, **filter_values) -> KpiContext:
    period = parse_period(label, settings.fiscal_year_start_month)
    return KpiContext.for_period(settings, Filters(period, **filter_values), EVERYTHING)


def test_fiscal_year_to_date(engine, settings):
    settings = settings.with_(as_of=AS_OF, fiscal_year_start_month=4)
    ctx = _context(settings, "FY2027")  # [2026-04-01, 2026-05-15]
    with engine.begin() as conn:
        _add_portfolio(conn)
        values = budget_kpis(conn, ctx)
    # Only Q is counted (S ended 03-31, R starts 06-01).
    # Q: AC 3,000 + 1,500 = 4,500; PV 10,000 × 0.45 = 4,500; complete 2/4 → EV 5,000
    assert values == {
        "budget_burn": pytest.approx(0.45),  # 4,500 / 10,000
        "time_elapsed": pytest.approx(0.45),  # 4,500 / 10,000
        "burn_ratio": pytest.approx(1.0),
        "spend": pytest.approx(4_700),  # Q 3,000 + 1,500, R 200
        "cpi": pytest.approx(5_000 / 4_500),
        "spi": pytest.approx(5_000 / 4_500),
        "eac": pytest.approx(9_000),  # 10,000 × 4,500 / 5,000
    }


def test_calendar_year_to_date_counts_the_first_quarter_too(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    ctx = _context(settings, "2026")  # [2026-01-01, 2026-05-15]
    with engine.begin() as conn:
        _add_portfolio(conn)
        values = budget_kpis(conn, ctx)
    # Q as above; S: elapsed 1, AC 1,700, PV 2,000, EAC = AC / elapsed = 1,700.
    # Σ BAC 12,000, Σ AC 6,200, Σ PV 6,500; milestones only on Q.
    assert values["budget_burn"] == pytest.approx(6_200 / 12_000)
    assert values["time_elapsed"] == pytest.approx(6_500 / 12_000)
    assert values["burn_ratio"] == pytest.approx(6_200 / 6_500)
    assert values["spend"] == pytest.approx(6_400)  # 1,200 + 500 + 4,500 + 200
    assert values["cpi"] == pytest.approx(5_000 / 4_500)
    assert values["eac"] == pytest.approx(9_000 + 1_700)


def test_previous_quarter_is_cut_to_the_same_days(engine, settings):
    settings = settings.with_(as_of=AS_OF, fiscal_year_start_month=4)
    ctx = _context(settings, "FY2027-Q1").previous()
    # FY2026-Q4 cut to 45 days: [2026-01-01, 2026-02-14]; only S overlaps.
    assert (ctx.window.start, ctx.t) == (D(2026, 1, 1), D(2026, 2, 14))
    with engine.begin() as conn:
        _add_portfolio(conn)
        values = budget_kpis(conn, ctx)
    # S on 02-14: day 45 of 90 → PV 1,000; AC 1,200 (the 03-01 spend is after t)
    assert values == {
        "budget_burn": pytest.approx(0.6),  # 1,200 / 2,000
        "time_elapsed": pytest.approx(0.5),
        "burn_ratio": pytest.approx(1.2),
        "spend": pytest.approx(1_200),
        "cpi": None,  # no project with milestones
        "spi": None,
        "eac": pytest.approx(2_400),  # AC / elapsed = 1,200 / 0.5
    }


def test_project_budgets_frame_matches_the_cards(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    filters = Filters(parse_period("2026"))
    with engine.begin() as conn:
        _add_portfolio(conn)
        frame = project_budgets(
            conn, settings=settings, filters=filters, scope=EVERYTHING
        )
        values = budget_kpis(conn, KpiContext.for_period(settings, filters, EVERYTHING))
    assert list(frame["external_id"]) == ["Q", "S"]
    assert list(frame["client_external_id"]) == ["X", "X"]
    q, s = frame.iloc[0], frame.iloc[1]
    assert (q["name"], q["bac"], q["ac"]) == ("Rollout", 10_000, 4_500)
    assert (q["elapsed"], q["pv"]) == (0.45, pytest.approx(4_500))
    assert (q["complete"], q["ev"], q["eac"]) == (0.5, 5_000, pytest.approx(9_000))
    assert q["burn_ratio"] == pytest.approx(1.0)  # AC 4,500 / PV 4,500
    assert (s["complete"], s["ev"]) == (None, None)
    assert (s["elapsed"], s["pv"], s["eac"]) == (1.0, 2_000, 1_700)
    assert s["burn_ratio"] == pytest.approx(0.85)  # 1,700 / 2,000
    burn = frame["ac"].sum() / frame["bac"].sum()
    assert values["budget_burn"] == pytest.approx(burn)
    assert values["eac"] == pytest.approx(frame["eac"].sum())


def test_nothing_counted_for_a_client_without_projects(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    with engine.begin() as conn:
        _add_portfolio(conn)
        add_client(conn, "Y")
        values = budget_kpis(conn, _context(settings, "2026-Q2", clients=("Y",)))
    assert values == {
        "budget_burn": None,
        "time_elapsed": None,
        "burn_ratio": None,
        "spend": 0.0,
        "cpi": None,
        "spi": None,
        "eac": None,
    }
