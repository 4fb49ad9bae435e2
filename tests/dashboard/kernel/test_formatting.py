"""The one formatter: every kind of value, in English and Simplified Chinese, with
the rounding of the cards; zero is never negative."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.formatting import (
    UNDEFINED,
    format_compact,
    format_count,
    format_day,
    format_minutes,
    format_moment,
    format_money,
    format_money_short,
    format_month,
    format_number,
    format_overrun,
    format_percent,
    format_percent_change,
    format_period,
    format_ratio,
)

D = dt.date


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["1,071", "12,346", "0", "1,234.6", "0.0", "12.3%", "0.0%", "5%"]),
        ("zh", ["1,071", "12,346", "0", "1,234.6", "0.0", "12.3%", "0.0%", "5%"]),
    ],
)
def test_counts_numbers_and_percentages(lang, expected):
    assert [
        format_count(1071, lang),
        format_count(12_345.6, lang),  # whole: rounds to 12,346
        format_count(-0.4, lang),  # rounds to zero: 0, not −0
        format_number(1234.56, lang),  # one decimal: 1,234.6
        format_number(-0.04, lang),  # 0.0, not −0.0
        format_percent(0.1234, lang),
        format_percent(-0.0004, lang),  # −0.04% rounds to 0.0%
        format_percent(0.05, lang, 0),
    ] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["$5,013.34", "$0.00", "$5,013.34", "$1.5M", "$100.8K", "$0", "$6.0K",
                "12.3K"]),
        ("zh", ["US$5,013.34", "US$0.00", "US$5,013.34", "US$150.0万", "US$10.1万",
                "US$0", "US$6,000", "1.2万"]),
    ],
)  # fmt: skip
def test_money_exact_in_tables_short_on_cards_and_axes(lang, expected):
    assert [
        format_money(5013.3449, lang, "USD"),  # exact to the cent
        format_money(-0.004, lang, "USD"),  # an empty step: $0.00, not −$0.00
        format_money(5013.34, lang, "USD", compact=True),  # under 10,000: exact
        format_money(1_500_000, lang, "USD", compact=True),
        format_money_short(100_800, lang, "USD"),  # 100.8 thousand / 10.08 万
        format_money_short(-0.001, lang, "USD"),
        format_money_short(6000, lang, "USD"),  # zh: no short form under 1万
        format_compact(12_345, lang),  # 12.3 thousand / 1.2345 万
    ] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["$1.0M", "$1.6M", "$1.0M", "$10.0K", "$150.0K", "$1.0M", "$12.0M",
                "-$1.2M", "$0", "$999.5"]),
        ("zh", ["US$100.0万", "US$160.0万", "US$104.0万", "US$1.0万", "US$15.0万",
                "US$100.0万", "US$1,200.0万", "-US$123.5万", "US$0", "US$999.5"]),
    ],
)  # fmt: skip
def test_short_money_always_has_one_decimal_in_its_unit(lang, expected):
    # A card of $1,000,000 beside one of $1,600,000 reads "$1.0M" and "$1.6M".
    assert [
        format_money(1_000_000, lang, "USD", compact=True),
        format_money(1_600_000, lang, "USD", compact=True),
        format_money_short(1_040_000, lang, "USD"),  # 1.04M: 1.0M / 104.0 万
        format_money(10_000, lang, "USD", compact=True),  # the first card amount
        format_money_short(150_000, lang, "USD"),  # 150.0 thousand / 15.0 万
        format_money_short(999_999, lang, "USD"),  # 1,000.0K is one unit up: 1.0M
        format_money_short(12_000_000, lang, "USD"),  # 1,200 万, grouped
        format_money_short(-1_234_567, lang, "USD"),
        format_money_short(-0.04, lang, "USD"),  # rounds to 0: no sign
        format_money_short(999.5, lang, "USD"),  # below the first unit: as it is
    ] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["Dec 25, 2023", "Dec 25, 2023", "Jan 2026", "Jan 2026",
                "Jul 1, 2026 09:05 (UTC)"]),
        ("zh", ["2023年12月25日", "2023年12月25日", "2026年1月", "2026年1月",
                "2026年7月1日 09:05 (UTC)"]),
    ],
)  # fmt: skip
def test_dates_and_months(lang, expected):
    assert [
        format_day(D(2023, 12, 25), lang),
        format_day("2023-12-25", lang),  # as a report carries it
        format_month(D(2026, 1, 31), lang),
        format_month("2026-01", lang),  # a month's period label
        format_moment(dt.datetime(2026, 7, 1, 9, 5), lang, "UTC"),
    ] == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_periods_are_written_as_in_the_link(lang):
    assert format_period("2025-Q1", lang) == "2025-Q1"
    assert format_period("2025Q1", lang) == "2025-Q1"
    assert format_period("2025 Q1", lang) == "2025-Q1"
    assert format_period("FY2027-Q1", lang) == "FY2027-Q1"
    assert format_period("FY2027", lang) == "FY2027"
    assert format_period("2026", lang) == "2026"
    assert format_period(None, lang) == UNDEFINED


def test_a_month_period_is_written_as_a_month():
    assert format_period("2026-07", "en") == "Jul 2026"
    assert format_period("2026-07", "zh") == "2026年7月"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ["1.5 min", "3.0 min over time", "1.2 min early", "on time", "on time"]),
        ("zh", ["1.5 分钟", "超时 3.0 分钟", "提前 1.2 分钟", "准时", "准时"]),
    ],
)
def test_durations_say_early_or_late_never_a_negative_minute(lang, expected):
    assert [
        format_minutes(1.5, lang),
        format_overrun(3.0, lang),
        format_overrun(-1.2, lang),  # meetings ended 1.2 minutes early on average
        format_overrun(0.0, lang),
        format_overrun(-0.04, lang),  # rounds to 0.0: on time
    ] == expected


def test_ratios_and_signed_changes():
    assert format_ratio(1.2, "en") == "1.20×"
    assert format_percent_change(0.2, "en") == "+20.0%"
    assert format_percent_change(-0.25, "zh") == "−25.0%"
    assert format_percent_change(-0.00001, "en") == "0.0%"  # no sign on zero


def test_missing_values_are_a_dash_everywhere():
    missing = [None, float("nan")]
    for value in missing:
        assert format_count(value, "en") == UNDEFINED
        assert format_number(value, "en") == UNDEFINED
        assert format_percent(value, "zh") == UNDEFINED
        assert format_money(value, "en", "USD") == UNDEFINED
        assert format_money_short(value, "en", "USD") == UNDEFINED
        assert format_minutes(value, "en") == UNDEFINED
        assert format_overrun(value, "en") == UNDEFINED
        assert format_ratio(value, "en") == UNDEFINED
    assert format_day(None, "en") == UNDEFINED
    assert format_month(None, "en") == UNDEFINED
