"""In Chromium: "Present to…" finds a client the page did not carry by part of
its name; presenting to it shows that client only, and stopping brings the
portfolio back."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from layouts.account import PRESENT_FORM, PRESENT_PICKER, STOP_FORM
from layouts.filters import CLIENT_OPTIONS_MAX
from tests.browser.conftest import console_errors, wait
from tests.browser.network import settle
from tests.browser.pages import expected_values, shown_values
from tests.browser.present import choose_present_client, present_to, search_box
from tests.browser.test_client_picker import last_client, listed

pytestmark = pytest.mark.browser
DASHBOARD_READY = "body:has(#kpi-grid .kpi-card):has(#tab-content > *)"


def test_typing_part_of_a_late_name_presents_to_that_client(live_app, browser):
    until = wait(browser).until
    external_id, name = last_client(live_app)
    label = f"{name} ({external_id})"
    browser.get(live_app["url"] + "/")
    settle(browser, DASHBOARD_READY)

    # Opened without a text: the first clients by name, not the last one.
    browser.find_element(By.ID, PRESENT_PICKER).click()
    until(lambda d: len(listed(d)) == CLIENT_OPTIONS_MAX)
    assert label not in listed(browser)
    browser.find_element(By.TAG_NAME, "body").click()  # close it again

    # Part of the name, from its second character (any case for Latin names).
    typed = name[1:4].upper() if name.isascii() else name[1:4]
    assert choose_present_client(browser, typed, external_id) == label
    # Enter in the search field submits nothing: only "Present" does.
    browser.find_element(By.ID, PRESENT_PICKER).click()
    until(search_box).send_keys("zz" + Keys.ENTER)
    time.sleep(2)
    assert browser.current_url == live_app["url"] + "/"
    assert browser.find_elements(By.ID, "presenting-banner") == []
    browser.find_element(By.TAG_NAME, "body").click()  # close it, if still open

    assert present_to(browser, typed, external_id) == label
    try:
        until(lambda d: d.find_elements(By.ID, "presenting-banner"))
        settle(browser, DASHBOARD_READY)
        assert f"client={external_id}" in browser.current_url
        banner = browser.find_element(By.ID, "presenting-banner").text
        assert f"Prepared for {name}" in banner
        assert browser.title == f"{name} · Client Review Dashboard"
        assert browser.find_elements(By.ID, PRESENT_FORM) == []
        # The portfolio had no period: presenting opens on the last complete one.
        assert "period=2026-Q2" in browser.current_url
        one_client = expected_values(live_app, [external_id], period="2026-Q2")
        until(lambda d: shown_values(d) == one_client)
        assert console_errors(browser) == []
    finally:
        browser.find_element(By.CSS_SELECTOR, f"#{STOP_FORM} button").click()
        settle(browser, "#continue-to-dashboard")
    browser.find_element(By.ID, "continue-to-dashboard").click()
    until(lambda d: d.find_elements(By.ID, PRESENT_FORM))
