"""Budget figures from hand-made frames: burn-up, burn ratio, categories, EAC
against BAC and the milestone timeline."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.figures.budget import (
    burn_ratio_figure,
    eac_vs_bac_figure,
)
from dashboard.figures.budget_burn import burn_up_curve, project_burn_ups_figure
from dashboard.figures.budget_milestones import (
    milestone_states,
    milestone_timeline_figure,
)
from dashboard.figures.budget_spend import spend_by_category_figure
from dashboard.figures.theme import BAD, GOOD, PALETTE

D = dt.date
WHERE = {"currency": "USD", "clients": "all clients", "period": "2026-Q3"}


def test_burn_up_curve_plans_linearly_and_accrues_spend_up_to_t():
    projects = pd.DataFrame(
        {
            "external_id": ["P1"],
            "start_on": [D(2026, 7, 1)],
            "end_on": [D(2026, 7, 10)],
            "bac": [1000.0],
        }
    )
    spend = pd.DataFrame(
        {"spent_on": [D(2026, 7, 1), D(2026, 7, 3)], "amount": [100.0, 50.0]}
    )
    curve = burn_up_curve(projects, spend, D(2026, 7, 5))
    # Weekly from 07-01 (07-01, 07-08), the end 07-10 and t = 07-05. Planned =
    # 1000 × elapsed: 1/10, 5/10, 8/10, 10/10. Actual: 100, 100 + 50; none after t.
    assert curve["day"].tolist() == [
        D(2026, 7, 1),
        D(2026, 7, 5),
        D(2026, 7, 8),
        D(2026, 7, 10),
    ]
    assert curve["planned"].tolist() == [100.0, 500.0, 800.0, 1000.0]
    assert curve["actual"].tolist()[:2] == [100.0, 150.0]
    assert curve["actual"].isna().tolist() == [False, False, True, True]


def test_project_burn_ups_click_to_the_client():
    curve = pd.DataFrame(
        {
            "day": [D(2026, 7, 1), D(2026, 7, 5)],
            "planned": [100.0, 500.0],
            "actual": [100.0, 150.0],
        }
    )
    figure = project_burn_ups_figure(
        [("Rollout · Acme", "A", curve)], D(2026, 7, 5), "en", "light", **WHERE
    )
    planned, actual, as_of = figure.data
    # The dotted line on t is explained in the legend, clear of every line.
    assert as_of.name == "As of Jul 5, 2026" and as_of.line.dash == "dot"
    assert list(actual.y) == [100.0, 150.0]
    assert list(actual.customdata) == ["client:A", "client:A"]
    assert list(actual.hovertext) == [
        "Jul 1, 2026<br>Actual spend: $100.00",
        "Jul 5, 2026<br>Actual spend: $150.00",
    ]
    assert planned.line.dash == "dash"  # planned and actual differ by more than hue
    assert figure.layout.annotations[0].text == "Rollout · Acme"
    # One project takes the whole width (one column), not half of an empty row.
    assert figure.layout.xaxis.domain == (0.0, 1.0)
    two = project_burn_ups_figure(
        [("Rollout", "A", curve), ("Audit", "A", curve)],
        D(2026, 7, 5), "en", "light", **WHERE,
    )  # fmt: skip
    assert two.layout.xaxis.domain[1] < 0.5 < two.layout.xaxis2.domain[0]


def _projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "external_id": ["P1", "P2", "P3"],
            "name": ["Rollout", "Audit", "Later"],
            "client_external_id": ["A", "B", "A"],
            "client_name": ["Acme", "Beta", "Acme"],
            "bac": [1000.0, 400.0, 100.0],
            "ac": [600.0, 100.0, 0.0],
            "pv": [500.0, 200.0, 0.0],
            "eac": [1200.0, 300.0, 100.0],
            "burn_ratio": [1.2, 0.5, None],
        }
    )


def test_burn_ratio_bars_over_budget_first_with_exact_money():
    figure = burn_ratio_figure(_projects(), "en", "light", **WHERE)
    traces = {trace.name: trace for trace in figure.data}
    over = traces["Spending faster than time passes"]
    under = traces["On or under plan"]
    # P1: 600 / 500 = 1.2; P2: 100 / 200 = 0.5; P3 (PV 0) has no ratio.
    assert list(over.y) == ["Rollout · Acme"] and list(over.x) == [1.2]
    assert list(over.customdata[0]) == ["client:A", "$600.00", "$500.00", "1.20×"]
    assert list(under.y) == ["Audit · Beta"] and list(under.x) == [0.5]
    assert over.marker.pattern.shape == "/" and over.marker.color == BAD
    assert "On plan (1.0)" in traces
    assert figure.layout.shapes[0].x0 == 1.0  # the reference line


def test_burn_ratios_stand_in_a_column_clear_of_the_on_plan_line():
    # P2's 0.5 and P1's 1.2: ticks every 0.2 up to 1.2 (1.2 / 6 = 0.2), so the
    # plot ends at 1.2 and the ratios stand right of it, past every bar and past
    # the line at 1.0 (a number at a bar's end ran through the line).
    figure = burn_ratio_figure(_projects(), "en", "light", **WHERE)
    column = figure.data[-1]
    assert column.mode == "text" and column.textposition == "middle right"
    assert list(column.y) == ["Audit · Beta", "Rollout · Acme"]
    assert list(column.text) == ["0.50×", "1.20×"]
    assert list(column.x) == [1.2, 1.2]
    assert list(figure.layout.xaxis.range) == [0, 1.2]
    assert max(figure.layout.xaxis.tickvals) == 1.2
    bars = [t for t in figure.data if t.type == "bar"]
    assert all(t.text is None for t in bars)  # no number at a bar's end


def test_spend_by_category_in_the_language():
    frame = pd.DataFrame(
        {"category": ["travel", "software", "labor"], "amount": [50.0, 30.0, 20.0]}
    )
    bars = spend_by_category_figure(frame, "en", "light", **WHERE).data[0]
    assert list(bars.x) == ["Travel", "Software", "Labour"]
    assert list(bars.y) == [50.0, 30.0, 20.0]
    assert list(bars.text) == ["50%", "30%", "20%"]
    assert list(bars.customdata[0]) == ["$50.00", "50.0%"]
    zh = spend_by_category_figure(frame, "zh", "dark", **WHERE).data[0]
    assert list(zh.customdata[0]) == ["US$50.00", "50.0%"]
    empty = spend_by_category_figure(frame.iloc[0:0], "en", "light", **WHERE)
    assert empty.layout.annotations[0].text == "No spend for all clients in 2026-Q3"


def test_eac_against_bac_dumbbells():
    figure = eac_vs_bac_figure(_projects().iloc[:2], "en", "light", **WHERE)
    _line, budget, above, within, change = figure.data
    # Largest overrun on top: P1 (EAC − BAC = +200) above P2 (−100).
    assert list(budget.y) == ["Audit · Beta", "Rollout · Acme"]
    assert list(budget.x) == [400.0, 1000.0]
    # The forecasts, one legend entry per colour: P1 above its budget (1,200 >
    # 1,000) in the "bad" colour, P2 within it (300 ≤ 400) in the "good" one.
    assert (above.name, above.marker.color) == ("Forecast above budget (EAC)", BAD)
    assert list(above.x) == [1200.0] and list(above.y) == ["Rollout · Acme"]
    assert (within.name, within.marker.color) == ("Forecast within budget (EAC)", GOOD)
    assert list(within.x) == [300.0] and list(within.y) == ["Audit · Beta"]
    assert above.showlegend is not False and within.showlegend is not False
    # The change right of the further end: the budget (400) when under it.
    assert list(change.text) == ["−25.0%", "+20.0%"]
    assert list(change.x) == [400.0, 1200.0]
    assert change.textposition == "middle right" and change.hoverinfo == "skip"
    assert above.marker.symbol == within.marker.symbol == "diamond"
    assert budget.marker.symbol == "circle"
    assert list(above.customdata[0]) == [
        "client:A",
        "$1,000.00",
        "$1,200.00",
        "+20.0%",
    ]


def test_eac_legend_names_the_diamond_colours_in_chinese():
    figure = eac_vs_bac_figure(_projects().iloc[:2], "zh", "dark", **WHERE)
    named = {t.name: t.marker.color for t in figure.data if t.mode == "markers"}
    assert named == {
        "预算（BAC）": PALETTE[0],
        "完工预测高于预算（EAC）": BAD,
        "完工预测不超预算（EAC）": GOOD,
    }


def _milestones() -> pd.DataFrame:
    rows = [
        ("P1", "Rollout", "A", "Acme", "Kick-off", D(2026, 6, 10), D(2026, 6, 12)),
        ("P1", "Rollout", "A", "Acme", "Build", D(2026, 7, 31), None),
        ("P1", "Rollout", "A", "Acme", "UAT", D(2026, 8, 1), D(2026, 7, 30)),
        ("P2", "Rollout", "B", "Beta", "UAT", D(2026, 9, 1), None),
        ("P2", "Rollout", "B", "Beta", "Go-live", D(2026, 8, 10), D(2026, 8, 20)),
    ]
    columns = [
        "project_external_id",
        "project_name",
        "client_external_id",
        "client_name",
        "name",
        "planned_on",
        "completed_on",
    ]
    return pd.DataFrame(rows, columns=columns)


def test_milestone_states_on_t():
    states = milestone_states(_milestones(), D(2026, 8, 15))["state"].tolist()
    # completed 2 days late; open past its plan; early; not due yet; completed
    # after t (08-20 > 08-15) so open on t and late.
    assert states == ["done_late", "open_late", "done", "open", "open_late"]


def test_milestone_timeline_marks_late_ones_with_symbol_and_label():
    t = D(2026, 8, 15)
    where = {"clients": "all clients", "period": "2026-Q3"}
    figure = milestone_timeline_figure(_milestones(), t, "en", "light", **where)
    traces = {trace.name: trace for trace in figure.data if trace.name}
    late = traces["Completed late"]
    assert late.marker.symbol == "x" and list(late.text) == ["late"]
    assert list(late.x) == [D(2026, 6, 12)]
    open_late = traces["Open and late"]
    assert list(open_late.x) == [t, t]
    assert list(open_late.text) == ["late", "late"]
    assert list(open_late.customdata[1]) == [
        "client:B",
        "Aug 10, 2026",
        "—",
        "Open and late",
        "Rollout · Beta: Go-live",  # the whole label on hover, with the client
    ]
    assert list(traces["Completed on time"].x) == [D(2026, 7, 30)]
    assert list(traces["Open, not yet due"].x) == [D(2026, 9, 1)]
    # Two projects named Rollout: their rows stay apart by the project's id.
    assert list(figure.layout.yaxis.categoryarray) == [
        "Rollout (P2)<br>Go-live",
        "Rollout (P2)<br>UAT",
        "Rollout (P1)<br>UAT",
        "Rollout (P1)<br>Build",
        "Rollout (P1)<br>Kick-off",
    ]
    # The hover names the milestone in full.
    assert open_late.hovertemplate.startswith("%{customdata[4]}<br>")


def test_milestone_labels_are_two_short_lines_and_rows_fit_them():
    t = D(2026, 8, 15)
    rows = [
        ("P1", "Analytics workshop series 2", "A", "Acme", "Design sign-off",
         D(2026, 8, 1), None),
        ("P2", "Analytics workshop series 3", "A", "Acme", "UAT",
         D(2026, 8, 20), None),
        ("P2", "Analytics workshop series 3", "A", "Acme", "UAT",
         D(2026, 8, 25), None),
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(_milestones().columns))
    where = {"clients": "all clients", "period": "2026-Q3"}
    figure = milestone_timeline_figure(frame, t, "en", "light", **where)
    # "Analytics workshop series 2: Design sign-off" wrapped at 24 was 3 lines,
    # taller than its row. Now the project over the milestone, each one line:
    # both projects shorten to "Analytics workshop seri…", so each gets its id
    # (" (P1)", 5 wide: 18 characters and "…" before it); the second UAT of P2
    # is numbered.
    assert list(figure.layout.yaxis.categoryarray) == [
        "Analytics workshop… (P2)<br>UAT #2",
        "Analytics workshop… (P2)<br>UAT",
        "Analytics workshop… (P1)<br>Design sign-off",
    ]
    # Rows are spaced evenly: each gets 2 lines × 19 px + 7 px = 45 px, plus
    # 170 px for the axes and the legend, at least 260 in all: 3 × 45 + 170 = 305.
    assert figure.layout.height == 305
    late = next(trace for trace in figure.data if trace.name == "Open and late")
    # One client's rows: its name is not repeated on hover.
    assert list(late.customdata[0])[4] == (
        "Analytics workshop series 2: Design sign-off"
    )


def test_no_milestones_names_the_selection():
    where = {"clients": "Acme", "period": "2026-Q3"}
    figure = milestone_timeline_figure(
        _milestones().iloc[0:0], D(2026, 8, 15), "zh", "dark", **where
    )
    assert figure.layout.annotations[0].text == "Acme 在 2026-Q3 没有里程碑"
