"""A report's appendix lists the data-quality checks that fail for its scope:
in an internal report only, never in a client's."""

from __future__ import annotations

import pytest

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports.build import build_report
from dashboard.reports.html import render_html
from tests.dashboard.quality.book import add_quality_book, quality_settings


@pytest.fixture
def book(engine):
    with engine.begin() as conn:
        add_quality_book(conn)
    return engine


def report(engine, audience, scope=None, lang="en", client="C3"):
    with engine.connect() as conn:
        return build_report(
            conn, settings=quality_settings(), scope=scope or Scope.everything(),
            period=parse_period("2026-Q3"), lang=lang, audience=audience,
            clients=(client,),
        )  # fmt: skip


def test_an_internal_report_lists_the_checks_that_fail_for_its_client(book):
    """Gamma (C3): seven checks fail (see tests/callbacks/test_quality_badge.py)."""
    lines = report(book, "internal").appendix.data_issues
    assert len(lines) == 7
    assert lines[0].startswith("Feeds that went quiet: 3 (high); figures affected:")
    assert lines[1] == (
        "Clients without revenue last quarter: 1 (high); figures affected:"
        " Revenue, ARPA, Net revenue retention, Gross revenue retention,"
        " Client lifetime value."
    )
    assert lines[-1] == (
        "Held meetings without objectives: 1 (low); figures affected: Goal achievement."
    )
    html = render_html(report(book, "internal"))
    appendix = html[html.index("<h2>Appendix</h2>") :]
    assert "<h3>Data quality</h3>" in appendix
    assert '<p class="data-quality">Projects without milestones: 1 (high)' in appendix


def test_the_appendix_is_in_chinese_for_a_chinese_report(book):
    lines = report(book, "internal", lang="zh").appendix.data_issues
    assert lines[2] == (
        "没有里程碑的项目：1（高）；受影响的指标：成本绩效（CPI）、进度绩效（SPI）、完工预测。"
    )


def test_a_client_report_has_no_data_quality_section(book):
    found = report(book, "client")
    assert found.appendix.data_issues is None
    html = render_html(found)
    assert "Data quality" not in html and "data-quality" not in html


def test_a_client_facing_scope_never_gets_it(book):
    """Presenting or a client's login: the scope is external, only the client
    report can be built, and it has none."""
    external = Scope.for_client("C3", internal=False)
    assert report(book, "client", scope=external).appendix.data_issues is None


def test_when_every_check_passes_the_internal_report_says_so(engine):
    with engine.begin() as conn:
        add_quality_book(conn)
        conn.exec_driver_sql(
            "INSERT INTO clients (external_id, name, segment, onboarded_on)"
            " VALUES ('C9', 'Zeta', 'smb', '2026-08-01')"
        )
    lines = report(engine, "internal", client="C9").appendix.data_issues
    assert lines == ("All data-quality checks pass.",)
