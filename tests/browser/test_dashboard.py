"""In Chromium: cards equal `kpis`, filters live in the URL (Back undoes them),
language and theme switch, and the console stays clean."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from layouts import ids
from tests.browser.conftest import (
    click_when_ready,
    console_errors,
    save_screenshot,
    wait,
)
from tests.browser.pages import a_client, expected_values, shown_values, wait_settled

pytestmark = pytest.mark.browser


def test_cards_filters_url_back_language_and_theme(live_app, browser):
    until = wait(browser).until
    url = live_app["url"]
    browser.get(url + "/")
    portfolio = expected_values(live_app, [])
    until(lambda d: shown_values(d) == portfolio)
    save_screenshot(browser, "dashboard-light-en-1280x720")
    # The sparklines are SVG images the page's CSP lets the browser draw.
    drawn = browser.execute_script(
        "return Array.from(document.querySelectorAll('img.kpi-sparkline'))"
        ".map(function (img) { return img.complete && img.naturalWidth > 0; })"
    )
    assert drawn and all(drawn), drawn

    # Choose one client: the URL gains it and the cards follow.
    client = a_client(live_app)
    browser.find_element(By.ID, ids.CLIENT_PICKER).click()
    search = until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, ".dash-dropdown-search"))
    )
    search.send_keys(client)
    click_when_ready(browser, (By.CSS_SELECTOR, "[role=option]"))
    search.send_keys(Keys.ESCAPE)
    until(lambda d: f"client={client}" in d.current_url)
    one_client = expected_values(live_app, [client])
    assert one_client != portfolio
    until(lambda d: shown_values(d) == one_client)
    # The active client is shown as a chip.
    until(lambda d: d.find_element(By.ID, ids.CHIPS).text.strip())

    # Back undoes the filter; a reload keeps the URL's view.
    browser.back()
    until(lambda d: "client=" not in d.current_url)
    until(lambda d: shown_values(d) == portfolio)
    browser.get(f"{url}/?client={client}")
    until(lambda d: shown_values(d) == one_client)

    # Chinese and dark, from the URL.
    browser.get(f"{url}/?client={client}&lang=zh&theme=dark")
    card = ids.kpi_card("revenue")  # one client: no logo cards
    until(lambda d: "收入" in d.find_element(By.ID, card).text)
    theme = browser.execute_script(
        "return document.documentElement.getAttribute('data-bs-theme')"
    )
    assert theme == "dark"
    one_client_zh = expected_values(live_app, [client], "zh")
    until(lambda d: shown_values(d) == one_client_zh)
    save_screenshot(browser, "dashboard-dark-zh-1280x720")
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= 1280, "no horizontal scroll at 1280x720"
    assert console_errors(browser) == []


def test_a_link_to_an_unknown_client_shows_a_notice_not_other_clients(
    live_app, browser
):
    browser.get(live_app["url"] + "/?client=NOPE-1")
    wait(browser).until(
        lambda d: "No client NOPE-1 here" in d.find_element(By.ID, ids.NOTICE).text
    )
    assert browser.find_elements(By.CSS_SELECTOR, ".kpi-value") == []
    assert console_errors(browser) == []


def test_the_at_risk_and_overdue_lists_sort_by_their_column_titles(live_app, browser):
    until = wait(browser).until
    url = live_app["url"]

    def first_column(table: str) -> list[str]:
        cells = browser.find_elements(
            By.CSS_SELECTOR, f"#{table} tbody tr td:first-child"
        )
        return [cell.text for cell in cells]

    def click(by: str, locator: str) -> None:
        """Click an element once it is there, scrolled to the middle of the
        window."""

        def attempt(driver) -> bool:
            try:
                element = driver.find_element(by, locator)
                # At once: a smooth scroll would still move the element when
                # it is clicked.
                driver.execute_script(
                    "arguments[0].scrollIntoView("
                    "{block: 'center', behavior: 'instant'})",
                    element,
                )
                element.click()
            except WebDriverException:
                return False
            return True

        until(attempt)

    browser.get(url + "/?tab=churn")
    until(lambda d: first_column("churn-at-risk"))
    wait_settled(browser)
    click(By.CSS_SELECTOR, "#churn-at-risk thead th:first-child button")
    until(lambda d: "▲" in d.find_element(By.CSS_SELECTOR, "#churn-at-risk thead").text)
    names = first_column("churn-at-risk")
    assert names == sorted(names, key=str.casefold)
    href = browser.find_element(By.CSS_SELECTOR, "#churn-at-risk tbody a")
    assert "/clients/" in href.get_attribute("href")
    # The next page continues the order.
    click(By.XPATH, "//*[@id='churn-at-risk']//a[@class='page-link' and .='2']")
    until(lambda d: first_column("churn-at-risk")[:1] not in ([], names[:1]))
    assert first_column("churn-at-risk")[0].casefold() >= names[-1].casefold()

    browser.get(url + "/?tab=action_items")
    table = "action-items-overdue-table"
    until(lambda d: first_column(table))
    wait_settled(browser)
    days = f"#{table} thead th:last-child button"
    click(By.CSS_SELECTOR, days)
    until(lambda d: "▲" in d.find_element(By.CSS_SELECTOR, days).text)
    cells = browser.find_elements(By.CSS_SELECTOR, f"#{table} tbody td:last-child")
    shown = [int(cell.text) for cell in cells]
    assert shown == sorted(shown)
    assert console_errors(browser) == []
