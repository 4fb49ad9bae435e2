"""Budget metrics: earned value per project and the portfolio sums, by hand."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.metrics.budget import (
    budget_metrics,
    budget_metrics_of_inputs,
    burn_ratio,
    burn_ratio_by_client,
    day_numbers,
    elapsed_share,
    elapsed_shares,
    project_eac,
    project_eacs,
    project_figures,
)
from data.queries.budget import PROJECT_COLUMNS

T = dt.date(2026, 5, 15)
DAY = dt.timedelta(days=1)
NO_MILESTONES = math.nan


def _project(name, elapsed_days, total_days, bac, ac, weight, completed):
    start = T - (elapsed_days - 1) * DAY
    return {
        "project_id": len(name),
        "external_id": name,
        "name": f"Project {name}",
        "client_id": 1,
        "client_external_id": "X",
        "start_on": start,
        "end_on": start + (total_days - 1) * DAY,
        "budget_cents": bac * 100,
        "spent_cents": ac * 100,
        "milestone_weight": weight,
        "completed_weight": completed,
    }


def _inputs(*projects) -> pd.DataFrame:
    return pd.DataFrame(list(projects), columns=PROJECT_COLUMNS)


# A: day 100 of 200 (elapsed 0.5), BAC 1000, AC 600, milestones 1 of 4 done.
# B: day 25 of 100 (elapsed 0.25), BAC 2000, AC 300, no milestones.
# C: ended before t (day 150 of 100: elapsed clamps to 1), BAC 1000, AC 1100,
#    milestones of weight 2, none done.
PORTFOLIO = _inputs(
    _project("A", 100, 200, 1000, 600, 4.0, 1.0),
    _project("B", 25, 100, 2000, 300, NO_MILESTONES, NO_MILESTONES),
    _project("C", 150, 100, 1000, 1100, 2.0, 0.0),
)


def test_project_figures_by_hand():
    figures = project_figures(PORTFOLIO, T)
    assert list(figures.columns) == [
        "external_id", "name", "client_external_id", "bac", "ac", "elapsed", "pv",
        "complete", "ev", "eac", "burn_ratio",
    ]  # fmt: skip
    a, b, c = (row for _, row in figures.iterrows())
    # A: PV = 1000 × 0.5 = 500; complete 1/4 → EV 250; EAC = 1000 × 600 / 250
    assert (a["bac"], a["ac"], a["elapsed"], a["pv"]) == (1000, 600, 0.5, 500)
    assert (a["complete"], a["ev"], a["eac"]) == (0.25, 250, 2400)
    assert a["burn_ratio"] == pytest.approx(1.2)  # 600 / 500
    # B: PV = 500; no milestones → complete, EV None; EAC = AC / elapsed = 1200
    assert (b["elapsed"], b["pv"], b["eac"]) == (0.25, 500, 1200)
    assert b["complete"] is None and b["ev"] is None
    assert b["burn_ratio"] == pytest.approx(0.6)  # 300 / 500
    # C: elapsed 1, PV 1000; complete 0 → EV 0 → EAC = AC / elapsed = 1100
    assert (c["elapsed"], c["pv"], c["complete"], c["ev"]) == (1, 1000, 0, 0)
    assert c["eac"] == 1100
    assert c["burn_ratio"] == pytest.approx(1.1)


def test_budget_metrics_by_hand():
    values = budget_metrics(project_figures(PORTFOLIO, T), spend_cents=12_345)
    # Σ BAC 4000, Σ AC 2000, Σ PV 2000; with milestones (A, C): Σ EV 250,
    # Σ AC 1700, Σ PV 1500; EAC 2400 + 1200 + 1100.
    assert values == {
        "budget_burn": pytest.approx(0.5),
        "time_elapsed": pytest.approx(0.5),
        "burn_ratio": pytest.approx(1.0),
        "spend": pytest.approx(123.45),
        "cpi": pytest.approx(250 / 1700),
        "spi": pytest.approx(250 / 1500),
        "eac": pytest.approx(4700),
    }


def test_burn_ratio_above_one_when_spending_faster_than_time():
    # Only A: burn 600/1000 = 0.6, elapsed 0.5 → ratio 1.2
    values = budget_metrics(project_figures(PORTFOLIO.iloc[[0]], T), 0)
    assert values["budget_burn"] == pytest.approx(0.6)
    assert values["time_elapsed"] == pytest.approx(0.5)
    assert values["burn_ratio"] == pytest.approx(1.2)


def test_no_milestones_leaves_cpi_and_spi_undefined():
    values = budget_metrics(project_figures(PORTFOLIO.iloc[[1]], T), 0)
    assert values["cpi"] is None
    assert values["spi"] is None
    assert values["eac"] == pytest.approx(1200)


def test_no_projects_leaves_everything_but_spend_undefined():
    figures = project_figures(_inputs(), T)
    assert figures.empty
    assert budget_metrics(figures, 5_000) == {
        "budget_burn": None,
        "time_elapsed": None,
        "burn_ratio": None,
        "spend": 50.0,
        "cpi": None,
        "spi": None,
        "eac": None,
    }


def test_elapsed_share_clamps_and_counts_both_ends():
    start, end = dt.date(2026, 4, 1), dt.date(2026, 4, 10)  # 10 days
    assert elapsed_share(start, end, dt.date(2026, 4, 1)) == pytest.approx(0.1)
    assert elapsed_share(start, end, dt.date(2026, 4, 10)) == 1.0
    assert elapsed_share(start, end, dt.date(2026, 5, 1)) == 1.0
    assert elapsed_share(start, end, dt.date(2026, 3, 1)) == 0.0
    assert elapsed_share(start, start, start) == 1.0


def test_project_eac_falls_back_in_order():
    assert project_eac(1000, 600, 250, 0.5) == 2400  # BAC × AC / EV
    assert project_eac(1000, 600, 0, 0.5) == 1200  # EV 0 → AC / elapsed
    assert project_eac(1000, 600, None, 0.5) == 1200  # no milestones
    assert project_eac(1000, 0, math.nan, 0.0) == 1000  # nothing elapsed → BAC


def test_the_element_wise_forms_give_the_same_doubles():
    # Every branch: EV > 0, EV 0, no milestones (NaN), nothing elapsed; days
    # before, inside and after a project, and a one-day project.
    rows = [
        (1000.0, 600.0, 250.0, 0.5),
        (1000.0, 600.0, 0.0, 0.5),
        (1000.0, 600.0, math.nan, 0.5),
        (1000.0, 0.0, math.nan, 0.0),
        (333.33, 17.01, 0.07, 1 / 3),
    ]
    bac, ac, ev, elapsed = (np.array(column) for column in zip(*rows, strict=True))
    expected = [project_eac(*row) for row in rows]
    assert project_eacs(bac, ac, ev, elapsed).tolist() == expected
    spans = [
        (dt.date(2026, 4, 1), dt.date(2026, 4, 10)),
        (dt.date(2025, 2, 3), dt.date(2026, 11, 29)),
        (dt.date(2026, 7, 7), dt.date(2026, 7, 7)),
    ]
    starts = day_numbers([start for start, _ in spans])
    ends = day_numbers([end for _, end in spans])
    for t in (dt.date(2026, 3, 1), dt.date(2026, 4, 3), dt.date(2026, 7, 7)):
        shares = elapsed_shares(float(t.toordinal()), starts, ends)
        assert shares.tolist() == [elapsed_share(s, e, t) for s, e in spans]


def test_day_numbers_of_dates_numpy_days_and_text_alike():
    dates = [dt.date(1969, 12, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 1)]
    expected = [float(day.toordinal()) for day in dates]
    assert expected == [719_162.0, 739_675.0, 739_676.0]
    assert day_numbers(dates).tolist() == expected
    assert day_numbers(pd.Series(dates, dtype=object)).tolist() == expected
    numpy_days = np.array(dates, dtype="datetime64[D]")
    assert day_numbers(numpy_days).tolist() == expected
    assert day_numbers(list(numpy_days)).tolist() == expected  # numpy day scalars
    assert day_numbers(["1969-12-31", dt.date(2026, 2, 28), "2026-03-01"]).tolist() == (
        expected
    )
    assert day_numbers([]).tolist() == []


def test_burn_ratio_of_a_project_is_none_when_pv_is_zero():
    inputs = _inputs(_project("Z", 1, 10, 1000, 0, NO_MILESTONES, NO_MILESTONES))
    inputs.loc[0, "start_on"] = T + DAY  # starts after t (not counted by SQL)
    figures = project_figures(inputs, T)
    assert figures.loc[0, "pv"] == 0
    assert figures.loc[0, "burn_ratio"] is None
    assert figures.loc[0, "eac"] == 1000  # BAC


def test_burn_ratio_by_client_is_burn_ratio_of_each_clients_projects():
    inputs = pd.concat(
        [
            PORTFOLIO,
            _inputs(
                _project("D", 10, 10, 500, 100, NO_MILESTONES, NO_MILESTONES),
                _project("E", 5, 10, 100, 0, NO_MILESTONES, NO_MILESTONES),
            ).assign(client_external_id="Y"),
        ],
        ignore_index=True,
    )
    figures = project_figures(inputs, T)
    by_client = burn_ratio_by_client(figures)
    # X: A, B, C as above → 1.0; Y: Σ AC 100, Σ BAC 600, Σ PV 500 + 50 → 100/550
    assert by_client.to_dict() == {
        "X": pytest.approx(1.0),
        "Y": pytest.approx(100 / 550),
    }
    for client, projects in figures.groupby("client_external_id"):
        assert by_client[client] == pytest.approx(burn_ratio(projects))
    assert burn_ratio_by_client(project_figures(_inputs(), T)).empty


def test_the_metrics_of_the_inputs_arrays_are_those_of_the_figures():
    # PORTFOLIO by hand (test_budget_metrics_by_hand), at t and before any start.
    for t in (T, T - 400 * DAY):
        expected = budget_metrics(project_figures(PORTFOLIO, t), 12_345)
        assert budget_metrics_of_inputs(PORTFOLIO, t, 12_345) == expected
    empty = PORTFOLIO.iloc[:0]
    assert budget_metrics_of_inputs(empty, T, None) == budget_metrics(
        project_figures(empty, T), None
    )


PROJECTS = st.lists(
    st.tuples(
        st.integers(-400, 400),  # start: days after T
        st.integers(0, 700),  # length in days
        st.integers(0, 10**9),  # budget, cents
        st.integers(0, 10**9),  # spent, cents
        st.one_of(st.none(), st.just(0.0), st.floats(0.5, 10)),  # weights
        st.sampled_from([0.0, 0.25, 1 / 3, 0.5, 1.0]),  # share completed
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(projects=PROJECTS, days=st.integers(-500, 900))
def test_random_inputs_give_the_same_doubles_both_ways(projects, days):
    rows = [
        _project(f"P{i}", 1, 1, 0, 0, weight, None if weight is None else weight * done)
        | {
            "start_on": T + start * DAY,
            "end_on": T + (start + length) * DAY,
            "budget_cents": budget,
            "spent_cents": spent,
        }
        for i, (start, length, budget, spent, weight, done) in enumerate(projects)
    ]
    inputs = _inputs(*rows).astype(
        {"milestone_weight": "float64", "completed_weight": "float64"}
    )
    t = T + days * DAY
    mine = budget_metrics_of_inputs(inputs, t, None)
    theirs = budget_metrics(project_figures(inputs, t), None)
    assert repr(mine) == repr(theirs)
