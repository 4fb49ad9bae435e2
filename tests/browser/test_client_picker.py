"""In Chromium: the client picker finds a client the page did not carry by part
of its name; choosing it filters the dashboard and writes the URL."""

from __future__ import annotations

import time

import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from dashboard.kernel.scope import Scope
from data.db import make_engine
from data.queries.choices import client_choices
from layouts import ids
from layouts.filters import CLIENT_OPTIONS_MAX
from tests.browser.conftest import console_errors, wait
from tests.browser.pages import expected_values, shown_values

pytestmark = pytest.mark.browser


def last_client(live_app) -> tuple[str, str]:
    """(external_id, name) of the demo client last by name."""
    engine = make_engine(live_app["database_url"])
    with engine.connect() as conn:
        clients = client_choices(conn=conn, scope=Scope.everything())
    engine.dispose()
    assert len(clients) > CLIENT_OPTIONS_MAX, "the demo has too few clients"
    return clients.iloc[-1]["external_id"], clients.iloc[-1]["name"]


def listed(driver) -> list[str]:
    """The labels of the picker's open list."""
    try:
        return [o.text for o in driver.find_elements(By.CSS_SELECTOR, "[role=option]")]
    except StaleElementReferenceException:
        return []


def test_typing_part_of_a_name_finds_the_client_and_choosing_it_filters(
    live_app, browser
):
    until = wait(browser).until
    external_id, name = last_client(live_app)
    label = f"{name} ({external_id})"
    browser.get(live_app["url"] + "/")
    portfolio = expected_values(live_app, [])
    until(lambda d: shown_values(d) == portfolio)

    browser.find_element(By.ID, ids.CLIENT_PICKER).click()
    search = until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".dash-dropdown-search"))
    )
    # Opened without a text: the first clients by name, not the last one.
    until(lambda d: len(listed(d)) == CLIENT_OPTIONS_MAX)
    assert label not in listed(browser)

    # Part of the name, from its second character (any case for Latin names).
    search.send_keys(name[1:4].upper() if name.isascii() else name[1:4])
    until(lambda d: label in listed(d))
    for option in browser.find_elements(By.CSS_SELECTOR, "[role=option]"):
        if option.text == label:
            option.click()
            break
    search.send_keys(Keys.ESCAPE)
    until(lambda d: f"client={external_id}" in d.current_url)
    one_client = expected_values(live_app, [external_id])
    assert one_client != portfolio
    until(lambda d: shown_values(d) == one_client)
    picker = browser.find_element(By.ID, ids.CLIENT_PICKER)
    assert label in picker.text
    assert console_errors(browser) == []


def test_back_to_a_client_the_page_did_not_carry_keeps_the_client(live_app, browser):
    # Back or Forward to a link with a client beyond the picker's first options:
    # the picker gets that client's option with its value, so it does not drop
    # the value and turn the link into all clients.
    until = wait(browser).until
    external_id, name = last_client(live_app)
    browser.get(live_app["url"] + "/")
    portfolio = expected_values(live_app, [])
    until(lambda d: shown_values(d) == portfolio)
    browser.execute_script(
        "window.history.pushState({}, '', arguments[0]);"
        "window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));",
        f"/?client={external_id}",
    )
    one_client = expected_values(live_app, [external_id])
    until(lambda d: shown_values(d) == one_client)
    until(
        lambda d: (
            f"{name} ({external_id})" in d.find_element(By.ID, ids.CLIENT_PICKER).text
        )
    )
    # Nothing rewrites it afterwards.
    time.sleep(1.5)
    assert browser.current_url.endswith(f"/?client={external_id}")
    assert shown_values(browser) == one_client
    assert console_errors(browser) == []
