"""Axes: round ticks from zero (money, percentages, counts, numbers), months and
periods, labelled as dashboard.kernel.formatting writes them."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from dashboard.figures.axes import (
    count_axis,
    money_axis,
    month_axis,
    number_axis,
    percent_axis,
    period_axis,
    round_ticks,
    trend_axis,
    zero_aligned_ranges,
)
from dashboard.figures.budget_burn import burn_up_figure
from dashboard.figures.client import revenue_trend
from dashboard.figures.meetings import overrun_figure
from dashboard.figures.retention import revenue_bridge

D = dt.date


def test_round_ticks_step_by_one_two_or_five_powers_of_ten_from_zero():
    # 1,746,000 / 6 = 291,000 → the first of 100k, 200k, 500k at or above it: 500k.
    assert round_ticks(0, 1_746_000) == [0, 500_000, 1_000_000, 1_500_000, 2_000_000]
    # 950 − (−300) = 1,250; / 6 = 208.3 → 500 (200 is too small).
    assert round_ticks(-300, 950) == [-500, 0, 500, 1000]
    # A range above zero still starts at zero: 40..120 → 0..120, 20 per step.
    assert round_ticks(40, 120) == [0, 20, 40, 60, 80, 100, 120]
    assert round_ticks(0, 12.5, most=4) == [0, 5, 10, 15]
    assert round_ticks(0, 0) == [0.0]


def test_money_axis_reads_like_the_cards_in_each_language():
    assert money_axis([120_000.0, 1_746_000.0, None], "en", "USD") == {
        "tickmode": "array",
        "tickvals": [0, 500_000, 1_000_000, 1_500_000, 2_000_000],
        "ticktext": ["$0", "$0.5M", "$1.0M", "$1.5M", "$2.0M"],  # one unit
    }
    chinese = money_axis([1_746_000.0], "zh", "USD")["ticktext"]
    assert chinese == ["US$0", "US$50.0万", "US$100.0万", "US$150.0万", "US$200.0万"]
    assert money_axis([None, float("nan")], "en", "USD") == {}


def test_money_axis_ticks_share_the_unit_of_the_largest():
    # 12,000 / 6 = 2,000 a step. In Chinese 万 starts at 10,000: without a shared
    # unit the axis read US$8,000 under US$1.0万.
    chinese = money_axis([12_000.0], "zh", "USD")["ticktext"]
    assert chinese == [
        "US$0", "US$0.2万", "US$0.4万", "US$0.6万", "US$0.8万", "US$1.0万", "US$1.2万"
    ]  # fmt: skip
    # 900 - (-300) = 1,200 / 6 = 200 a step; $1.0K is the largest: all in K.
    english = money_axis([-300.0, 900.0], "en", "USD")
    assert english["tickvals"] == [-400, -200, 0, 200, 400, 600, 800, 1000]
    assert english["ticktext"] == [
        "-$0.4K", "-$0.2K", "$0", "$0.2K", "$0.4K", "$0.6K", "$0.8K", "$1.0K"
    ]  # fmt: skip
    # All under the first unit: whole amounts, as before.
    assert money_axis([400.0], "zh", "USD")["ticktext"] == [
        "US$0", "US$100", "US$200", "US$300", "US$400"
    ]  # fmt: skip


def test_revenue_bridge_axis_covers_the_highest_running_total():
    # 1,000,000 → +300,000 → −100,000 → −200,000: the bars reach 1,300,000;
    # 1.3M / 6 = 216,667 → steps of 500,000 up to 1.5M.
    bridge = {"start": 1e6, "expansion": 3e5, "contraction": 1e5,
              "churned": 2e5, "other": 0.0, "end": 1e6}  # fmt: skip
    labels = {"period": "2026-Q3", "year_earlier": "2025-Q3", "who": "all clients"}
    axis = revenue_bridge(bridge, labels, "USD", "zh", "light").layout.yaxis
    assert list(axis.tickvals) == [0, 500_000, 1_000_000, 1_500_000]
    assert list(axis.ticktext) == ["US$0", "US$50.0万", "US$100.0万", "US$150.0万"]


def test_burn_up_axis_ignores_the_days_after_t():
    curve = pd.DataFrame(
        {
            "day": pd.to_datetime(["2026-07-01", "2026-07-05", "2026-07-08"]).date,
            "planned": [100.0, 500.0, 800.0],
            "actual": [100.0, 150.0, None],
        }
    )
    figure = burn_up_figure(
        curve,
        curve["day"][1],
        "en",
        "light",
        currency="USD",
        clients="all clients",
        period="2026-Q3",
    )
    # Highest amount 800 → 800 / 6 = 133 → steps of 200, up to 800.
    assert list(figure.layout.yaxis.tickvals) == [0, 200, 400, 600, 800]
    assert list(figure.layout.yaxis.ticktext)[-1] == "$800"


def test_client_revenue_axis_in_chinese():
    trend = pd.DataFrame({"revenue": [50_000.0, None, 64_000.0]}, index=["a", "b", "c"])
    figure = revenue_trend(
        trend, client="Acme", partial=None, currency="CNY", lang="zh", theme="dark"
    )
    # 64,000 / 4 = 16,000 → steps of 20,000 up to 80,000.
    assert list(figure.layout.yaxis.ticktext) == [
        "¥0",
        "¥2.0万",
        "¥4.0万",
        "¥6.0万",
        "¥8.0万",
    ]


def zero_height(axis_range) -> float:
    low, high = axis_range
    return -low / (high - low)


def test_zero_aligned_ranges_put_zero_at_one_height():
    # Shares 0..0.5 (+10%: 0.55); minutes −2..3.5 (+10%: −2.2..3.85), so 0 sits
    # 2.2 / 6.05 = 4/11 of the way up; the share axis gets 4/7 × 0.55 below 0.
    shares, minutes = zero_aligned_ranges([0.25, None, 0.5], [3.5, None, -2.0])
    assert shares == pytest.approx([-0.55 * 4 / 7, 0.55])
    assert minutes == pytest.approx([-2.2, 3.85])
    assert zero_height(shares) == pytest.approx(4 / 11)
    # Everything at or above 0: both axes start at 0.
    above, minutes = zero_aligned_ranges([1.0], [2.0, 0.0])
    assert (above, minutes) == (pytest.approx([0, 1.1]), pytest.approx([0, 2.2]))
    # All below 0: at most 90% of the height is below 0, on both axes.
    shares, minutes = zero_aligned_ranges([0.2], [-1.0, -2.0])
    assert minutes == pytest.approx([-2.2, 2.2 / 9])
    assert zero_height(shares) == pytest.approx(0.9)
    assert zero_height(minutes) == pytest.approx(0.9)


def test_overrun_axes_share_their_zero_and_label_no_negative_share():
    trend = pd.DataFrame(
        {"overrun_share": [0.25, 0.5], "avg_overrun_minutes": [3.5, -2.0]},
        index=["2026-Q2", "2026-Q3"],
    )
    layout = overrun_figure(
        trend, "en", "light", clients="all clients", period="2026-Q3"
    ).layout
    assert zero_height(layout.yaxis.range) == pytest.approx(
        zero_height(layout.yaxis2.range)
    )
    assert zero_height(layout.yaxis2.range) == pytest.approx(4 / 11)
    assert list(layout.yaxis.tickvals) == [0, 0.2, 0.4, 0.6]


def test_a_churn_rate_axis_is_ticked_at_round_percentages():
    # Rates up to 38%: 38% / 6 = 6.3% → steps of 10% (never 0/13/25/38%).
    axis = percent_axis([0.13, 0.38, None], "en")
    assert axis["tickvals"] == [0.0, 0.1, 0.2, 0.3, 0.4]
    assert axis["ticktext"] == ["0%", "10%", "20%", "30%", "40%"]
    # Tiny rates: 0.4% / 6 → steps of 0.1%, written with the one decimal they need.
    assert percent_axis([0.004], "zh")["ticktext"] == [
        "0.0%", "0.1%", "0.2%", "0.3%", "0.4%"
    ]  # fmt: skip
    assert percent_axis([None], "en") == {}


def test_counts_are_ticked_in_whole_steps_with_separators():
    assert count_axis([3], "en")["tickvals"] == [0, 1, 2, 3]  # never 0.5
    assert count_axis([2500], "zh")["ticktext"] == ["0", "500", "1,000", "1,500",
                                                    "2,000", "2,500"]  # fmt: skip


def test_number_axes_show_the_decimals_their_step_needs():
    assert number_axis([3.0, -1.2], "en")["ticktext"] == ["-2", "-1", "0", "1", "2",
                                                          "3"]  # fmt: skip
    assert number_axis([0.5], "en")["ticktext"] == ["0.0", "0.1", "0.2", "0.3",
                                                    "0.4", "0.5"]  # fmt: skip


def test_period_axes_write_months_as_months():
    axis = period_axis(["2026-06", "2026-07"], "zh")
    assert axis["type"] == "category" and axis["tickvals"] == ["2026-06", "2026-07"]
    assert axis["ticktext"] == ["2026年6月", "2026年7月"]
    assert period_axis(["2026-Q2"], "en")["ticktext"] == ["2026-Q2"]


def test_trend_axes_write_periods_flat_and_only_as_many_as_fit():
    months = [f"2026-0{m}" for m in range(1, 9)]
    axis = trend_axis(months, "zh")
    # "2026年1月" is 9 wide (年 and 月 count 2): 9 × 0.6 × 15 + 16 = 97 px a
    # label; 330 px hold 3 of the 8 months: every 3rd, ending with the latest.
    assert axis["tickvals"] == ["2026-02", "2026-05", "2026-08"]
    assert axis["ticktext"] == ["2026年2月", "2026年5月", "2026年8月"]
    assert axis["tickangle"] == 0 and axis["type"] == "category"
    # Two quarters fit side by side: both labelled.
    assert trend_axis(["2026-Q3", "2026-Q4"], "en")["ticktext"] == [
        "2026-Q3",
        "2026-Q4",
    ]


def test_month_axes_tick_the_first_days_of_months():
    # Aug 16, 2025 .. Aug 15, 2026: the first days of Sep 2025 .. Aug 2026, 11
    # months apart; every month would be 12 ticks, every 2nd is 6 (at most 6).
    axis = month_axis(dt.date(2025, 8, 16), dt.date(2026, 8, 15), "en")
    assert axis["tickvals"] == ["2025-09-01", "2025-11-01", "2026-01-01",
                                "2026-03-01", "2026-05-01", "2026-07-01"]  # fmt: skip
    assert axis["ticktext"] == ["Sep 2025", "Nov 2025", "Jan 2026", "Mar 2026",
                                "May 2026", "Jul 2026"]  # fmt: skip
    short = month_axis(dt.date(2026, 7, 3), dt.date(2026, 7, 20), "zh")
    assert short["ticktext"] == ["2026年7月3日", "2026年7月20日"]


def test_month_axis_ticks_every_month_of_a_quarter_from_its_first_day():
    axis = month_axis(D(2026, 1, 1), D(2026, 3, 31), "en")
    assert axis["tickvals"] == ["2026-01-01", "2026-02-01", "2026-03-01"]
    assert axis["ticktext"] == ["Jan 2026", "Feb 2026", "Mar 2026"]


def test_month_axis_spreads_three_years_over_at_most_six_ticks():
    # Jan 2024 .. Dec 2026: 35 months apart; every sixth month gives 6 ticks.
    axis = month_axis(D(2024, 1, 1), D(2026, 12, 31), "zh")
    assert axis["ticktext"] == ["2024年1月", "2024年7月", "2025年1月", "2025年7月",
                                "2026年1月", "2026年7月"]  # fmt: skip
