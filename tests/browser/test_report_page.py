"""In Chromium: a client's Report link opens the report with its five sections in
English and Chinese; light and dark screenshots at 1280x720 (artifacts/
screenshots/); printing hides the links above the report and keeps headings with
their text and table rows whole."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from dashboard.kernel.i18n import translator
from layouts import ids
from tests.browser.conftest import (
    ARTIFACTS,
    click_when_ready,
    console_errors,
    log_in_browser,
    make_driver,
    set_viewport,
    wait,
)
from tests.browser.pages import a_client

pytestmark = pytest.mark.browser
SECTIONS = ("Summary", "Progress", "Problems and solutions", "Next steps", "Appendix")


def headings(driver) -> list[str]:
    return [h.text for h in driver.find_elements(By.CSS_SELECTOR, ".crd-report h2")]


def style_of(driver, selector: str, prop: str) -> str:
    return driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0]))"
        ".getPropertyValue(arguments[1]);",
        selector,
        prop,
    )


def emulate(driver, media: str = "", scheme: str = "light") -> None:
    """Emulate screen or print media and a light or dark colour scheme."""
    feature = {"name": "prefers-color-scheme", "value": scheme}
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"media": media, "features": [feature]}
    )


def test_the_report_page_reads_shows_and_prints(live_app):
    driver = make_driver()
    try:
        log_in_browser(driver, live_app["url"])
        set_viewport(driver, 1280, 720)
        client = a_client(live_app)
        driver.get(f"{live_app['url']}/clients/{client}")
        click_when_ready(driver, (By.ID, ids.CLIENT_REPORT))
        wait(driver).until(lambda d: "/report?" in d.current_url)
        wait(driver).until(lambda d: len(headings(d)) == len(SECTIONS))
        assert headings(driver) == list(SECTIONS)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(ARTIFACTS / "report-light-en.png"))
        light = style_of(driver, ".crd-report", "background-color")
        emulate(driver, scheme="dark")
        dark = style_of(driver, ".crd-report", "background-color")
        assert (light, dark) == ("rgb(255, 255, 255)", "rgb(26, 29, 33)")
        driver.save_screenshot(str(ARTIFACTS / "report-dark-en.png"))
        emulate(driver, media="print", scheme="dark")
        # Printed: light paper, no links above the report, headings kept with
        # what follows, rows never cut, table headers repeated on each page.
        assert style_of(driver, ".crd-report", "background-color") == (
            "rgb(255, 255, 255)"
        )
        assert style_of(driver, ".crd-report-nav", "display") == "none"
        assert style_of(driver, ".crd-report h2", "break-after") == "avoid"
        assert style_of(driver, ".crd-report tr", "break-inside") == "avoid"
        assert style_of(driver, ".crd-report thead", "display") == "table-header-group"
        emulate(driver)
        assert style_of(driver, ".crd-report-nav", "display") == "block"
        driver.find_element(By.LINK_TEXT, "简体中文").click()
        _ = translator("zh")
        wait(driver).until(lambda d: headings(d) == [_(s) for s in SECTIONS])
        assert all(_(s) != s for s in SECTIONS)
        assert console_errors(driver) == []
    finally:
        driver.quit()
