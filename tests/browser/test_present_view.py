"""In Chromium at 1280x720: a manager prepares `?period=2026-Q2&tab=budget` for
one client and presses "Present": the same period and tab open at that client,
the banner speaks to the client, the churn tab is "Relationship health" without
lost clients or bands; presenting from the client's page stays on that page,
whose period picker changes the figures."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By

from layouts import ids
from layouts.account import PRESENT_FORM, STOP_FORM
from tests.browser.conftest import console_errors, save_screenshot, wait
from tests.browser.network import settle
from tests.browser.present import present_to, search_box
from tests.browser.test_presenting import choose_clients

pytestmark = pytest.mark.browser
DASHBOARD_READY = "body:has(#kpi-grid .kpi-card):has(#tab-content > *)"
CLIENT_READY = "#client-body .client-section"
FORBIDDEN = ("Clients lost", "Why clients left", "Watch", "At risk")


def query_of(driver) -> dict:
    return parse_qs(urlsplit(driver.current_url).query)


def stop(driver) -> None:
    driver.find_element(By.CSS_SELECTOR, f"#{STOP_FORM} button").click()
    settle(driver, "#continue-to-dashboard")


def test_present_keeps_the_prepared_view(live_app, browser):
    until = wait(browser).until
    (client, name), _other, _names = choose_clients(live_app["database_url"])
    browser.get(live_app["url"] + f"/?period=2026-Q2&client={client}&tab=budget")
    settle(browser, DASHBOARD_READY)
    present_to(browser, name[:4], client)
    until(lambda d: d.find_elements(By.ID, "presenting-banner"))
    settle(browser, DASHBOARD_READY)
    try:
        assert query_of(browser) == {
            "period": ["2026-Q2"],
            "client": [client],
            "tab": ["budget"],
        }
        banner = browser.find_element(By.ID, "presenting-banner")
        until(lambda d: "review of 2026-Q2" in banner.text)
        assert f"Prepared for {name}" in banner.text
        assert "internal" not in banner.text.lower()
        active = browser.find_element(By.CSS_SELECTOR, "#tabs .nav-link.active")
        assert active.text == "Budget"
        save_screenshot(browser, "present-kept-budget-1280")
        # The churn tab, for the client's eyes.
        browser.get(live_app["url"] + f"/?period=2026-Q2&client={client}&tab=churn")
        settle(browser, "#tab-content .client-health")
        active = browser.find_element(By.CSS_SELECTOR, "#tabs .nav-link.active")
        assert active.text == "Relationship health"
        shown = browser.find_element(By.TAG_NAME, "body").text
        assert [word for word in FORBIDDEN if word in shown] == []
        save_screenshot(browser, "present-relationship-health-1280")
        errors = console_errors(browser)
        assert errors == [], "\n".join(e[:600] for e in errors)
    finally:
        stop(browser)

    # From the client's page: presenting stays on that page, in its period.
    browser.get(live_app["url"] + f"/clients/{client}?period=2026-Q3")
    settle(browser, CLIENT_READY)
    present_to(browser, name[:4], client)
    until(lambda d: d.find_elements(By.ID, "presenting-banner"))
    settle(browser, CLIENT_READY)
    try:
        assert urlsplit(browser.current_url).path == f"/clients/{client}"
        assert query_of(browser) == {"period": ["2026-Q3"]}
        assert browser.find_elements(By.ID, PRESENT_FORM) == []
        # The period picker writes the link and the figures follow.
        browser.execute_script("window.scrollTo(0, 0)")
        browser.find_element(By.CSS_SELECTOR, ".client-period-picker").click()
        until(search_box).send_keys("2026-Q2")
        option = until(
            lambda d: next(
                (o for o in d.find_elements(By.CSS_SELECTOR, "[role=option]")
                 if o.text == "2026-Q2"),
                None,
            )
        )  # fmt: skip
        option.click()
        until(lambda d: query_of(d).get("period") == ["2026-Q2"])
        until(lambda d: "2026-Q2: " in d.find_element(By.ID, ids.CLIENT_BODY).text)
        banner = browser.find_element(By.ID, "presenting-banner")
        until(lambda d: "review of 2026-Q2" in banner.text)
        save_screenshot(browser, "present-client-page-1280")
        errors = console_errors(browser)
        assert errors == [], "\n".join(e[:600] for e in errors)
    finally:
        stop(browser)
