"""In Chromium: the headline's "Data issues (n)" badge leads to the data-quality
page, whose count agrees; both fit 1280x720 in light English and dark Chinese;
a client's login gets neither."""

from __future__ import annotations

import re

import pytest
from selenium.webdriver.common.by import By

from layouts import ids
from tests.browser.conftest import (
    console_errors,
    log_in_browser,
    make_driver,
    save_screenshot,
    set_viewport,
    wait,
)
from tests.browser.pages import wait_settled

pytestmark = pytest.mark.browser
LOOKS = (
    ("light", "en", r"Data issues \((\d+)\)", "{n} of 10 checks fail."),
    ("dark", "zh", r"数据问题（(\d+)）", "10 项检查中有 {n} 项未通过。"),
)


def fits(driver) -> bool:
    return driver.execute_script(
        "var e = document.documentElement; return e.scrollWidth <= e.clientWidth"
    )


@pytest.mark.parametrize(("theme", "lang", "badge", "summary"), LOOKS,
                         ids=["light-en", "dark-zh"])  # fmt: skip
def test_the_badge_leads_to_the_page_with_the_same_count(
    live_app, browser, theme, lang, badge, summary
):
    set_viewport(browser, 1280, 720)
    browser.get(live_app["url"] + f"/?lang={lang}&theme={theme}")
    wait_settled(browser)
    link = wait(browser).until(
        lambda d: d.find_elements(By.ID, ids.QUALITY_BADGE_LINK)
    )[0]
    count = re.fullmatch(badge, link.text).group(1)
    assert fits(browser)
    save_screenshot(browser, f"quality-badge-{theme}-{lang}-1280x720")
    link.click()
    wait(browser).until(lambda d: "/data/quality" in d.current_url)
    shown = browser.find_element(By.ID, "quality-summary").text
    assert shown == summary.format(n=count)
    assert (
        browser.find_element(By.TAG_NAME, "html").get_attribute("data-bs-theme")
        == theme
    )
    assert fits(browser)
    save_screenshot(browser, f"quality-page-{theme}-{lang}-1280x720")
    # The rows of a failing check open in place.
    failing = browser.find_elements(By.CSS_SELECTOR, "#quality-checks details")
    assert failing
    failing[0].find_element(By.TAG_NAME, "summary").click()
    save_screenshot(browser, f"quality-rows-{theme}-{lang}-1280x720")
    assert console_errors(browser) == []


def test_a_client_login_sees_no_badge_and_no_page(live_app):
    driver = make_driver()
    try:
        log_in_browser(driver, live_app["url"], "client")
        driver.get(live_app["url"] + "/")
        wait_settled(driver)
        assert driver.find_elements(By.ID, ids.QUALITY_BADGE_LINK) == []
        driver.get(live_app["url"] + "/data/quality")
        assert "/data/quality" in driver.current_url
        assert "Data quality" not in driver.page_source
    finally:
        driver.quit()
