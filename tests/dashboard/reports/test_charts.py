"""The allocation pie and the schedule (Gantt): their data and their SVG, from
small hand-built frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.figures.theme import PALETTE
from dashboard.reports.charts import allocation, milestone_state, schedule
from dashboard.reports.svg_charts import dark_css, gantt_chart, pie_chart

D = dt.date
T = D(2026, 8, 15)


def spend(**amounts: float) -> pd.DataFrame:
    return pd.DataFrame({"category": list(amounts), "amount": list(amounts.values())})


def projects(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows,
        columns=["external_id", "name", "client_external_id", "start_on", "end_on"],
    )


def milestones(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["project_external_id", "name", "planned_on", "completed_on"]
    )


NO_MILESTONES = milestones()


def test_small_categories_join_other_and_shares_are_formatted():
    # Total 1,000: labour 60%, software 20%, travel 15%; subcontracting (3%)
    # is under 5% and joins "other" (2%): Other 5.0%, $50.00. A credit (−10)
    # is no slice.
    pie = allocation(
        spend(labor=600, software=200, travel=150, subcontract=30, other=20),
        "en",
        "USD",
    )
    assert (
        pie.title == "Resource allocation: spend by category ($1,000.00 in the period)"
    )
    assert [(s.label, s.share, s.amount) for s in pie.slices] == [
        ("Labour", "60.0%", "$600.00"),
        ("Software", "20.0%", "$200.00"),
        ("Travel", "15.0%", "$150.00"),
        ("Other", "5.0%", "$50.00"),
    ]
    assert [s.colour for s in pie.slices] == [*PALETTE[:3], PALETTE[7]]
    assert pie.empty is None
    credit = allocation(spend(labor=300, travel=-10), "zh", "USD")
    assert [(s.label, s.share) for s in credit.slices] == [("人工", "100.0%")]


def test_no_spend_is_one_line_not_an_empty_pie():
    pie = allocation(spend(), "en", "USD")
    assert (pie.slices, pie.empty) == (
        (),
        "Resource allocation: no spend in the period.",
    )
    assert allocation(spend(labor=0), "zh", "USD").empty == "资源分配：本期没有支出。"


def test_the_pie_draws_arcs_from_the_top_and_a_legend():
    svg = str(pie_chart(allocation(spend(labor=750, travel=250), "en", "USD")))
    assert svg.startswith('<svg class="crd-pie"')
    # Labour 75%: from the top (78, 34) clockwise to 9 o'clock (8, 104), the
    # large arc; travel 25% from there back to the top.
    assert 'd="M78,104 L78.0,34.0 A70,70 0 1 1 8.0,104.0 Z"' in svg
    assert 'd="M78,104 L8.0,104.0 A70,70 0 0 1 78.0,34.0 Z"' in svg
    assert ">Labour 75.0% · $750.00</text>" in svg
    assert ">Travel 25.0% · $250.00</text>" in svg
    # One category: a whole circle (an arc cannot close on itself).
    whole = str(pie_chart(allocation(spend(labor=5), "en", "USD")))
    assert whole.count("<circle") == 1 and "<path" not in whole


def test_milestones_are_done_late_or_due_at_t():
    assert milestone_state(D(2026, 8, 1), D(2026, 8, 15), T) == "done"
    assert milestone_state(D(2026, 8, 1), D(2026, 8, 16), T) == "late"
    assert milestone_state(D(2026, 8, 1), None, T) == "late"
    assert milestone_state(D(2026, 8, 15), None, T) == "due"


def test_the_schedule_spans_the_projects_with_month_ticks():
    plan = schedule(
        projects(("P1", "Rollout", "K1", D(2026, 7, 1), D(2026, 9, 28))),
        milestones(
            ("P1", "Kick-off", D(2026, 7, 2), D(2026, 7, 2)),
            ("P1", "Design", D(2026, 8, 1), None),
            ("P1", "Go-live", D(2026, 9, 10), None),
        ),
        T,
        {"K1": "Acme"},
        "en",
        with_client=False,
    )
    (row,) = plan.rows
    assert (row.label, row.start, row.end) == ("Rollout", D(2026, 7, 1), D(2026, 9, 28))
    assert [(m.state, m.text) for m in row.milestones] == [
        ("done", "Kick-off · Jul 2, 2026 · done"),
        ("late", "Design · Aug 1, 2026 · late"),
        ("due", "Go-live · Sep 10, 2026 · due"),
    ]
    assert (plan.start, plan.end, plan.t_text) == (
        D(2026, 7, 1),
        D(2026, 9, 28),
        "As of Aug 15, 2026",
    )
    assert plan.ticks == (
        (D(2026, 7, 1), "Jul 2026"),
        (D(2026, 8, 1), "Aug 2026"),
        (D(2026, 9, 1), "Sep 2026"),
    )
    assert (plan.more, plan.empty) == (None, None)
    svg = str(gantt_chart(plan))
    # 90 days over 474 px from x = 190: the bar fills the axis; the line at the
    # end of Aug 15 (day 46) is at 190 + 474 × 46 / 90 = 432.3.
    assert '<rect x="190.0" y="50.0" width="474.0" height="12"' in svg
    assert '<line x1="432.3" y1="36" x2="432.3" y2="68"' in svg
    assert ">As of Aug 15, 2026</text>" in svg
    assert svg.count("<circle") == 2  # the done milestone and its legend mark


def test_a_big_book_shows_twelve_rows_and_how_many_more():
    rows = [
        (f"P{i:02}", f"Project {i:02}", "K2", D(2026, 1, i + 1), D(2026, 12, 31))
        for i in range(14)
    ]
    plan = schedule(
        projects(*reversed(rows)), NO_MILESTONES, T, {"K2": "Beta"}, "zh",
        with_client=True,
    )  # fmt: skip
    assert [r.label for r in plan.rows][:2] == [
        "Project 00 · Beta",
        "Project 01 · Beta",
    ]
    assert len(plan.rows) == 12
    assert plan.more == "另有 2 个项目"
    # Jan 1 to Dec 31, 2026: 12 months, a label every 2 months.
    assert [label for _day, label in plan.ticks] == [
        "2026年1月", "2026年3月", "2026年5月", "2026年7月", "2026年9月", "2026年11月",
    ]  # fmt: skip
    assert "另有 2 个项目</text>" in str(gantt_chart(plan))


def test_names_are_escaped_and_long_ones_cut_with_the_whole_name_as_tooltip():
    name = 'Phase <2> & "the rest" of a very long project name'
    plan = schedule(
        projects(("P1", name, "K1", D(2026, 7, 1), D(2026, 9, 28))),
        NO_MILESTONES, T, {}, "en", with_client=False,
    )  # fmt: skip
    svg = str(gantt_chart(plan))
    assert "<2>" not in svg and '"the rest"' not in svg
    assert "<title>Phase &lt;2&gt; &amp; &#34;the rest&#34; of a very long" in svg
    # Cut to 30 characters: the first 29 and "…".
    assert ">Phase &lt;2&gt; &amp; &#34;the rest&#34; of a v…</text>" in svg


def test_no_project_is_one_line():
    plan = schedule(projects(), NO_MILESTONES, T, {}, "en", with_client=False)
    assert plan.empty == "Schedule: no projects running in the period."
    assert plan.rows == ()


def test_the_dark_page_draws_the_lighter_variants():
    css = dark_css()
    assert css.startswith("@media screen { ")
    assert (
        '[data-bs-theme="dark"] .crd-report svg [fill="#0072B2"] { fill: #1F8DD6; }'
        in css
    )
    assert '[stroke="#ffffff"] { stroke: #1a1d21; }' in css
