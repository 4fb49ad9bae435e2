"""The report's Progress section shows each figure against its agreed target for
the report's client and period: met or missed, by mark and word."""

from __future__ import annotations

import re

import pytest

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports.build import build_report
from dashboard.reports.html import render_html


def progress_row(html: str, title: str) -> str:
    found = re.search(rf"<tr><td>{re.escape(title)}</td>.*?</tr>", html)
    assert found, title
    return found.group(0)


@pytest.mark.parametrize("audience", ["internal", "client"])
def test_progress_shows_value_against_target(review, audience):
    scope = Scope.everything() if audience == "internal" else Scope.for_client("C1")
    with review.engine.connect() as conn:
        report = build_report(
            conn, settings=review.settings, scope=scope,
            period=parse_period("2026-Q2"), lang="en", audience=audience,
            clients=("C1",),
        )  # fmt: skip
    rows = {row.key: row for row in report.progress.kpis}
    assert (rows["attendance_rate"].target, rows["attendance_rate"].target_status) == (
        "target 85.0%", "missed",
    )  # fmt: skip
    assert (rows["nps"].target, rows["nps"].target_status) == ("target 30.0", "met")
    assert rows["revenue"].target is None
    html = render_html(report)
    assert "<th>Target</th>" in html
    assert "✗ target 85.0% · missed" in progress_row(html, "Meeting attendance")
    assert "✓ target 30.0 · met" in progress_row(html, "NPS")
    assert progress_row(html, "Revenue").endswith("<td>—</td></tr>")


def test_a_report_without_targets_has_no_target_column(review):
    with review.engine.connect() as conn:
        report = build_report(
            conn, settings=review.settings, scope=Scope.everything(),
            period=parse_period("2026-Q1"), lang="en", audience="internal",
            clients=("C1",),
        )  # fmt: skip
    assert all(row.target is None for row in report.progress.kpis)
    assert "<th>Target</th>" not in render_html(report)
