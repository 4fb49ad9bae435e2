"""The client page's figures: hand-made frames in, trace values and texts out."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.figures.client import revenue_trend, survey_trend
from dashboard.figures.client_meetings import local_starts, meeting_timeline
from dashboard.figures.client_projects import burn_up, cumulative_spend
from data.queries.client_detail import MEETING_COLUMNS

D = dt.date


def annotation_text(figure) -> str:
    return figure.layout.annotations[0].text


def meetings_frame() -> pd.DataFrame:
    rows = [
        ("M1", "qbr", dt.datetime(2026, 7, 1, 22, 30), "held", 60, 75, 4, 3),
        ("M2", "weekly_sync", dt.datetime(2026, 7, 8, 8, 0), "cancelled", 30,
         None, None, None),
        ("M3", "weekly_sync", dt.datetime(2026, 7, 15, 8, 0), "held", 30, 30,
         None, None),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=MEETING_COLUMNS)


def timeline(lang: str, theme: str, timezone: str):
    """The timeline of `meetings_frame` over the 12 months to 2026-08-15."""
    return meeting_timeline(
        meetings_frame(),
        client="Acme",
        start=D(2025, 8, 16),
        end=D(2026, 8, 15),
        timezone=timezone,
        lang=lang,
        theme=theme,
    )


def test_local_starts_move_utc_to_the_time_zone():
    # 22:30 UTC on Jul 1 is 00:30 on Jul 2 in Berlin (UTC+2 in summer).
    local = local_starts(pd.Series([dt.datetime(2026, 7, 1, 22, 30)]), "Europe/Berlin")
    assert local.iloc[0] == pd.Timestamp(2026, 7, 2, 0, 30)


def test_timeline_has_one_trace_per_status_with_local_times_in_the_hover():
    figure = timeline("en", "light", "Europe/Berlin")
    held, cancelled = figure.data
    assert (held.name, cancelled.name) == ("Held", "Cancelled")
    assert list(held.y) == ["QBR", "Weekly sync"]
    assert held.marker.symbol == "circle" and cancelled.marker.symbol == "x"
    assert held.hovertemplate == "%{hovertext}<extra></extra>"
    # M1: 2026-07-02 00:30 Berlin; planned 60, actual 75; 3 of 4 objectives met.
    assert held.hovertext[0] == (
        "<b>Jul 2, 2026 00:30 (Europe/Berlin)</b><br>QBR · Held<br>"
        "Planned 60 min, actual 75 min<br>Objectives: 3 of 4 met"
    )
    # M2: cancelled, no actual minutes and no objectives: "—".
    assert "Planned 30 min, actual — min<br>Objectives: —" in cancelled.hovertext[0]
    assert pd.Timestamp(held.x[0]) == pd.Timestamp(2026, 7, 2, 0, 30)


def test_timeline_in_chinese_and_its_empty_state_names_the_client():
    zh = meeting_timeline(
        meetings_frame(),
        client="Acme",
        start=D(2025, 8, 16),
        end=D(2026, 8, 15),
        timezone="UTC",
        lang="zh",
        theme="dark",
    )
    assert zh.data[0].name == "已举行"
    assert "计划 60 分钟，实际 75 分钟" in zh.data[0].hovertext[0]
    empty = meeting_timeline(
        meetings_frame().iloc[0:0],
        client="Acme",
        start=D(2025, 8, 16),
        end=D(2026, 8, 15),
        timezone="UTC",
        lang="en",
        theme="light",
    )
    assert empty.data == ()
    assert annotation_text(empty) == "No meetings for Acme in the last 12 months"


def test_empty_states_show_a_client_name_as_written_not_as_markup():
    # Plotly reads <b>, <a> … in texts; the name is escaped so it shows as typed.
    empty = meeting_timeline(
        meetings_frame().iloc[0:0],
        client="<b>Acme</b> & Co",
        start=D(2025, 8, 16),
        end=D(2026, 8, 15),
        timezone="UTC",
        lang="en",
        theme="light",
    )
    assert annotation_text(empty) == (
        "No meetings for &lt;b&gt;Acme&lt;/b&gt; &amp; Co in the last 12 months"
    )


def trend_frame() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "revenue": [1234.5, 0.0, 2000.0],
            "nps": [50.0, None, -20.0],
            "nps_n": [4, 0, 5],
            "csat": [None, 75.0, 100.0],
            "csat_n": [0, 4, 1],
        },
        index=["2026-Q1", "2026-Q2", "2026-Q3"],
    ).astype(object)
    return frame.where(frame.notna(), None)


def test_revenue_trend_shows_exact_money_and_marks_the_quarter_to_date():
    figure = revenue_trend(
        trend_frame(),
        client="Acme",
        partial="2026-Q3",
        currency="USD",
        lang="en",
        theme="light",
    )
    (bars,) = figure.data
    assert list(bars.x) == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert list(bars.y) == [1234.5, 0.0, 2000.0]
    assert list(bars.customdata) == [
        "period:2026-Q1",
        "period:2026-Q2",
        "period:2026-Q3",
    ]
    assert bars.hovertext[0] == "2026-Q1<br>Revenue: $1,234.50"
    assert bars.hovertext[2] == "2026-Q3 · to date<br>Revenue: $2,000.00"
    # Periods written as everywhere else (and in the link).
    assert list(figure.layout.xaxis.ticktext) == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert figure.layout.yaxis.title.text == "Revenue (USD)"
    zh = revenue_trend(
        trend_frame(),
        client="Acme",
        partial=None,
        currency="USD",
        lang="zh",
        theme="light",
    )
    assert zh.data[0].hovertext[0] == "2026-Q1<br>收入: US$1,234.50"


def test_revenue_trend_without_revenue_says_so():
    frame = trend_frame().assign(revenue=[0.0, None, 0.0])
    figure = revenue_trend(
        frame, client="Acme", partial=None, currency="USD", lang="en", theme="light"
    )
    assert annotation_text(figure) == "No revenue for Acme in the last 8 quarters"


def test_survey_trend_leaves_gaps_and_shows_the_numbers_of_answers():
    figure = survey_trend(
        trend_frame(), client="Acme", partial="2026-Q3", lang="en", theme="light"
    )
    nps, csat = figure.data
    assert (nps.name, csat.name) == ("NPS", "CSAT")
    assert list(nps.y) == [50.0, None, -20.0]
    assert list(csat.y) == [None, 75.0, 100.0]
    # The numbers of answers are in the hover, not on the points (where NPS and
    # CSAT labels ran into each other); every sample under 30 is an open marker.
    assert nps.text is None and "text" not in nps.mode
    assert list(nps.marker.symbol) == ["circle-open"] * 3
    assert nps.hovertext[2] == (
        "2026-Q3 · to date<br>NPS: -20.0 (5 answers) · small sample"
    )
    assert csat.hovertext[1] == "2026-Q2<br>CSAT: 75.0% (4 answers) · small sample"
    assert nps.line.dash != csat.line.dash
    assert set(nps.marker.symbol).isdisjoint(csat.marker.symbol)
    none = trend_frame().assign(nps_n=[0, 0, 0], csat_n=[0, 0, 0])
    empty = survey_trend(none, client="Acme", partial=None, lang="en", theme="light")
    # Broken into lines of at most 40 characters to fit the narrow chart.
    assert annotation_text(empty) == (
        "No survey answers from Acme in the last <br>8 quarters"
    )


def test_cumulative_spend_starts_at_zero_and_runs_to_t():
    # Start Jul 1; 100.00 on Jul 3, 50.00 on Jul 10, 999 on Aug 20 (after t).
    spend = pd.DataFrame(
        {
            "spent_on": [D(2026, 7, 3), D(2026, 7, 10), D(2026, 8, 20)],
            "amount_cents": [10_000, 5_000, 99_900],
        }
    )
    days, totals = cumulative_spend(spend, D(2026, 7, 1), D(2026, 8, 15))
    assert days == [D(2026, 7, 1), D(2026, 7, 3), D(2026, 7, 10), D(2026, 8, 15)]
    assert totals == [0.0, 100.0, 150.0, 150.0]


def test_burn_up_plans_budget_times_time_elapsed():
    # Project Jul 1 .. Jul 10 (10 days), BAC 1,000.00, as_of Aug 15 → t = Jul 10.
    # Planned: 1,000 × 1/10 = 100 on Jul 1, 1,000 × 10/10 = 1,000 on Jul 10.
    project = {"start_on": D(2026, 7, 1), "end_on": D(2026, 7, 10), "bac": 1000.0}
    spend = pd.DataFrame({"spent_on": [D(2026, 7, 5)], "amount_cents": [40_000]})
    figure = burn_up(
        project, spend, as_of=D(2026, 8, 15), currency="USD", lang="en", theme="light"
    )
    planned, spent, budget = figure.data
    assert list(planned.x) == [D(2026, 7, 1), D(2026, 7, 10)]
    assert list(planned.y) == [100.0, 1000.0]
    assert list(spent.y) == [0.0, 400.0, 400.0]
    assert spent.line.shape == "hv"
    assert list(budget.y) == [1000.0, 1000.0]
    assert spent.hovertext[1] == "Jul 5, 2026<br>Spent: $400.00"
    assert (planned.name, spent.name, budget.name) == ("Planned", "Spent", "Budget")


def test_the_meeting_timeline_names_months_in_the_language():
    # 2025-08-16 .. 2026-08-15: months Sep 2025 .. Aug 2026, 11 steps; one a
    # month would be 12 ticks, so every second month (6 ticks).
    axis = timeline("zh", "dark", "UTC").layout.xaxis
    assert axis.type == "date" and axis.tickmode == "array"
    months = [(2025, 9), (2025, 11), (2026, 1), (2026, 3), (2026, 5), (2026, 7)]
    assert list(axis.tickvals) == [D(y, m, 1).isoformat() for y, m in months]
    assert list(axis.ticktext) == ["2025年9月", "2025年11月", "2026年1月",
                                   "2026年3月", "2026年5月", "2026年7月"]  # fmt: skip


def test_a_project_burn_up_names_its_days_or_months_in_the_language():
    spend = pd.DataFrame({"spent_on": [D(2026, 7, 5)], "amount_cents": [40_000]})
    short = {"start_on": D(2026, 7, 1), "end_on": D(2026, 7, 10), "bac": 1000.0}
    figure = burn_up(
        short, spend, as_of=D(2026, 8, 15), currency="USD", lang="zh", theme="dark"
    )
    # Within one month: its two ends. Jan 15 .. t = Aug 15: Feb .. Aug, 6 steps,
    # at most 4 ticks: every second month.
    assert list(figure.layout.xaxis.ticktext) == ["2026年7月1日", "2026年7月10日"]
    long = {"start_on": D(2026, 1, 15), "end_on": D(2026, 12, 31), "bac": 1000.0}
    figure = burn_up(
        long, spend, as_of=D(2026, 8, 15), currency="USD", lang="zh", theme="dark"
    )
    # Months are ticked on a calendar grid (every second month from January).
    assert list(figure.layout.xaxis.ticktext) == ["2026年3月", "2026年5月", "2026年7月"]
