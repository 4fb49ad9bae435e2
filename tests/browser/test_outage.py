"""In Chromium, on PostgreSQL: when the database goes away the page says so in a
banner (no traceback), and when it is back the page recovers by itself."""

from __future__ import annotations

import time
import uuid

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import text
from sqlalchemy.engine import make_url

from data.db import make_engine
from layouts import ids
from tests.browser.conftest import (
    AS_OF,
    log_in_browser,
    make_driver,
    start_app,
    stop_app,
    wait,
)
from tests.browser.forwarder import Forwarder
from tests.browser.pages import expected_values, shown_values
from tests.conftest import POSTGRES_URL, skip_or_fail

pytestmark = pytest.mark.browser
REFRESH_SECONDS = 10  # the smallest the settings allow
BANNER_TEXT = "The database cannot be reached"


@pytest.fixture
def postgres_behind_forwarder():
    """A fresh schema on the test PostgreSQL server, reached through a forwarder
    that the test can stop and start; the app's URL points at the forwarder.
    (A schema, not a database: dropping a database waits for a checkpoint.)"""
    if not POSTGRES_URL:
        skip_or_fail("TEST_DATABASE_URL is not set: the outage test skipped")
    server = make_url(POSTGRES_URL)
    schema = f"outage_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    forwarder = Forwarder((server.host or "127.0.0.1", server.port or 5432))
    forwarder.start()
    direct = server.update_query_dict({"options": f"-csearch_path={schema}"})
    proxied = direct.set(host="127.0.0.1", port=forwarder.port)
    yield {
        "forwarder": forwarder,
        "app_url": proxied.render_as_string(hide_password=False),
        "database_url": direct.render_as_string(hide_password=False),
    }
    forwarder.stop()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def banner_text(driver) -> str:
    """What the database banner says now ('' when there is none)."""
    return driver.find_element(By.ID, ids.DB_BANNER).text


def test_a_database_outage_shows_a_banner_and_the_page_recovers(
    postgres_behind_forwarder, tmp_path
):
    database = postgres_behind_forwarder
    forwarder = database["forwarder"]
    process, url, _log = start_app(
        tmp_path, database["app_url"], REFRESH_SECONDS=str(REFRESH_SECONDS)
    )
    driver = make_driver()
    try:
        log_in_browser(driver, url)
        driver.get(url + "/")
        figures = expected_values(
            {"database_url": database["database_url"], "as_of": AS_OF}, []
        )
        wait(driver).until(lambda d: shown_values(d) == figures)
        assert banner_text(driver) == ""
        charts = "#tab-content .js-plotly-plot"
        wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, charts))
        drawn = len(driver.find_elements(By.CSS_SELECTOR, charts))

        # The database goes away: within one refresh the banner says so.
        forwarder.stop()
        wait(driver, 3 * REFRESH_SECONDS).until(lambda d: BANNER_TEXT in banner_text(d))
        page = driver.page_source
        assert "Traceback" not in page
        assert "OperationalError" not in page
        assert shown_values(driver) == figures, "the cards keep their figures"
        shown = len(driver.find_elements(By.CSS_SELECTOR, charts))
        assert shown == drawn, "the tab keeps its charts"

        # It comes back on the same port: the banner goes, the figures stay right.
        forwarder.start()
        wait(driver, 4 * REFRESH_SECONDS).until(lambda d: banner_text(d) == "")
        wait(driver).until(lambda d: shown_values(d) == figures)
    finally:
        driver.quit()
        stop_app(process)


def test_a_click_that_meets_the_outage_shows_the_banner_at_once(
    postgres_behind_forwarder, tmp_path
):
    database = postgres_behind_forwarder
    forwarder = database["forwarder"]
    # The default refresh (5 minutes): the timer alone would say nothing for long.
    process, url, _log = start_app(tmp_path, database["app_url"])
    driver = make_driver()
    try:
        log_in_browser(driver, url)
        driver.get(url + "/")
        charts = "#tab-content .js-plotly-plot"
        wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, charts))
        assert banner_text(driver) == ""

        forwarder.stop()
        other_tab = driver.find_element(By.CSS_SELECTOR, "#tabs .nav-link:not(.active)")
        clicked = time.monotonic()
        driver.execute_script("arguments[0].click();", other_tab)
        wait(driver, 20).until(lambda d: BANNER_TEXT in banner_text(d))
        assert time.monotonic() - clicked < 20
        assert "Traceback" not in driver.page_source

        forwarder.start()  # the banner polls every few seconds, then goes
        wait(driver, 40).until(lambda d: banner_text(d) == "")
    finally:
        driver.quit()
        stop_app(process)
