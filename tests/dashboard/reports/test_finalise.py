"""Comments and Finalise on the report page: who may, what is kept, what changed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import select

from dashboard.auth.audit import recent
from data.models import Client
from data.models.reports import ReportSnapshot
from tests.dashboard.auth.conftest import make_auth_app
from tests.dashboard.auth.test_presenting import session_csrf
from tests.dashboard.auth.test_presenting_lock import presenting
from tests.factories import add_invoice
from tests.login import log_in

REPORT = {"client": "C1", "period": "2026-Q3", "lang": "en", "audience": "client"}
REVENUE_ROW = "<tr><td>Revenue</td><td>$1,500.00</td><td>$2,000.00</td></tr>"


@pytest.fixture
def auth_app(empty_engine):
    """C1 Alpha Ltd with one invoice of $1,500 on 2026-07-05 (P = 2026-Q3)."""
    app = make_auth_app(empty_engine, as_of=dt.date(2026, 8, 15))
    with app.engine.begin() as conn:
        add_invoice(conn, _client_id(conn, "C1"), dt.date(2026, 7, 5), 150_000)
    return app


def _client_id(conn, external_id: str) -> int:
    return conn.execute(
        select(Client.id).where(Client.external_id == external_id)
    ).scalar_one()


def browser(auth_app, username: str):
    client = auth_app.client()
    log_in(client, username)
    return client


def post(auth_app, browser_, path: str, **fields: str):
    data = {**REPORT, "csrf_token": session_csrf(auth_app, browser_), **fields}
    return browser_.post(path, data=data)


def finalised_id(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(re.fullmatch(r".*/report/snapshots/(\d+)", response.location)[1])


def test_finalise_keeps_the_report_and_lists_what_changed(auth_app):
    manager = browser(auth_app, "manager")
    snapshot_id = finalised_id(post(auth_app, manager, "/report/finalise"))
    stored = manager.get(f"/report/snapshots/{snapshot_id}.html")
    assert stored.status_code == 200
    assert "<td>Revenue</td><td>$1,500.00</td>" in stored.get_data(as_text=True)
    with auth_app.engine.begin() as conn:
        add_invoice(conn, _client_id(conn, "C1"), dt.date(2026, 7, 10), 50_000)
    assert "$2,000.00" in manager.get("/report?client=C1").get_data(as_text=True)
    again = manager.get(f"/report/snapshots/{snapshot_id}.html")
    assert again.get_data() == stored.get_data()
    page = manager.get(f"/report/snapshots/{snapshot_id}").get_data(as_text=True)
    assert REVENUE_ROW in page
    assert "Finalised by manager on Aug 15, 2026 09:00 (UTC) (version 1)" in page
    body = stored.get_data(as_text=True).split("<body>", 1)[1]
    assert page.endswith(body)
    entry = recent(auth_app.engine.connect(), action="report_finalised")[0]
    assert entry.username == "manager"
    assert entry.detail == (
        "client=C1 period=2026-Q3 audience=client lang=en version=1"
    )
    second = finalised_id(post(auth_app, manager, "/report/finalise"))
    page = manager.get(f"/report/snapshots/{second}").get_data(as_text=True)
    assert "(version 2)" in page and "No figure has changed since." in page


def test_comments_are_escaped_kept_and_finalised(auth_app):
    am = browser(auth_app, "am")
    text = "<script>alert(1)</script> & we\nsigned off"
    saved = post(auth_app, am, "/report/comments", summary=text, problems="")
    assert saved.status_code == 303
    page = am.get("/report?client=C1&period=2026-Q3").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; we<br>signed off</p>" in page
    snapshot_id = finalised_id(post(auth_app, am, "/report/finalise"))
    with auth_app.engine.connect() as conn:
        html = conn.execute(
            select(ReportSnapshot.html).where(ReportSnapshot.id == snapshot_id)
        ).scalar_one()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; we<br>signed off" in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 2001, "A comment has at most 2000 characters."),
        ("bell \x07", "contains a control character (U+0007)"),
        ("\u202egnp.exe", "A comment cannot hold control characters."),
    ],
)
def test_a_bad_comment_is_refused_and_changes_nothing(auth_app, text, message):
    manager = browser(auth_app, "manager")
    assert post(auth_app, manager, "/report/comments", progress="fine").status_code
    refused = post(auth_app, manager, "/report/comments", progress=text)
    assert refused.status_code == 400
    assert message in refused.get_data(as_text=True)
    page = manager.get("/report?client=C1&period=2026-Q3").get_data(as_text=True)
    assert "<p>fine</p>" in page
    assert post(auth_app, manager, "/report/comments", progress="x" * 2000)
    page = manager.get("/report?client=C1&period=2026-Q3").get_data(as_text=True)
    assert "x" * 2000 + "</p>" in page


def test_a_client_viewer_cannot_comment_finalise_or_open_others(auth_app):
    manager = browser(auth_app, "manager")
    internal = finalised_id(
        post(auth_app, manager, "/report/finalise", audience="internal")
    )
    own = finalised_id(post(auth_app, manager, "/report/finalise", client="C2"))
    viewer = browser(auth_app, "client")
    page = viewer.get("/report").get_data(as_text=True)
    assert "Finalise" not in page and "csrf_token" not in page
    for path in ("/report/comments", "/report/finalise"):
        assert post(auth_app, viewer, path, client="C2").status_code == 403
        assert post(auth_app, viewer, path).status_code == 404
    for forged in (internal, own + 1, 0):
        assert viewer.get(f"/report/snapshots/{forged}").status_code == 404
        assert viewer.get(f"/report/snapshots/{forged}.html").status_code == 404
    assert viewer.get(f"/report/snapshots/{own}").status_code == 200
    with auth_app.engine.connect() as conn:
        assert conn.execute(select(ReportSnapshot.id)).scalars().all() == [
            internal,
            own,
        ]


def test_an_account_manager_cannot_open_another_books_snapshot(auth_app):
    manager = browser(auth_app, "manager")
    gamma = finalised_id(post(auth_app, manager, "/report/finalise", client="C3"))
    am = browser(auth_app, "am")
    assert am.get(f"/report/snapshots/{gamma}").status_code == 404
    assert post(auth_app, am, "/report/finalise", client="C3").status_code == 404


def test_a_post_without_the_token_is_refused(auth_app):
    manager = browser(auth_app, "manager")
    refused = manager.post("/report/finalise", data=REPORT)
    assert refused.status_code == 403
    with auth_app.engine.connect() as conn:
        assert conn.execute(select(ReportSnapshot.id)).first() is None


def test_the_pdf_download_keeps_the_scope_and_says_when_chromium_is_missing(
    auth_app, monkeypatch
):
    viewer = browser(auth_app, "client")
    assert viewer.get("/report.pdf?client=C1&period=2026-Q3").status_code == 404
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    missing = viewer.get("/report.pdf?period=2026-Q3")
    assert missing.status_code == 503
    assert missing.get_data(as_text=True) == (
        "PDF output needs Chromium on the server.\n"
    )


def test_the_report_and_a_finalised_copy_download_as_pdf(auth_app):
    manager = browser(auth_app, "manager")
    page = manager.get("/report?client=C1&period=2026-Q3").get_data(as_text=True)
    assert (
        '<a href="/report.pdf?client=C1&amp;period=2026-Q3&amp;lang=en&amp;'
        'audience=client">Download PDF</a>'
    ) in page
    pdf = manager.get("/report.pdf?client=C1&period=2026-Q3")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.get_data().startswith(b"%PDF-")
    snapshot_id = finalised_id(post(auth_app, manager, "/report/finalise"))
    copy = manager.get(f"/report/snapshots/{snapshot_id}.pdf")
    assert copy.headers["Content-Type"] == "application/pdf"
    assert copy.headers["Content-Disposition"] == (
        'attachment; filename="C1-2026-Q3-client-v1.pdf"'
    )


def test_presenting_shows_no_tools_and_no_internal_copy(auth_app):
    manager = browser(auth_app, "am")
    internal = finalised_id(
        post(auth_app, manager, "/report/finalise", audience="internal")
    )
    shared = finalised_id(post(auth_app, manager, "/report/finalise"))
    screen = presenting(auth_app, "am", "C1")
    page = screen.get("/report").get_data(as_text=True)
    assert "<p>Alpha Ltd · " in page and "Finalise" not in page
    assert post(auth_app, screen, "/report/finalise").status_code == 403
    assert post(auth_app, screen, "/report/comments", summary="x").status_code == 403
    assert screen.get(f"/report/snapshots/{internal}").status_code == 404
    assert screen.get(f"/report/snapshots/{shared}").status_code == 200


def test_a_finalised_copy_opens_in_the_apps_theme(auth_app):
    manager = browser(auth_app, "manager")
    snapshot_id = finalised_id(post(auth_app, manager, "/report/finalise"))
    path = f"/report/snapshots/{snapshot_id}"
    dark = manager.get(path + "?theme=dark").get_data(as_text=True)
    assert dark.startswith('<!DOCTYPE html><html data-bs-theme="dark" lang="en">')
    light = manager.get(path).get_data(as_text=True)
    assert light.startswith('<!DOCTYPE html><html lang="en">')
    # The stored copy is the same whatever theme it was finalised or opened in.
    stored = manager.get(path + ".html").get_data(as_text=True)
    assert stored.startswith('<!DOCTYPE html><html lang="en"><head>')


def test_saving_comments_goes_back_in_the_pages_language_and_theme(auth_app):
    am = browser(auth_app, "am")
    page = am.get("/report?client=C1&period=2026-Q3&lang=zh&theme=dark")
    html = page.get_data(as_text=True)
    # Both forms carry the page's theme (and its language, the report's own).
    assert html.count('<input type="hidden" name="theme" value="dark">') == 2
    assert html.count('<input type="hidden" name="lang" value="zh">') == 2
    saved = post(
        auth_app, am, "/report/comments", summary="ok", lang="zh", theme="dark"
    )
    assert saved.status_code == 303
    assert saved.location.endswith(
        "/report?client=C1&period=2026-Q3&lang=zh&audience=client&theme=dark"
    )
    light = post(auth_app, am, "/report/comments", summary="ok")
    assert light.location.endswith(
        "/report?client=C1&period=2026-Q3&lang=en&audience=client"
    )
    finalised = post(auth_app, am, "/report/finalise", theme="dark")
    assert re.fullmatch(r".*/report/snapshots/\d+\?theme=dark", finalised.location)
