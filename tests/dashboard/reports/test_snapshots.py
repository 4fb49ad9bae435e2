"""Finalised copies: numbered once each even when finalised at once from several
threads, and listed on the client's page within the viewer's scope."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

from sqlalchemy import select

from callbacks.client_page import client_page_layout
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.urlstate import parse_query
from dashboard.reports.build import build_report
from dashboard.reports.commentary import ReportKey
from dashboard.reports.html import render_html
from dashboard.reports.snapshots import finalise, history
from dashboard.services import Services
from data.db import upgrade
from data.models.reports import ReportSnapshot
from layouts import ids
from tests.components import find, links_of, text_of
from tests.dashboard.reports.book import SETTINGS, add_report_book

THREADS = 6


def book_report(engine, audience: str = "client"):
    """K1's 2026-Q3 report of the report book, its key and its HTML."""
    with engine.connect() as conn:
        report = build_report(
            conn, settings=SETTINGS, scope=Scope.everything(),
            period=parse_period("2026-Q3"), lang="en", audience=audience,
            clients=("K1",), owner=None,
        )  # fmt: skip
    return ReportKey("K1", "2026-Q3", audience, "en"), report, render_html(report)


def test_concurrent_finalises_get_distinct_versions(empty_engine):
    upgrade(empty_engine)
    with empty_engine.begin() as conn:
        add_report_book(conn)
    key, report, html = book_report(empty_engine)
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


def test_the_client_page_lists_the_history_within_the_scope(empty_engine):
    upgrade(empty_engine)
    with empty_engine.begin() as conn:
        add_report_book(conn)
    made = {}
    for minute, audience in ((0, "client"), (5, "internal"), (10, "client")):
        key, report, html = book_report(empty_engine, audience)
        made[minute] = finalise(
            empty_engine, key, report, html, by="ann",
            at=dt.datetime(2026, 8, 15, 9, minute),
        )  # fmt: skip
    services = Services(SETTINGS, empty_engine)

    def listed(scope: Scope) -> list[tuple[str, str]]:
        viewer = dataclasses.replace(services, scope_override=scope)
        page = client_page_layout(viewer, "K1", parse_query(""))
        return links_of(find(page, ids.CLIENT_REPORT_HISTORY))

    first = "2026-Q3 · for the client · en · version 1, finalised by ann on"
    assert listed(Scope.everything()) == [
        (
            "2026-Q3 · for the client · en · version 2, finalised by ann on"
            " Aug 15, 2026 09:10 (UTC)",
            f"/report/snapshots/{made[10]}",
        ),
        (
            "2026-Q3 · internal · en · version 1, finalised by ann on"
            " Aug 15, 2026 09:05 (UTC)",
            f"/report/snapshots/{made[5]}",
        ),
        (first + " Aug 15, 2026 09:00 (UTC)", f"/report/snapshots/{made[0]}"),
    ]
    client_view = [href for _, href in listed(Scope.for_client("K1"))]
    assert client_view == [
        f"/report/snapshots/{made[10]}",
        f"/report/snapshots/{made[0]}",
    ]
    page = client_page_layout(services, "K2", parse_query(""))
    assert "No finalised reports yet." in text_of(find(page, ids.CLIENT_REPORT_HISTORY))
