"""Finalising the same report at once from several threads numbers each copy once."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select

from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.reports.build import build_report
from dashboard.reports.commentary import ReportKey
from dashboard.reports.html import render_html
from dashboard.reports.snapshots import finalise, history
from data.db import upgrade
from data.models.reports import ReportSnapshot
from tests.dashboard.reports.book import SETTINGS, add_report_book

THREADS = 6


def test_concurrent_finalises_get_distinct_versions(empty_engine):
    upgrade(empty_engine)
    with empty_engine.begin() as conn:
        add_report_book(conn)
    with empty_engine.connect() as conn:
        report = build_report(
            conn, settings=SETTINGS, scope=Scope.everything(),
            period=parse_period("2026-Q3"), lang="en", audience="client",
            clients=("K1",), owner=None,
        )  # fmt: skip
    key = ReportKey("K1", "2026-Q3", "client", "en")
    html = render_html(report)
    start = threading.Barrier(THREADS)
    ids: list[int] = []
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            start.wait()
            ids.append(
                finalise(
                    empty_engine,
                    key,
                    report,
                    html,
                    by=f"user{n}",
                    at=dt.datetime(2026, 8, 15, 9, n),
                )  # fmt: skip
            )
        except BaseException as exc:  # noqa: BLE001 - reported by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with empty_engine.connect() as conn:
        versions = conn.execute(select(ReportSnapshot.version)).scalars().all()
    assert sorted(versions) == list(range(1, THREADS + 1))
    assert len(set(ids)) == THREADS
    newest = history(empty_engine, "K1", Scope.everything())
    assert [s.created_at.minute for s in newest] == list(range(THREADS - 1, -1, -1))
