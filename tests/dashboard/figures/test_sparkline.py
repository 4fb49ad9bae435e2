"""A card's sparkline drawn as SVG on the server: points, gaps, the current
period's mark, the theme's colour and the trend in words."""

from __future__ import annotations

from urllib.parse import unquote

from dashboard.figures.sparkline import (
    sparkline_label,
    sparkline_segments,
    sparkline_src,
    sparkline_svg,
)

# 4 periods across 160 − 2×4 = 152 units: x = 4, 4 + 152/3 = 54.7, 105.3, 156.
# Lowest value 1 at y = 40 − 4 = 36, highest 5 at y = 4; 3 halfway at y = 20.
VALUES = [1.0, None, 3.0, 5.0]


def test_points_are_spread_and_scaled_with_a_gap_for_an_undefined_value():
    assert sparkline_segments(VALUES) == [[(4.0, 36.0)], [(105.3, 20.0), (156.0, 4.0)]]


def test_a_flat_trend_sits_in_the_middle_and_a_single_value_in_the_centre():
    assert sparkline_segments([2.0, 2.0]) == [[(4.0, 20.0), (156.0, 20.0)]]
    assert sparkline_segments([7.0]) == [[(80.0, 20.0)]]
    assert sparkline_segments([None, None]) == []


def test_the_svg_draws_runs_as_lines_a_lone_value_as_a_dot_and_marks_now():
    svg = sparkline_svg(VALUES, "light")
    assert '<polyline points="105.3,20 156,4"/>' in svg
    assert svg.count("<polyline") == 1
    assert '<circle cx="4" cy="36" r="1.5"/>' in svg  # the lone first value
    assert '<circle cx="156" cy="4" r="3.5"/>' in svg  # the current period
    assert 'stroke="#0072B2"' in svg and 'fill="#0072B2"' in svg


def test_no_current_mark_when_the_last_period_is_undefined():
    svg = sparkline_svg([1.0, 2.0, None], "light")
    # 3 periods: x = 4, 80, 156; the line ends at the second period.
    assert '<polyline points="4,36 80,4"/>' in svg
    assert "<circle" not in svg


def test_the_dark_page_draws_the_lighter_variant():
    assert 'stroke="#1F8DD6"' in sparkline_svg(VALUES, "dark")


def test_the_image_source_is_the_svg_escaped_for_a_data_uri():
    src = sparkline_src(VALUES, "light")
    prefix = "data:image/svg+xml;utf8,"
    assert src.startswith(prefix)
    assert not any(c in src[len(prefix) :] for c in '<>#" ')
    assert unquote(src[len(prefix) :]) == sparkline_svg(VALUES, "light")


def test_the_trend_in_words_names_each_period_and_figure():
    shown = ["90.0%", "—"]
    assert (
        sparkline_label("Logo retention", ["2026-Q2", "2026-Q3"], shown, "en")
        == "Logo retention, last 2 periods: 2026-Q2 90.0%, 2026-Q3 —"
    )
    assert (
        sparkline_label("客户留存率", ["2026-03", "2026-04"], shown, "zh")
        == "客户留存率，最近 2 个周期：2026年3月 90.0%、2026年4月 —"
    )
