"""In Chromium, as an admin: upload the sample folder's CSV files, read the dry
run, import, and see the headline cards change; a bad file's problems sort by a
click; the pages in both languages and themes at 1280x720."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import (
    console_errors,
    log_in_browser,
    make_driver,
    save_screenshot,
    set_viewport,
    start_app,
    stop_app,
    wait,
)
from tests.browser.pages import expected_values, shown_values
from tests.data.import_helpers import SAMPLE

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def own_app(tmp_path_factory):
    """An app of its own (the upload changes its data), with the demo data."""
    folder = tmp_path_factory.mktemp("upload-app")
    database_url = f"sqlite:///{folder / 'app.db'}"
    process, url, log = start_app(
        folder, database_url, UPLOAD_DIR=str(folder / "uploads")
    )
    yield {"url": url, "database_url": database_url, "as_of": "2026-08-15",
           "folder": folder, "log": log}  # fmt: skip
    stop_app(process)


@pytest.fixture
def admin(own_app):
    driver = make_driver()
    set_viewport(driver, 1280, 720)
    log_in_browser(driver, own_app["url"])
    yield driver
    driver.quit()


def finished_status(driver) -> str:
    """The run page's status once the run is over (the page refreshes itself)."""
    until = wait(driver, 90).until
    return until(
        lambda d: (
            (s := d.find_element(By.ID, "run-status").get_attribute("data-status"))
            not in ("queued", "running")
            and s
        )
    )


def counts(driver, entity: str) -> list[str]:
    row = driver.find_element(By.CSS_SELECTOR, f"#run-counts tr[data-entity={entity}]")
    return [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]


def fits(driver) -> bool:
    return driver.execute_script("return document.documentElement.scrollWidth") <= 1280


def test_upload_the_sample_folder_dry_run_import_and_the_cards_change(own_app, admin):
    url = own_app["url"]
    until = wait(admin).until
    admin.get(url + "/")
    before = expected_values(own_app, [])
    until(lambda d: shown_values(d) == before)
    # The header links to the upload page, on one row.
    link = admin.find_element(By.ID, "header-upload-link")
    assert link.text == "Data"
    link.click()
    until(lambda d: d.find_elements(By.ID, "start-dry-run"))
    save_screenshot(admin, "upload-light-en-1280x720")
    assert fits(admin)

    paths = "\n".join(str(p) for p in sorted(SAMPLE.glob("*.csv")))
    admin.find_element(By.ID, "files").send_keys(paths)
    admin.find_element(By.ID, "start-dry-run").click()
    assert finished_status(admin) == "done"
    assert counts(admin, "clients") == ["4", "4", "0", "0", "0"]
    assert counts(admin, "meetings") == ["6", "6", "0", "0", "0"]
    save_screenshot(admin, "upload-dry-run-light-en-1280x720")
    # The dry run wrote nothing.
    run_page = admin.current_url
    admin.get(url + "/")
    until(lambda d: shown_values(d) == before)
    admin.get(run_page)

    button = until(lambda d: d.find_elements(By.ID, "import-run"))[0]
    admin.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button
    )
    save_screenshot(admin, "upload-before-import-light-en-1280x720")
    button.click()
    assert finished_status(admin) == "done"
    assert "What the import wrote:" in admin.page_source
    admin.get(url + "/")
    after = expected_values(own_app, [])
    # Of the four sample clients, C-003 was lost in 2025: three more active.
    assert int(after["active_clients"].replace(",", "")) == (
        int(before["active_clients"].replace(",", "")) + 3
    )
    until(lambda d: shown_values(d) == after)

    admin.get(url + "/data/imports?lang=zh&theme=dark")
    rows = admin.find_elements(By.CSS_SELECTOR, "#import-history tbody tr")
    assert len(rows) == 2
    assert "已完成" in rows[0].text and "导入" in rows[0].text
    save_screenshot(admin, "imports-dark-zh-1280x720")
    assert fits(admin)
    assert console_errors(admin) == []


def test_a_bad_file_shows_its_problems_sorted_by_a_click(own_app, admin, tmp_path):
    bad = tmp_path / "clients.csv"
    bad.write_text(
        "external_id,name,segment,onboarded_on\n"
        "X-1,Zeta,huge,2024-01-01\nX-2,Eta,smb,2024-02-30\n",
        encoding="utf-8-sig",
    )
    admin.get(own_app["url"] + "/data/upload?lang=zh&theme=dark")
    save_screenshot(admin, "upload-dark-zh-1280x720")
    admin.find_element(By.ID, "files").send_keys(str(bad))
    admin.find_element(By.ID, "start-dry-run").click()
    assert finished_status(admin) == "refused"
    cells = admin.find_elements(By.CSS_SELECTOR, "#run-problems tbody td:nth-child(2)")
    assert [c.text for c in cells] == ["第 2 行", "第 3 行"]
    admin.find_element(By.LINK_TEXT, "行号 ▲").click()
    wait(admin).until(lambda d: "行号 ▼" in d.page_source)
    cells = admin.find_elements(By.CSS_SELECTOR, "#run-problems tbody td:nth-child(2)")
    assert [c.text for c in cells] == ["第 3 行", "第 2 行"]
    save_screenshot(admin, "upload-problems-dark-zh-1280x720")
    assert fits(admin)


def test_a_running_run_shows_its_progress_and_cancel_stops_it(own_app, admin):
    """A run whose process is busy (here: no process, the row says 40 %)."""
    import datetime as dt

    from data.db import make_engine
    from data.models import ImportRun

    engine = make_engine(own_app["database_url"])
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        run_id = conn.execute(
            ImportRun.__table__.insert().values(
                mode="dry_run", username="admin", created_at=at, updated_at=at,
                files='["book.xlsx"]', total_bytes=1, folder=None, status="running",
                progress=40, problem_count=0,
            )
        ).inserted_primary_key[0]  # fmt: skip
    engine.dispose()
    admin.get(f"{own_app['url']}/data/upload/{run_id}?lang=zh&theme=dark")
    bar = admin.find_element(By.ID, "run-progress")
    assert bar.get_attribute("value") == "40"
    save_screenshot(admin, "upload-running-dark-zh-1280x720")
    admin.find_element(By.ID, "cancel-run").click()
    assert finished_status(admin) == "cancelled"
    assert "已取消：未写入任何内容。" in admin.page_source
