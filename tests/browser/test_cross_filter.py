"""In Chromium: clicking a client's bar or a period's point narrows the page (the
URL gains the filter and the cards follow); Back undoes it."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from layouts import ids
from tests.browser.conftest import console_errors, wait
from tests.browser.pages import chart_css, expected_values, shown_values, wait_settled

pytestmark = pytest.mark.browser
# The customdata of the point an SVG element of a Plotly chart draws.
CUSTOMDATA_JS = """
var element = arguments[0];
var index = element.closest('.point').__data__.i;
var trace = element.closest('.trace').__data__[0].trace;
return trace.customdata[index];
"""


def click_point(driver, css: str, index: int) -> str:
    """Click the `index`-th point matching `css` as a person would (move, click)
    until the URL gains the filter it stands for; return its "kind:value".

    A click that lands while Dash redraws the chart is lost (a person would click
    again): the point is found afresh and clicked again, three times at most."""
    custom = None
    for _attempt in range(3):
        point = driver.find_elements(By.CSS_SELECTOR, css)[index]
        custom = driver.execute_script(CUSTOMDATA_JS, point)
        custom = custom[0] if isinstance(custom, list) else custom
        kind, value = custom.split(":", 1)
        wanted = f"{kind}={value}"
        driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})",
            point,
        )
        ActionChains(driver).move_to_element(point).pause(0.3).click().perform()
        try:
            wait(driver, 10).until(lambda d, wanted=wanted: wanted in d.current_url)
        except (TimeoutException, StaleElementReferenceException):
            wait_settled(driver)
            continue
        return custom
    raise AssertionError(f"clicking the point never narrowed the page to {custom}")


def test_clicking_a_client_bar_then_a_period_point_filters_the_page(live_app, browser):
    until = wait(browser).until
    browser.get(live_app["url"] + "/?tab=meetings")
    portfolio = expected_values(live_app, [])
    until(lambda d: shown_values(d) == portfolio)
    wait_settled(browser)

    # A bar of "attendance by client" stands for one client.
    bars = chart_css("meetings-attendance-clients") + " .bars .point path"
    custom = click_point(browser, bars, 0)
    kind, client = custom.split(":", 1)
    assert kind == "client"
    until(lambda d: f"client={client}" in d.current_url)
    assert "tab=meetings" in browser.current_url
    one_client = expected_values(live_app, [client])
    assert one_client != portfolio
    until(lambda d: shown_values(d) == one_client)

    # Back removes the client again.
    browser.back()
    until(lambda d: "client=" not in d.current_url)
    until(lambda d: shown_values(d) == portfolio)
    wait_settled(browser)

    # A point of the attendance trend stands for a period (not the current one).
    points = chart_css("meetings-attendance-trend") + " .scatterlayer .point"
    custom = click_point(browser, points, 3)
    kind, period = custom.split(":", 1)
    assert kind == "period"
    until(lambda d: f"period={period}" in d.current_url)
    in_period = expected_values(live_app, [], period=period)
    assert in_period != portfolio
    until(lambda d: shown_values(d) == in_period)
    until(lambda d: period in d.find_element(By.ID, ids.PERIOD_CAPTION).text)
    browser.back()
    until(lambda d: "period=" not in d.current_url)
    until(lambda d: shown_values(d) == portfolio)
    assert console_errors(browser) == []
