"""The data-quality summary the import command prints (and the upload page can
show): every failing check with its count, and what changed since before."""

from __future__ import annotations

from dashboard.kernel.scope import Scope
from dashboard.quality.summary import quality_now, summary_lines
from tests.dashboard.quality.book import add_quality_book, quality_settings


def test_the_summary_counts_and_compares_in_either_language(engine):
    settings = quality_settings()
    before = quality_now(engine, settings).counts
    assert set(before.values()) == {0}
    with engine.begin() as conn:
        add_quality_book(conn)
    after = quality_now(engine, settings, scope=Scope.for_owner("Bob"))
    lines = summary_lines(after, "en", before)
    # Bob's C3, C4, C5 (book.py): his meetings (newest M3, Jun 1), spend (P4,
    # Mar 1) and action items (2024) are quiet, his clients have no invoice at
    # all (no rows: not quiet); C3 has no revenue in Q2; P4 has no milestone
    # and spends after its end; M3 has no attendee and no objectives; A4 is
    # old. No survey is missing (C4 is new, C5 gone), no name is shared among
    # his clients, A3 without an owner is done.
    assert lines[0] == "Data quality: 7 of 10 checks fail."
    assert lines[1:3] == [
        "high · Feeds that went quiet: 0 → 3",
        "high · Clients without revenue last quarter: 0 → 1",
    ]
    zh = summary_lines(after, "zh")
    assert zh[0] == "数据质量：10 项检查中有 7 项未通过。"
    assert zh[4] == "中 · 没有客户方参会人的已举行会议：1"
    assert len(zh) == 8
