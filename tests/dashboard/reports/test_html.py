"""The HTML rendering: every section in order, texts escaped, print margins safe."""

from __future__ import annotations

import dataclasses

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports.build import build_report
from dashboard.reports.html import css_string, render_html
from dashboard.reports.svg import line_chart
from tests.dashboard.reports.book import SETTINGS, add_report_book


def built(engine, client, lang="en", audience="internal"):
    with engine.begin() as conn:
        add_report_book(conn)
    with engine.connect() as conn:
        return build_report(
            conn,
            settings=SETTINGS,
            scope=Scope.everything(),
            period=parse_period("2026-Q3"),
            lang=lang,
            audience=audience,
            clients=(client,),
        )


def test_sections_come_in_their_fixed_order(engine):
    html = render_html(built(engine, "K1"))
    titles = ["Summary", "Progress", "Problems and solutions", "Next steps"]
    positions = [html.index(f"<h2>{title}</h2>") for title in [*titles, "Appendix"]]
    assert positions == sorted(positions)
    assert "Health score: 51 (Watch)" in html
    assert html.startswith('<!DOCTYPE html><html lang="en">')
    assert "@media print" in html and "size: A4 portrait" in html


def test_a_problem_without_items_says_so(engine):
    html = render_html(built(engine, "K2"))
    assert "Meeting attendance was 50.0%, below 80.0%." in html
    assert "No action item addresses this yet." in html


def test_texts_from_the_data_are_escaped(engine):
    report = dataclasses.replace(
        built(engine, "K1"), subject='<img src=x onerror="alert(1)">'
    )
    html = render_html(report)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html


def test_css_strings_cannot_end_the_string_or_the_stylesheet():
    text = css_string('Acme "</style><script>" 客户')
    assert text.startswith('"') and text.endswith('"')
    inner = text[1:-1]
    assert '"' not in inner and "<" not in inner and ">" not in inner
    assert "客户" in inner


def test_charts_are_inline_svg_with_gaps_for_undefined_values():
    svg = str(
        line_chart("NPS <&>", ("2026-Q1", "2026-Q2", "2026-Q3"), (10, None, 30),
                   ("10.0", "—", "30.0"))
    )  # fmt: skip
    assert svg.startswith('<svg class="trend"')
    # Two separate runs of one point each: no line is drawn across the gap.
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 2
    assert "NPS &lt;&amp;&gt;" in svg and "<&>" not in svg
    assert ">30.0</text>" in svg and "2026-Q1" in svg and "2026-Q3" in svg


def test_the_report_draws_its_trends(engine):
    html = render_html(built(engine, "K1"))
    assert html.count('<svg class="trend"') == 3


def test_progress_draws_the_pie_and_the_schedule_or_says_why_not(engine):
    html = render_html(built(engine, "K1"))
    progress = html[html.index("<h2>Progress</h2>") : html.index("<h2>Problems")]
    assert progress.count('<svg class="crd-pie"') == 1
    assert progress.count('<svg class="crd-gantt"') == 1
    assert ">Labour 100.0% · $8,000.00</text>" in progress
    with engine.connect() as conn:
        empty = build_report(
            conn, settings=SETTINGS, scope=Scope.everything(),
            period=parse_period("2026-Q3"), lang="zh", audience="client",
            clients=("K3",),
        )  # fmt: skip
    html = render_html(empty)
    assert "crd-pie" not in html.split("</style>")[1]
    assert "crd-gantt" not in html.split("</style>")[1]
    assert '<p class="none">资源分配：本期没有支出。</p>' in html
    assert '<p class="none">进度计划：本期没有进行中的项目。</p>' in html


def test_the_dark_theme_is_an_attribute_and_print_stays_light(engine):
    report = built(engine, "K1")
    assert render_html(report).startswith('<!DOCTYPE html><html lang="en"><head>')
    dark = render_html(report, theme="dark")
    assert dark.startswith('<!DOCTYPE html><html lang="en" data-bs-theme="dark">')
    # Dark rules apply on screen only; the print rules never name a theme.
    style = dark[dark.index("<style>") : dark.index("</style>")]
    dark_rule = '[data-bs-theme="dark"] .crd-report { color: #e8e8e8; background'
    assert dark_rule in style
    before = style.index(dark_rule)
    assert style.rindex("@media", 0, before) == style.rindex(
        "@media screen {", 0, before
    )
    assert "prefers-color-scheme" not in style


def test_the_appendix_states_how_items_are_matched(engine):
    html = render_html(built(engine, "K1"))
    appendix = html[html.index("<h2>Appendix</h2>") :]
    assert "<h3>Which action items address a problem</h3>" in appendix
    assert "Schedule: milestone, timeline, deadline" in appendix
