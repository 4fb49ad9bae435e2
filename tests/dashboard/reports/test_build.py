"""The report model: sections, sentences and problems with hand-computed numbers
(the book and its hand computation: tests/dashboard/reports/book.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from dashboard.kernel.catalog import INTERNAL_KEYS
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports.build import build_report
from dashboard.reports.model import ReportError
from tests.dashboard.reports.book import SETTINGS, add_report_book

Q3 = parse_period("2026-Q3")


@pytest.fixture
def book(engine):
    with engine.begin() as conn:
        add_report_book(conn)
    return engine


def report_for(engine, clients=("K1",), audience="internal", lang="en", **kw):
    with engine.connect() as conn:
        return build_report(
            conn,
            settings=kw.pop("settings", SETTINGS),
            scope=kw.pop("scope", Scope.everything()),
            period=kw.pop("period", Q3),
            lang=lang,
            audience=audience,
            clients=clients,
            **kw,
        )


def rows(report):
    return {row.key: row for row in report.progress.kpis}


def test_summary_names_the_biggest_bad_then_good_changes(book):
    report = report_for(book)
    assert report.summary.sentences == (
        "This report covers Acme for 2026-Q3, from Jul 1, 2026 to Aug 15, 2026.",
        "NPS fell to 0.0 (−100.0 pts against 2026-Q2).",
        "Meeting attendance fell to 75.0% (−25.0 pp against 2026-Q2).",
        "Revenue rose to $1,500.00 (+50.0% against 2026-Q2).",
    )
    # Health over the 365 days to as_of: satisfaction (33.3 + 100) / 2 = 66.7,
    # engagement 8/9 = 88.9, delivery 0, budget 0 (ratio 1.57), revenue 100
    # (NRR 2,500 / 1,200 capped): mean 51.1 → "51", watch.
    assert (report.summary.health_score, report.summary.health_band) == (
        "51",
        "Watch",
    )


def test_sentences_are_chinese_in_chinese(book):
    report = report_for(book, lang="zh")
    assert report.summary.sentences[1:] == (
        "净推荐值（NPS）降至 0.0（较 2026-Q2 −100.0 分）。",
        "会议出席率降至 75.0%（较 2026-Q2 −25.0 个百分点）。",
        "收入升至 US$1,500.00（较 2026-Q2 +50.0%）。",
    )


def test_progress_has_previous_change_and_the_year_earlier_value(book):
    report = report_for(book)
    revenue = rows(report)["revenue"]
    assert (revenue.value, revenue.previous, revenue.change) == (
        "$1,500.00",
        "$1,000.00",
        "+50.0%",
    )
    assert revenue.year_earlier == "$1,200.00"
    assert report.year_earlier_period == "2025-Q3"
    assert rows(report)["nrr"].value == "125.0%"  # 1,500 / 1,200
    (project,) = report.progress.projects
    assert (project.name, project.budget, project.spent) == (
        "Rollout",
        "$10,000.00",
        "$8,000.00",
    )
    assert (project.budget_burn, project.time_elapsed, project.burn_ratio) == (
        "80.0%",
        "51.1%",
        "1.57×",
    )
    assert (project.milestones_done, project.milestones_total) == (0, 2)
    assert project.milestones_late == 1
    assert project.forecast == "$15,652.17"


def test_trends_cover_eight_quarters_with_the_same_figures(book):
    revenue, nps, attendance = report_for(book).progress.trends
    assert revenue.periods[0] == "2024-Q4" and revenue.periods[-1] == "2026-Q3"
    # K1's invoices: 2025-07-05 $1,200, 2026-04-05 $1,000, 2026-07-05 $1,500.
    assert revenue.values == (0, 0, 0, 1200, 0, 0, 1000, 1500)
    assert revenue.texts[-1] == "$1,500.00"
    # NPS: none before 2026-Q2 ("—", a gap), 100 in Q2 (whole), 0 in Q3.
    assert nps.values == (None,) * 6 + (100, 0)
    assert nps.texts[0] == "—"
    assert attendance.values[-2:] == (1.0, 0.75)


def test_undefined_figures_are_a_dash_with_the_reason_never_zero(book):
    table = rows(report_for(book))
    assert table["csat"].value == "—"
    assert table["csat"].undefined_reason == "No CSAT answers in the period."
    assert table["csat"].number is None
    # CAC is undefined with a client filter (METRICS.md).
    table = rows(report_for(book, clients=("K1", "K2")))
    assert table["cac"].value == "—"
    assert table["cac"].change is None


def test_one_clients_table_has_its_own_figures_not_the_logo_counts(book):
    # One client: no "Active clients 1, New 0, Lost 0", no CAC (undefined with a
    # client filter); its meeting cost (internal) instead, as on the client page.
    one = rows(report_for(book))
    assert list(one) == [
        "revenue",
        "nrr",
        "clv",
        "nps",
        "csat",
        "attendance_rate",
        "goal_achievement_rate",
        "action_item_completion_rate",
        "budget_burn",
        "meeting_cost",
    ]
    assert (one["meeting_cost"].value, one["meeting_cost"].previous) == (
        "$125.00",
        "$0.00",
    )
    assert "meeting_cost" not in rows(report_for(book, audience="client"))
    # Two clients: the logo counts are the book's (K1 and K2 active on Aug 15).
    two = rows(report_for(book, clients=("K1", "K2")))
    assert list(two)[:5] == [
        "active_clients",
        "new_clients",
        "lost_clients",
        "retention_rate",
        "churn_rate",
    ]
    assert two["active_clients"].value == "2"
    assert "meeting_cost" not in two


def test_problems_follow_the_rules_in_order_with_the_open_items(book):
    report = report_for(book)
    assert [(p.rule, p.text) for p in report.problems] == [
        ("bad_change", "NPS moved the wrong way: −100.0 pts against 2026-Q2, now 0.0."),
        (
            "bad_change",
            "Meeting attendance moved the wrong way: −25.0 pp against 2026-Q2,"
            " now 75.0%.",
        ),
        ("overdue_items", "Open overdue action items: 1."),
        (
            "burn_ratio",
            "Project Rollout is spending faster than time passes: burn ratio 1.57×.",
        ),
        ("late_milestones", "Project Rollout has late milestones: 1."),
        ("detractors", "Detractor answers (NPS 0–6) in the period: 1."),
        ("low_attendance", "Meeting attendance was 75.0%, below 80.0%."),
    ]
    # Matched by dashboard.reports.matching: the NPS item speaks of
    # satisfaction; the overdue item names the project; nothing speaks of
    # meetings.
    nps_item = ("Review the NPS feedback with the client", "Sep 1, 2026", False)
    rollout_item = ("Agree new dates for the Rollout", "Aug 1, 2026", True)
    assert [
        [(a.title, a.due, a.overdue) for a in p.actions] for p in report.problems
    ] == [
        [nps_item],  # NPS fell
        [],  # attendance fell
        [rollout_item],  # overdue: the overdue item, as many as it counts
        [rollout_item],  # burn ratio of Rollout
        [rollout_item],  # late milestones of Rollout
        [nps_item],  # detractors
        [],  # low attendance
    ]
    assert report.problems[0].actions[0].owner == "bob"


def test_thresholds_are_settings(book):
    # A bad change must exceed 30 points now: NPS (100) stays, attendance (25)
    # goes; a burn ratio of 1.57 is within 2.0; attendance 75% is above 70%.
    settings = SETTINGS.with_(
        report_change_points=30.0, report_burn_ratio=2.0, report_min_attendance=0.7
    )
    report = report_for(book, settings=settings)
    assert [p.rule for p in report.problems] == [
        "bad_change",
        "overdue_items",
        "late_milestones",
        "detractors",
    ]
    assert report.appendix.thresholds[1] == (
        "A project is a problem when its burn ratio is above 2.00×."
    )


def test_a_problem_without_an_action_item_has_none(book):
    # K2: attendance 1 of 2 = 50.0% in P, no previous meetings, no items.
    report = report_for(book, clients=("K2",))
    (problem,) = report.problems
    assert problem.text == "Meeting attendance was 50.0%, below 80.0%."
    assert problem.actions == ()


def test_next_steps_list_items_milestones_and_the_next_meeting(book):
    steps = report_for(book).next_steps
    # Not yet due on 08-15 first, then the overdue one.
    assert [a.due for a in steps.actions] == ["Sep 1, 2026", "Aug 1, 2026"]
    assert [(m.project, m.planned) for m in steps.milestones] == [
        ("Rollout", "Sep 10, 2026")
    ]
    assert steps.next_meeting == "QBR, Sep 3, 2026"


def test_an_empty_period_has_no_problems_and_says_nothing_changed(book):
    report = report_for(book, clients=("K3",))
    assert report.summary.sentences[1:] == (
        "No figure changed for better or worse against 2026-Q2.",
    )
    assert report.problems == ()
    assert report.progress.projects == ()
    assert report.next_steps.actions == ()
    assert report.next_steps.next_meeting is None
    assert rows(report)["revenue"].value == "$0.00"
    assert rows(report)["nps"].value == "—"


def test_appendix_defines_each_figure_and_counts_the_samples(book):
    appendix = report_for(book).appendix
    titles = [title for title, _text in appendix.definitions]
    assert titles[:3] == ["Revenue", "Net revenue retention", "Client lifetime value"]
    assert "Active clients" not in titles
    book_titles = report_for(book, clients=("K1", "K2")).appendix.definitions
    assert [title for title, _text in book_titles[:3]] == [
        "Active clients",
        "New clients",
        "Lost clients",
    ]
    assert "Burn ratio" in titles
    assert appendix.samples[0] == "NPS responses: 2 · small sample (n = 2)"
    assert (appendix.timezone, appendix.as_of) == ("UTC", "Aug 15, 2026")


def test_a_client_report_holds_no_internal_figure_and_no_other_name(book):
    report = report_for(book, audience="client")
    assert not INTERNAL_KEYS & {row.key for row in report.progress.kpis}
    assert report.summary.health_score is None
    assert report.summary.health_band is None
    text = repr(dataclasses.astuple(report))
    assert "Rival Corp" not in text and "Quiet Ltd" not in text
    assert "Acquisition cost" not in text


@pytest.mark.parametrize(
    ("clients", "audience", "scope", "message"),
    [
        (("K1", "K2"), "client", Scope.everything(), "exactly one client"),
        (("K9",), "internal", Scope.everything(), "unknown client K9"),
        (("K2",), "client", Scope.for_client("K1"), "unknown client K2"),
        (("K1",), "internal", Scope.for_client("K1"), "only see the client report"),
        (("K1",), "board", Scope.everything(), "audience 'board'"),
    ],
)
def test_requests_it_cannot_serve_are_refused(book, clients, audience, scope, message):
    with pytest.raises(ReportError, match=message):
        report_for(book, clients=clients, audience=audience, scope=scope)


def test_an_owners_book_covers_their_clients(book):
    report = report_for(book, clients=(), owner="ann")
    assert report.subject == "The clients of ann"
    # Revenue of K1 and K2 (K2 has none): $1,500.00.
    assert rows(report)["revenue"].value == "$1,500.00"
    assert {a.client for a in report.next_steps.actions} == {"Acme"}


def test_progress_has_the_allocation_pie_and_the_schedule(book):
    progress = report_for(book).progress
    # Rollout's one spend: $8,000.00 of labour on Aug 10.
    pie = progress.allocation
    assert (
        pie.title == "Resource allocation: spend by category ($8,000.00 in the period)"
    )
    assert [(s.label, s.share, s.amount) for s in pie.slices] == [
        ("Labour", "100.0%", "$8,000.00")
    ]
    plan = progress.schedule
    (row,) = plan.rows
    assert (row.label, row.start, row.end) == (
        "Rollout",
        dt.date(2026, 7, 1),
        dt.date(2026, 9, 28),
    )
    # Aug 1 not done by t (Aug 15): late; Sep 10: due.
    assert [m.text for m in row.milestones] == [
        "Milestone · Aug 1, 2026 · late",
        "Milestone · Sep 10, 2026 · due",
    ]
    assert plan.t_text == "As of Aug 15, 2026"


def test_without_spend_or_projects_the_charts_are_one_line_each(book):
    progress = report_for(book, clients=("K3",)).progress
    assert progress.allocation.empty == "Resource allocation: no spend in the period."
    assert progress.schedule.empty == "Schedule: no projects running in the period."
