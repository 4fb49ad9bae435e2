"""/admin/audit: admins see the newest entries, escaped and filterable; others 403."""

from __future__ import annotations

import datetime as dt

from dashboard.auth import audit
from tests.login import log_in


def test_only_admins_see_the_audit_log(auth_app):
    for name in ("manager", "am", "client"):
        client = auth_app.client()
        log_in(client, name)
        assert client.get("/admin/audit").status_code == 403, name


def test_entries_are_listed_newest_first_escaped_and_filtered(auth_app):
    with auth_app.engine.begin() as conn:
        for minute in range(3):
            audit.record(
                conn,
                "export",
                at=dt.datetime(2026, 8, 1, 10, minute),
                username="am",
                detail=f"<b>file {minute}</b>",
            )
    client = auth_app.client()
    log_in(client, "admin")  # one more entry: login at 2026-08-15 09:00
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "<b>file" not in page
    positions = [
        page.index(text)
        for text in (
            "2026-08-15 09:00:00",
            "&lt;b&gt;file 2&lt;/b&gt;",
            "&lt;b&gt;file 1&lt;/b&gt;",
            "&lt;b&gt;file 0&lt;/b&gt;",
        )
    ]
    assert positions == sorted(positions)
    assert "Entries shown: 4 (newest first" in page
    exports = client.get("/admin/audit?action=export").get_data(as_text=True)
    assert "Entries shown: 3 (newest first" in exports
    assert "2026-08-15 09:00:00" not in exports
    chinese = client.get("/admin/audit?lang=zh").get_data(as_text=True)
    assert "审计日志" in chinese and "显示的记录：4 条" in chinese
