"""/data/upload, the runs, /data/imports: dry run then import, refusals, the size
limit, who may reach them (forged requests included)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from html import unescape

import pytest
from sqlalchemy import select

from dashboard.auth.csrf import token_for
from dashboard.auth.sessions import token_hash
from dashboard.kernel.quality_text import CHECKS
from dashboard.quality.summary import quality_of_counts, summary_lines
from data.importer import import_files
from data.models import AuditEntry, ImportRun
from data.version import data_version
from tests.dashboard.uploads.conftest import finished, logged_in, upload
from tests.data.import_helpers import contents, dump, sample_files
from tests.data.importer.test_files import workbook

RUN_LOCATION = re.compile(r"/data/upload/(\d+)\?")


def run_id_of(response) -> int:
    assert response.status_code == 303, response.get_data(as_text=True)
    return int(RUN_LOCATION.search(response.headers["Location"]).group(1))


def counts_row(html: str, entity: str) -> list[int]:
    row = re.search(rf'<tr data-entity="{entity}">(.*?)</tr>', html, re.S).group(1)
    return [int(v) for v in re.findall(r'<td class="text-end">(\d+)</td>', row)]


def token(app, browser) -> str:
    with app.server.test_request_context():
        return token_for(token_hash(browser.get_cookie("crd_session").value))


def audit_details(engine) -> list[str]:
    with engine.connect() as conn:
        return list(
            conn.scalars(
                select(AuditEntry.detail)
                .where(AuditEntry.action == "import")
                .order_by(AuditEntry.id)
            )
        )


def test_dry_run_writes_nothing_then_import_writes_what_it_counted(
    app, upload_dir, tmp_path
):
    browser = logged_in(app, "admin")
    before = dump(app.engine)
    files = sample_files()
    files["clients.csv"] = b"\xef\xbb\xbf" + files["clients.csv"]  # Excel's BOM
    dry_id = run_id_of(upload(browser, files))
    html = finished(browser, dry_id)
    assert 'data-status="done"' in html
    # data/sample: 4 clients, 10 attendees; the test app already holds C1-C3.
    assert counts_row(html, "clients") == [4, 4, 0, 0, 0]
    assert counts_row(html, "attendees") == [10, 10, 0, 0, 0]
    assert dump(app.engine) == before
    assert len(list(upload_dir.iterdir())) == 1  # kept for the import

    page = browser.post(
        f"/data/upload/{dry_id}/import", data={"csrf_token": token(app, browser)}
    )
    import_id = run_id_of(page)
    html = finished(browser, import_id)
    assert 'data-status="done"' in html
    assert counts_row(html, "clients") == [4, 4, 0, 0, 0]
    # What the import did to the data-quality checks, written with the import.
    assert '<section id="run-quality"' in html
    assert "Data quality: " in html and 'href="/data/quality?' in html
    with app.engine.connect() as conn:
        stored = conn.scalar(select(ImportRun.quality).where(ImportRun.id == import_id))
    quality = json.loads(stored)
    assert set(quality["before"]) == set(quality["after"]) == set(CHECKS)
    # The page writes each failing check, with its count before → after.
    lines = summary_lines(quality_of_counts(quality["after"]), "en", quality["before"])
    assert all(unescape(line) in unescape(html) for line in lines)
    assert emptied(upload_dir)  # files deleted after the import
    # The same data as the command line's import of the same files.
    expected = make_reference(tmp_path)
    assert contents(app.engine)["meetings"] == contents(expected)["meetings"]
    assert contents(app.engine)["attendees"] == contents(expected)["attendees"]

    again = browser.post(
        f"/data/upload/{dry_id}/import", data={"csrf_token": token(app, browser)}
    )
    assert again.status_code == 409
    assert "This dry run was already imported." in again.get_data(as_text=True)

    history = browser.get("/data/imports").get_data(as_text=True)
    assert f'<tr data-run="{import_id}">' in history
    assert f'<tr data-run="{dry_id}">' in history
    assert "57 / 0 / 0 / 0" in history
    details = audit_details(app.engine)
    assert details[0].startswith(f"upload run {dry_id} received acquisition_spend.csv")
    assert details[1].startswith(f"upload run {dry_id} dry run of ")
    assert details[1].endswith(
        "would write inserted 57, updated 0, unchanged 0, deleted 0"
    )
    assert details[2].endswith("wrote inserted 57, updated 0, unchanged 0, deleted 0")


def emptied(folder, seconds: float = 10) -> bool:
    """Whether the folder is (or soon becomes) empty: a run deletes its files
    just after it commits."""
    deadline = time.monotonic() + seconds
    while list(folder.iterdir()):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def make_reference(tmp_path):
    from data.db import make_engine
    from data.models import Base

    engine = make_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    Base.metadata.create_all(engine)
    import_files(engine, sample_files(), timezone="UTC")
    return engine


BAD_BOOK = workbook(
    {
        "clients": [
            ["external_id", "name", "segment", "onboarded_on"],
            ["C1", "Alpha renamed", "smb", dt.datetime(2024, 1, 1)],
            ["C9", "Zeta", "huge", dt.datetime(2024, 2, 1)],
            ["C10", "Eta", "smb", "2024-02-30"],
            ["C11", "Theta", "tiny", dt.datetime(2024, 3, 1)],
        ]
    }
)


def test_a_bad_workbook_is_refused_and_the_database_stays_byte_for_byte(
    app, upload_dir
):
    browser = logged_in(app, "admin")
    import_files(app.engine, sample_files(), timezone="UTC")
    before = dump(app.engine)
    run_id = run_id_of(upload(browser, {"crm.xlsx": BAD_BOOK}))
    html = finished(browser, run_id)
    assert 'data-status="refused"' in html
    assert "Problems (3)" in html
    assert "&#39;huge&#39; is not one of enterprise, mid_market, smb" in html
    assert 'id="import-run"' not in html
    # C1 was renamed in the workbook's valid row: not written either.
    assert dump(app.engine) == before
    with app.engine.connect() as conn:
        assert data_version(conn) == 1
    assert list(upload_dir.iterdir()) == []

    # Sorted by message, descending: 'tiny', 'huge', then the date.
    page = browser.get(f"/data/upload/{run_id}?sort=message&order=desc")
    rows = re.findall(r"<td>('[^<]*)</td></tr>", unescape(page.get_data(as_text=True)))
    assert [r.split(" ")[0] for r in rows] == ["'tiny'", "'huge'", "'2024-02-30'"]
    page = browser.get(f"/data/upload/{run_id}?sort=line&order=asc")
    rows = re.findall(r"<td>('[^<]*)</td></tr>", unescape(page.get_data(as_text=True)))
    assert [r.split(" ")[0] for r in rows] == ["'huge'", "'2024-02-30'", "'tiny'"]

    # Formula-like texts escaped as in every export: a leading apostrophe doubles.
    download = browser.get(f"/data/upload/{run_id}/problems.csv")
    assert download.status_code == 200
    lines = download.get_data().decode("utf-8-sig").splitlines()
    assert lines == [
        "file,unit,row,column,message",
        '"crm.xlsx, sheet clients",row,3,segment,'
        "\"''huge' is not one of enterprise, mid_market, smb\"",
        '"crm.xlsx, sheet clients",row,4,onboarded_on,'
        "''2024-02-30' is not a real calendar date",
        '"crm.xlsx, sheet clients",row,5,segment,'
        "\"''tiny' is not one of enterprise, mid_market, smb\"",
    ]
    assert audit_details(app.engine)[-1].endswith(
        "refused, 3 problem(s), nothing written"
    )


def test_an_upload_over_the_limit_is_refused_with_413_and_nothing_kept(app, upload_dir):
    browser = logged_in(app, "admin")
    big = b"external_id,name\n" + b"x" * (1024 * 1024 + 10)
    response = upload(browser, {"clients.csv": big}, lang="zh")
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "上传的文件太大" in html
    assert "1 MB" in html
    assert list(upload_dir.iterdir()) == []
    with app.engine.connect() as conn:
        assert conn.scalars(select(ImportRun.id)).all() == []


def test_no_file_chosen_is_a_clear_message(app, upload_dir):
    browser = logged_in(app, "admin")
    response = upload(browser, {})
    assert response.status_code == 400
    assert "Choose one or more .csv files" in response.get_data(as_text=True)
    assert list(upload_dir.iterdir()) == []


def test_a_folder_keeps_its_csv_files_only(app, upload_dir):
    browser = logged_in(app, "admin")
    files = {f"sample/{n}": c for n, c in sample_files().items()}
    files["sample/README.txt"] = b"notes"
    files[""] = b""  # the other field, with no file chosen
    run_id = run_id_of(upload(browser, files))
    with app.engine.connect() as conn:
        stored = conn.scalar(select(ImportRun.files).where(ImportRun.id == run_id))
    # Kept in the run's folder: the CSV files, under their own names, only.
    (folder,) = upload_dir.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(sample_files())
    html = finished(browser, run_id)
    assert 'data-status="done"' in html
    assert "README" not in html
    assert json.loads(stored) == sorted(sample_files())


GETS = (
    "/data/upload",
    "/data/imports",
    "/data/template.xlsx",
    "/data/export.xlsx",
    "/data/upload/1",
    "/data/upload/1/problems.csv",
)
POSTS = ("/data/upload", "/data/upload/1/cancel", "/data/upload/1/import")


def _a_run(app) -> None:
    at = dt.datetime(2026, 1, 1)
    with app.engine.begin() as conn:
        conn.execute(
            ImportRun.__table__.insert().values(
                id=1, mode="dry_run", username="admin", created_at=at, updated_at=at,
                files='["clients.csv"]', total_bytes=1, folder=None, status="queued",
                progress=0, problem_count=0,
            )
        )  # fmt: skip


@pytest.mark.parametrize("who", ["client", "am", "manager", "presenting admin"])
def test_who_may_not_upload_reaches_nothing_even_with_forged_posts(
    app, upload_dir, who
):
    _a_run(app)
    browser = logged_in(app, who.split()[-1])
    csrf = token(app, browser)
    if who == "presenting admin":
        started = browser.post(
            "/presenting/start", data={"client": "C1", "csrf_token": csrf}
        )
        assert started.status_code == 303
    for path in GETS:
        assert browser.get(path).status_code == 403, path
    for path in POSTS:
        for data in ({}, {"csrf_token": csrf}):
            forged = browser.post(
                path,
                data={**data, "files": (io.BytesIO(b"x"), "clients.csv")},
                content_type="multipart/form-data",
            )
            assert forged.status_code == 403, (path, data)
    assert not upload_dir.exists() or list(upload_dir.iterdir()) == []
    with app.engine.connect() as conn:
        assert conn.scalar(select(ImportRun.status)) == "queued"


def test_without_a_login_or_a_token_nothing_is_kept(app, upload_dir):
    _a_run(app)
    anonymous = app.client()
    response = anonymous.post(
        "/data/upload",
        data={"files": (io.BytesIO(b"x"), "clients.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 401
    admin = logged_in(app, "admin")
    for path in POSTS:
        forged = admin.post(
            path,
            data={"files": (io.BytesIO(b"x"), "clients.csv")},
            content_type="multipart/form-data",
        )
        assert forged.status_code == 403, path
    assert list(upload_dir.iterdir()) == []
    with app.engine.connect() as conn:
        assert conn.scalar(select(ImportRun.status)) == "queued"


def test_managers_may_upload_when_the_setting_allows(empty_engine, tmp_path,
                                                     monkeypatch):  # fmt: skip
    from tests.dashboard.auth.conftest import make_auth_app

    monkeypatch.setenv("UPLOAD_DIR", str(tmp_path / "up"))
    monkeypatch.setenv("UPLOAD_ALLOW_MANAGERS", "1")
    app = make_auth_app(empty_engine)
    assert logged_in(app, "manager").get("/data/upload").status_code == 200
    assert logged_in(app, "am").get("/data/upload").status_code == 403


def test_cancel_stops_a_queued_run_and_twice_says_it_was_over(app):
    _a_run(app)
    browser = logged_in(app, "admin")
    csrf = token(app, browser)
    first = browser.post("/data/upload/1/cancel", data={"csrf_token": csrf})
    assert first.status_code == 303
    html = browser.get("/data/upload/1").get_data(as_text=True)
    assert 'data-status="cancelled"' in html
    assert "Cancelled: nothing was written." in html
    second = browser.post("/data/upload/1/cancel", data={"csrf_token": csrf})
    assert second.status_code == 409
    assert audit_details(app.engine) == ["upload run 1 cancelled"]


def test_the_import_is_refused_when_the_data_changed_after_the_dry_run(app):
    browser = logged_in(app, "admin")
    dry_id = run_id_of(upload(browser, sample_files()))
    assert 'data-status="done"' in finished(browser, dry_id)
    files = sample_files()
    import_files(app.engine, {"clients.csv": files["clients.csv"]}, timezone="UTC")
    before = dump(app.engine)
    import_id = run_id_of(
        browser.post(
            f"/data/upload/{dry_id}/import", data={"csrf_token": token(app, browser)}
        )
    )
    html = finished(browser, import_id)
    assert 'data-status="refused"' in html
    assert "the data changed after the dry run" in html
    assert dump(app.engine) == before


def test_pages_speak_chinese(app):
    browser = logged_in(app, "admin")
    html = browser.get("/data/upload?lang=zh&theme=dark").get_data(as_text=True)
    assert 'data-bs-theme="dark"' in html
    assert "上传数据" in html and "导入历史" in html
    assert "Upload" not in html.replace("/data/upload", "")


def test_a_run_whose_process_cannot_start_fails_and_keeps_nothing(
    app, upload_dir, monkeypatch
):
    from dashboard.uploads import runs

    def no_process(*_args, **_kwargs):
        raise OSError("no more processes")

    monkeypatch.setattr(runs.subprocess, "Popen", no_process)
    browser = logged_in(app, "admin")
    run_id = run_id_of(upload(browser, sample_files()))
    html = browser.get(f"/data/upload/{run_id}").get_data(as_text=True)
    assert 'data-status="failed"' in html
    assert "The run stopped with an error; nothing was written." in html
    assert list(upload_dir.iterdir()) == []
