"""A book's long lists are cut to their first rows with "… and N more" (small
limits on the report book of tests/dashboard/reports/book.py, plus a second
project and a second overdue item for K2, both in ann's book)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from callbacks.chart_data import CHARTS
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports import limits
from dashboard.reports.build import build_report
from dashboard.reports.html import render_html
from dashboard.reports.model import LeftOut
from data.models import Client
from layouts.charts import DOWNLOAD_PATH
from tests.dashboard.reports.book import SETTINGS, add_report_book
from tests.factories import add_action_item, add_project, add_spend

D = dt.date


@pytest.fixture
def book(engine, monkeypatch):
    with engine.begin() as conn:
        ids = add_report_book(conn)
        # Pilot: $10,000 budget, $1,000 spent by 08-15: burn 10.0% in 51.1% of
        # its time, ratio 0.20, below Rollout's 1.57 and no problem.
        pilot = add_project(
            conn, ids["K2"], D(2026, 7, 1), D(2026, 9, 28), 1_000_000, name="Pilot"
        )
        add_spend(conn, pilot, D(2026, 8, 10), 100_000)
        add_action_item(
            conn, ids["K2"], D(2026, 8, 5), created_on=D(2026, 7, 1),
            visibility="shared",
        )  # fmt: skip
    monkeypatch.setattr(limits, "LIST_ROWS", 1)
    monkeypatch.setattr(limits, "PROBLEM_ITEMS", 1)
    monkeypatch.setattr(limits, "PROJECT_PROBLEMS", 1)
    return engine


def report_for(engine, lang="en", **request):
    with engine.connect() as conn:
        return build_report(
            conn,
            settings=SETTINGS,
            scope=Scope.everything(),
            period=parse_period("2026-Q3"),
            lang=lang,
            **request,
        )


def test_a_books_lists_keep_their_first_rows_and_count_the_rest(book):
    report = report_for(book, audience="internal", owner="ann")
    # Projects worst first: Rollout (1.57) before Pilot (0.20).
    assert [p.name for p in report.progress.projects] == ["Rollout"]
    # Open items, not yet due first, then overdue most recently due first:
    # Sep 1 (K1), Aug 5 (K2), Aug 1 (K1).
    assert [a.due for a in report.next_steps.actions] == ["Sep 1, 2026"]
    # One milestone in the next 90 days (Rollout's of Sep 10): not cut.
    assert [m.project for m in report.next_steps.milestones] == ["Rollout"]
    assert report.left_out == (
        LeftOut("projects", 1, "/download/budget-eac.csv?period=2026-Q3&owner=ann"),
        LeftOut("problems", 1),
        LeftOut("actions", 2),
    )
    rules = [p.rule for p in report.problems]
    # Rollout's two problems: the burn ratio is kept, its late milestones cut.
    assert "burn_ratio" in rules and "late_milestones" not in rules
    overdue = next(p for p in report.problems if p.rule == "overdue_items")
    assert overdue.text == "Open overdue action items: 2."
    # The most recently due overdue item is kept (K2's Aug 5), Aug 1 is counted.
    assert ([a.due for a in overdue.actions], overdue.more) == (["Aug 5, 2026"], 1)
    burn = next(p for p in report.problems if p.rule == "burn_ratio")
    # Rollout is K1's: of K1's two open items only "Agree new dates for the
    # Rollout" addresses it (reports/matching.py), so nothing is cut.
    assert ([a.title for a in burn.actions], burn.more) == (
        ["Agree new dates for the Rollout"],
        0,
    )


def test_the_notes_say_how_many_more_and_link_the_projects_download(book):
    html = render_html(report_for(book, audience="internal", owner="ann"))
    assert '<p class="more">… and 2 more.</p>' in html  # the open items
    assert (
        '<p class="more">… and 1 more. <a href="/download/budget-eac.csv?'
        'period=2026-Q3&amp;owner=ann">All of them (CSV)</a></p>'
    ) in html
    chinese = render_html(report_for(book, lang="zh", audience="internal", owner="ann"))
    assert "……另有 2 项。" in chinese
    assert "period=2026-Q3&amp;owner=ann&amp;lang=zh" in chinese


def test_one_clients_report_lists_everything(book):
    with book.begin() as conn:
        # A second item about the NPS: two items now address K1's NPS problem,
        # one more than a book would list under it.
        k1 = conn.execute(
            sa.select(Client.id).where(Client.external_id == "K1")
        ).scalar_one()
        add_action_item(
            conn, k1, D(2026, 9, 20), created_on=D(2026, 8, 1),
            title="Call the NPS detractors back", visibility="shared",
        )  # fmt: skip
    report = report_for(book, audience="client", clients=("K1",))
    assert [a.due for a in report.next_steps.actions] == [
        "Sep 1, 2026",
        "Sep 20, 2026",
        "Aug 1, 2026",
    ]
    assert report.left_out == ()
    assert all(p.more == 0 for p in report.problems)
    nps = next(p for p in report.problems if p.text.startswith("NPS"))
    assert [a.title for a in nps.actions] == [
        "Review the NPS feedback with the client",
        "Call the NPS detractors back",
    ]
    assert "and 1 more" not in render_html(report)


def test_the_link_is_the_dashboards_projects_download():
    assert limits.DOWNLOAD_PATH == DOWNLOAD_PATH
    assert limits.PROJECTS_DOWNLOAD in CHARTS
