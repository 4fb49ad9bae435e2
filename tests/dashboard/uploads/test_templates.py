"""The .xlsx templates: lists and rules read back with openpyxl; the empty one
imports as nothing, filled below its example it imports the rows; the filled
one is the current data and imports back to the same data."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from data.db import make_engine
from data.importer import import_files
from data.importer.contract import ENTITIES
from data.models import AuditEntry, Base, Client, Meeting
from tests.dashboard.uploads.conftest import finished, logged_in, upload
from tests.data.import_helpers import contents, dump, sample_files


def book_of(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.get_data()))


def test_the_empty_template_has_lists_rules_and_a_marked_example(app):
    book = book_of(logged_in(app, "admin").get("/data/template.xlsx"))
    assert book.sheetnames == [entity.name for entity in ENTITIES]
    clients = book["clients"]
    assert [c.value for c in clients[1]] == [
        "external_id", "name", "segment", "industry", "region", "owner",
        "onboarded_on", "churned_on", "churn_reason",
    ]  # fmt: skip
    assert clients["A1"].comment.text.startswith(
        "Row 2 is an example. The import skips it as long as it is unchanged"
    )
    assert clients["C1"].comment.text == (
        "Required. One of: enterprise, mid_market, smb."
    )
    assert clients["B1"].comment.text == "Required. Text, at most 200 characters."
    assert clients["H1"].comment.text == (
        "Optional; may be empty. A date: a date cell, or text YYYY-MM-DD."
    )
    # The example's dates are real date cells.
    assert clients["G2"].value == dt.datetime(2025, 1, 15)
    assert clients["G2"].is_date
    lists = {str(v.sqref): v.formula1 for v in clients.data_validations.dataValidation}
    assert lists == {"C2:C1048576": '"enterprise,mid_market,smb"'}
    meetings = book["meetings"]
    lists = {str(v.sqref): v.formula1 for v in meetings.data_validations.dataValidation}
    assert lists == {
        "C2:C1048576": '"qbr,monthly_review,weekly_sync,workshop,escalation"',
        "F2:F1048576": '"scheduled,held,cancelled,no_show"',
    }
    assert meetings["B1"].comment.text == (
        "Required. The external_id of a row of clients (in this upload or"
        " already imported)."
    )
    assert meetings["E1"].comment.text == "Required. A whole number. At least 0."
    assert book["projects"]["F1"].comment.text == (
        "Required. An amount: '.' as decimal point, at most 2 decimals. Greater than 0."
    )


def test_the_template_speaks_chinese(app):
    book = book_of(logged_in(app, "admin").get("/data/template.xlsx?lang=zh"))
    assert book["clients"]["C1"].comment.text == (
        "必填。 取值之一：enterprise, mid_market, smb。"
    )
    assert book["clients"]["A1"].comment.text.startswith("第 2 行是示例。")


def _filled_by_a_user(template: bytes) -> bytes:
    """The template as someone fills it in Excel: rows below the example, dates
    as date cells, the example left alone."""
    book = load_workbook(io.BytesIO(template))
    book["clients"].append(
        [
            "C-100",
            "Delta AG",
            "enterprise",
            None,
            "EMEA",
            "Ann",
            dt.datetime(2025, 3, 1),
        ]
    )
    book["meetings"].append(
        ["M-100", "C-100", "qbr", dt.datetime(2025, 4, 2, 10, 0), 60, "held", 50]
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_unchanged_template_counts_nothing_and_a_filled_one_imports(app):
    browser = logged_in(app, "admin")
    template = browser.get("/data/template.xlsx").get_data()
    run = upload(browser, {"template.xlsx": template})
    html = finished(browser, int(re.search(r"/(\d+)\?", run.headers["Location"])[1]))
    assert 'data-status="done"' in html
    assert '<td class="text-end">0</td>' in html
    assert re.search(r"Total</th><td class=\"text-end\">0</td>", html)

    run = upload(browser, {"filled.xlsx": _filled_by_a_user(template)})
    dry_id = int(re.search(r"/(\d+)\?", run.headers["Location"])[1])
    html = finished(browser, dry_id)
    assert 'data-status="done"' in html
    assert re.search(r"Total</th><td class=\"text-end\">2</td>", html)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)[1]
    done = browser.post(f"/data/upload/{dry_id}/import", data={"csrf_token": token})
    html = finished(browser, int(re.search(r"/(\d+)\?", done.headers["Location"])[1]))
    assert 'data-status="done"' in html
    with app.engine.connect() as conn:
        assert conn.scalar(
            select(Client.onboarded_on).where(Client.external_id == "C-100")
        ) == dt.date(2025, 3, 1)
        assert conn.scalar(select(Meeting.scheduled_start)) == dt.datetime(
            2025, 4, 2, 10, 0
        )
        assert (
            conn.scalar(select(Client.id).where(Client.external_id.like("EXAMPLE%")))
            is None
        )


def test_the_filled_template_is_the_current_data_and_imports_back(app, tmp_path):
    import_files(app.engine, sample_files(), timezone="UTC")
    response = logged_in(app, "admin").get("/data/export.xlsx")
    book = book_of(response)
    assert book["clients"].max_row == 1 + 4 + 3  # header, sample, C1-C3
    assert (
        book["clients"]["A1"].comment.text == "Required. Text, at most 64 characters."
    )
    copy = make_engine(f"sqlite:///{tmp_path / 'copy.db'}")
    Base.metadata.create_all(copy)
    import_files(copy, {"current.xlsx": response.get_data()}, timezone="UTC")
    assert contents(copy) == contents(app.engine)
    with app.engine.connect() as conn:
        detail = conn.scalar(
            select(AuditEntry.detail).where(AuditEntry.action == "export")
        )
    assert (
        detail == "upload template with the current data rows=60"
    )  # 57 sample rows and C1-C3


def test_downloading_a_template_writes_nothing(app):
    before = dump(app.engine)
    logged_in(app, "admin").get("/data/template.xlsx")
    assert dump(app.engine) == before
