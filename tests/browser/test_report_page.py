"""In Chromium: a client's Report link opens the report with its five sections in
English and Chinese; it follows the app's theme (`theme=dark`), not the
system's; light and dark screenshots at 1280x720 (artifacts/screenshots/);
printing is light, hides the links above the report and keeps headings with their
text and table rows whole."""

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
        # The pie and the schedule in the Progress section: each a chart or the
        # one line saying why there is none.
        plans = driver.find_elements(
            By.CSS_SELECTOR, ".crd-report .plans > svg, .crd-report .plans > p.none"
        )
        assert len(plans) == 2
        light = style_of(driver, ".crd-report", "background-color")
        # The app's theme decides, not the system's: light stays light.
        emulate(driver, scheme="dark")
        assert style_of(driver, ".crd-report", "background-color") == light
        driver.get(driver.current_url + "&theme=dark")
        wait(driver).until(lambda d: len(headings(d)) == len(SECTIONS))
        dark = style_of(driver, ".crd-report", "background-color")
        assert (light, dark) == ("rgb(255, 255, 255)", "rgb(26, 29, 33)")
        # Charts take the lighter palette on the dark page (#0072B2 → #1F8DD6).
        trend = style_of(driver, ".crd-report svg.trend polyline", "stroke")
        assert trend == "rgb(31, 141, 214)"
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
        # The charts print in the light palette too.
        assert style_of(driver, "svg.trend polyline", "stroke") == "rgb(0, 114, 178)"
        emulate(driver)
        assert style_of(driver, ".crd-report-nav", "display") == "block"
        driver.find_element(By.LINK_TEXT, "简体中文").click()
        _ = translator("zh")
        wait(driver).until(lambda d: headings(d) == [_(s) for s in SECTIONS])
        assert "theme=dark" in driver.current_url
        assert all(_(s) != s for s in SECTIONS)
        assert console_errors(driver) == []
    finally:
        driver.quit()
