"""Who may download what: the viewer's scope only, forged keys and queries
refused, presenting limited to the presented client, each download audited."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

import dashboard.downloads
from data.models.auth import AuditEntry
from tests.dashboard.auth.test_presenting import session_csrf

Q3 = "?period=2026-Q3"
ATTENDANCE = "/download/meetings-attendance-clients.csv" + Q3
HEADER = ["ID", "Name", "Meetings held", "Invited", "Attended"]


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))


def downloads_audited(app) -> list[tuple]:
    with app.engine.connect() as conn:
        found = conn.execute(
            select(AuditEntry.username, AuditEntry.detail)
            .where(AuditEntry.action == "export")
            .order_by(AuditEntry.id)
        ).all()
    return [tuple(row) for row in found]


def test_an_insider_gets_every_client_of_the_filters(admin):
    # A: 1 held, 2 invited, 1 attended; B: its QBR, 1 of 1.
    assert rows_of(admin.get(ATTENDANCE)) == [
        HEADER,
        ["A", "Acme", "1", "2", "1"],
        ["B", '\'=HYPERLINK("http://evil.example","click")', "1", "1", "1"],
    ]


def test_a_client_viewer_gets_only_its_client(viewer):
    response = viewer.get(ATTENDANCE)
    assert response.status_code == 200
    assert rows_of(response) == [HEADER, ["A", "Acme", "1", "2", "1"]]


def test_a_client_viewer_naming_another_client_is_refused(viewer):
    response = viewer.get(ATTENDANCE + "&client=B")
    assert response.status_code == 400
    assert "B" in response.get_data(as_text=True)


def test_presenting_downloads_only_the_presented_client(app, admin):
    started = admin.post(
        "/presenting/start",
        data={"client": "A", "csrf_token": session_csrf(app, admin)},
    )
    assert started.status_code == 303
    response = admin.get(ATTENDANCE)
    assert response.status_code == 200
    assert rows_of(response) == [HEADER, ["A", "Acme", "1", "2", "1"]]
    assert admin.get(ATTENDANCE + "&client=B").status_code == 400


def test_a_download_needs_a_login(app):
    response = app.server.test_client().get(ATTENDANCE)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    ("address", "status"),
    [
        ("/download/no-such-chart.csv" + Q3, 404),
        ("/download/churn-reasons.pdf" + Q3, 404),
        ("/download/churn-reasons" + Q3, 404),
        ("/download/../churn-reasons.csv" + Q3, 404),
        ("/download/churn-reasons.csv?period=2026-Q9", 400),
        ("/download/churn-reasons.csv?period=2027-Q1", 400),
        ("/download/churn-reasons.csv?client=ZZZ", 400),
        ("/download/churn-reasons.csv?owner=nobody", 400),
        ("/download/churn-reasons.csv?segment=%01", 400),
    ],
)
def test_forged_addresses_are_refused_with_one_line(app, admin, address, status):
    response = admin.get(address)
    assert response.status_code == status
    body = response.get_data(as_text=True)
    assert body.count("\n") == 1 and "Traceback" not in body
    assert downloads_audited(app) == []


def test_each_download_is_audited_with_who_what_filters_and_rows(app, admin, viewer):
    admin.get("/download/churn-reasons.xlsx" + Q3 + "&segment=smb")
    viewer.get(ATTENDANCE)
    admin.get("/download/no-such-chart.csv")
    assert downloads_audited(app) == [
        (
            "admin",
            "download chart=churn-reasons.xlsx period=2026-Q3 clients=*"
            " segment=smb region=* owner=* rows=1",
        ),
        (
            "viewer",
            "download chart=meetings-attendance-clients.csv period=2026-Q3"
            " clients=* segment=* region=* owner=* rows=1",
        ),
    ]


def test_a_database_failure_answers_503(admin, monkeypatch):
    def down(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("gone"))

    monkeypatch.setattr(dashboard.downloads, "chart_frame", down)
    response = admin.get(ATTENDANCE)
    assert response.status_code == 503
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_client_viewer_gets_no_churn_chart_or_risk_band(viewer, admin):
    for chart in ("churn-trend", "churn-reasons", "churn-segments", "churn-at-risk"):
        assert viewer.get(f"/download/{chart}.csv" + Q3).status_code == 404
        assert admin.get(f"/download/{chart}.csv" + Q3).status_code == 200
    # The relationship health tab's own charts stay downloadable.
    trend = viewer.get("/download/meetings-attendance-trend.csv" + Q3)
    assert trend.status_code == 200
