"""A client-audience report lists and counts only the action items shared with
the client, whoever renders it; the internal report has them all."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from dashboard.kernel.scope import Scope
from dashboard.reports.html import render_body
from data.models import Client
from tests.dashboard.reports.book import add_report_book
from tests.dashboard.reports.test_build import report_for
from tests.factories import add_action_item

D = dt.date
INTERNAL_TITLE = "Draft the renewal proposal"


@pytest.fixture
def book(engine):
    """The report book, plus an internal item of K1 overdue since 08-12."""
    with engine.begin() as conn:
        add_report_book(conn)
        k1 = conn.execute(
            select(Client.id).where(Client.external_id == "K1")
        ).scalar_one()
        add_action_item(
            conn, k1, D(2026, 8, 12), created_on=D(2026, 8, 1), owner="ann",
            title=INTERNAL_TITLE,
        )  # fmt: skip
    return engine


def text(report) -> str:
    return re.sub(r"<[^>]+>", " ", str(render_body(report)))


def test_a_client_report_rendered_by_an_admin_leaves_internal_items_out(book):
    report = report_for(book, audience="client", scope=Scope.everything())
    # Shared: 09-01 (not yet due) first, then 08-01 (overdue).
    assert [a.due for a in report.next_steps.actions] == [
        "Sep 1, 2026",
        "Aug 1, 2026",
    ]
    body = text(report)
    assert INTERNAL_TITLE not in body
    assert "Shared items only." in body
    # The count the problem states is the list's: one overdue shared item.
    overdue = next(p for p in report.problems if p.rule == "overdue_items")
    assert overdue.text == "Open overdue action items: 1."
    assert [a.due for a in overdue.actions] == ["Aug 1, 2026"]


def test_a_client_logins_report_is_the_same(book):
    viewer = Scope.for_client("K1")
    report = report_for(book, audience="client", scope=viewer)
    assert INTERNAL_TITLE not in text(report)
    assert len(report.next_steps.actions) == 2


def test_the_internal_report_lists_every_item_without_the_note(book):
    report = report_for(book, audience="internal", scope=Scope.everything())
    # Not yet due 09-01, then overdue most recently due first: 08-12, 08-01.
    assert [a.title for a in report.next_steps.actions] == [
        "Review the NPS feedback with the client",
        INTERNAL_TITLE,
        "Agree new dates for the Rollout",
    ]
    body = text(report)
    assert INTERNAL_TITLE in body and "Shared items only." not in body
    overdue = next(p for p in report.problems if p.rule == "overdue_items")
    assert overdue.text == "Open overdue action items: 2."
