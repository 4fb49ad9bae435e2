"""In Chromium: every tab and a client's page at 1280x720 and 1920x1080, light
English and dark Chinese, kept under artifacts/screenshots/. None scrolls sideways,
the console stays clean, and no request goes to any host but the app's own (no CDN,
web fonts, analytics or map tiles)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from dashboard.kernel.urlstate import TABS
from tests.browser.conftest import (
    ARTIFACTS,
    console_errors,
    log_in_browser,
    make_driver,
    set_viewport,
    wait,
)
from tests.browser.pages import a_client, requested_urls, wait_settled

pytestmark = pytest.mark.browser
SIZES = ((1280, 720), (1920, 1080))
LOOKS = (("light", "en"), ("dark", "zh"))
LOCAL_SCHEMES = ("data:", "blob:")


@pytest.fixture(scope="module")
def shared_browser(live_app):
    """One logged-in Chromium for every screenshot (resized per size), logging its
    network requests (the login's are checked by the first test)."""
    driver = make_driver(performance=True)
    log_in_browser(driver, live_app["url"])
    yield driver
    driver.quit()


def save_shots(driver, name: str, width: int, height: int) -> None:
    """What the window shows as artifacts/<name>.png, and the whole page as
    artifacts/<name>-full.png. The whole page is taken by making the window as tall
    as the page (Chromium's capture beyond the viewport can stall headless)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
    tall = driver.execute_script("return document.documentElement.scrollHeight")
    if tall > height:
        set_viewport(driver, width, tall)
        wait(driver).until(charts_fit)
        driver.save_screenshot(str(ARTIFACTS / f"{name}-full.png"))
        set_viewport(driver, width, height)
        wait(driver).until(charts_fit)


def charts_fit(driver) -> bool:
    """True when every chart has been drawn for its box's current width."""
    return driver.execute_script(
        """
        var plots = document.querySelectorAll('.js-plotly-plot');
        for (var i = 0; i < plots.length; i++) {
            var svg = plots[i].querySelector('.main-svg');
            if (!svg) return false;
            var drawn = svg.getBoundingClientRect().width;
            if (Math.abs(drawn - plots[i].getBoundingClientRect().width) > 1) {
                return false;
            }
        }
        return true;
        """
    )


def header_rows(driver) -> int:
    """How many rows the header's items take (1: all on one line)."""
    return driver.execute_script(
        "var c = document.querySelector('.app-header .container-fluid');"
        " var tops = new Set();"
        " for (const k of c.children) {"
        "   var r = k.getBoundingClientRect();"
        "   if (r.height > 0) tops.add(Math.round(r.top + r.height / 2) >> 4);"
        " }"
        " return tops.size;"
    )


@pytest.mark.parametrize("theme,lang", LOOKS, ids=["light-en", "dark-zh"])
def test_every_page_fits_the_screen_and_stays_local(
    live_app, shared_browser, theme, lang
):
    driver = shared_browser
    driver.get_log("browser")  # start with a clean console
    query = f"lang={lang}&theme={theme}"
    pages = {f"tab-{tab}": f"/?tab={tab}&{query}" for tab in TABS}
    pages["client"] = f"/clients/{a_client(live_app)}?{query}"
    wide, tall, errors, urls = {}, {}, {}, []
    for page, path in pages.items():
        set_viewport(driver, *SIZES[0])
        driver.get(live_app["url"] + path)
        wait(driver).until(
            lambda d: (
                d.execute_script(
                    "return document.documentElement.getAttribute('data-bs-theme')"
                )
                == theme
            )
        )
        wait_settled(driver)
        # Each size from the same page: Plotly redraws the charts for the width.
        for width, height in SIZES:
            set_viewport(driver, width, height)
            wait(driver).until(charts_fit)
            scroll, visible = driver.execute_script(
                "var e = document.documentElement;"
                " return [e.scrollWidth, e.clientWidth]"
            )
            if scroll > visible:
                wide[f"{page} at {width}x{height}"] = scroll
            if header_rows(driver) != 1:
                tall[f"{page} at {width}x{height}"] = header_rows(driver)
            save_shots(driver, f"{page}-{theme}-{lang}-{width}x{height}", width, height)
        assert driver.find_elements(By.CSS_SELECTOR, ".js-plotly-plot"), page
        if logged := console_errors(driver):
            errors[page] = logged
        urls += requested_urls(driver)
    assert wide == {}, "wider than the window"
    assert tall == {}, "the header's controls take more than one row"
    assert errors == {}
    own = live_app["url"] + "/"
    # The log saw the page's requests (the callbacks' POSTs are never cached).
    assert any(u.startswith(own + "_dash-update-component") for u in urls)
    foreign = {u for u in urls if not u.startswith((own, *LOCAL_SCHEMES))}
    assert sorted(foreign) == []
