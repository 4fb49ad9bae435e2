"""The overdue list and its counts as downloaded by a client's own login: only the
items shared with the client, the same rows the page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from data.models import ActionItem
from data.rollups import refresh_rollups
from tests.dashboard.downloads.test_download_files import Q3, csv_rows, xlsx_rows

OVERDUE = "action-items-overdue-table"


@pytest.fixture
def shared_one(app):
    """Of A's items overdue on 08-15 (08-01 and 08-10 ann's, 08-12 bob's) only
    08-01 is shared with the client; the others stay internal."""
    with app.engine.begin() as conn:
        conn.execute(
            update(ActionItem)
            .where(ActionItem.due_on == dt.date(2026, 8, 1))
            .values(visibility="shared")
        )
        # As every writer of the dashboard does, in the write's transaction.
        refresh_rollups(conn, None)
    return app


def due_dates(rows: list[list]) -> list[str]:
    due = rows[0].index("Due date")
    return [str(row[due])[:10] for row in rows[1:]]


def test_a_client_login_downloads_only_the_shared_overdue_items(shared_one, viewer):
    rows = csv_rows(viewer.get(f"/download/{OVERDUE}.csv{Q3}"))
    assert due_dates(rows) == ["2026-08-01"]
    sheet = xlsx_rows(viewer.get(f"/download/{OVERDUE}.xlsx{Q3}"))
    assert due_dates(sheet) == ["2026-08-01"]
    # The counts by owner say what the list holds: one item, ann's.
    owners = csv_rows(viewer.get(f"/download/action-items-overdue-owners.csv{Q3}"))
    assert owners == [["Owner", "Items"], ["ann", "1"]]


def test_an_admin_downloads_every_overdue_item(shared_one, admin):
    rows = csv_rows(admin.get(f"/download/{OVERDUE}.csv{Q3}"))
    assert due_dates(rows) == ["2026-08-01", "2026-08-10", "2026-08-12"]
