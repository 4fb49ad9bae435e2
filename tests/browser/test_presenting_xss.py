"""In Chromium, on an app of its own: client names that look like HTML are shown
as the literal text they are (chip, dropdown, chart labels, table, client page,
header, presenting banner), no script runs and the console stays clean; in the
charts a name with a link or a style stays text, never an SVG link or huge text."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

from data.db import make_engine
from layouts import ids
from layouts.account import PRESENT_FORM, STOP_FORM
from tests.browser.conftest import (
    console_errors,
    log_in_browser,
    make_driver,
    save_screenshot,
    start_app,
    stop_app,
    wait,
)
from tests.browser.network import settle
from tests.browser.present import choose_present_client, present_to
from tests.factories import add_client, add_invoice, add_meeting, add_survey

pytestmark = pytest.mark.browser
NAMES = {
    "XSS-IMG": "<img src=x onerror=alert(1)>",
    "XSS-LINK": 'X<a href="https://evil.example/49">LINK49</a>'
    '<span style="font-size:80px;color:red">BIG</span>',
    "XSS-QUOTE": "Quote \"'&<> Test",
}
DASHBOARD_READY = "body:has(#kpi-grid .kpi-card):has(#tab-content > *)"


def add_hostile_clients(database_url: str) -> None:
    """Each: active since 2025, two held meetings this quarter where nobody from
    the client came (attendance 0 %), an NPS of 0 and one invoice: at risk, and
    on the meetings tab's attendance chart."""
    engine = make_engine(database_url)
    with engine.begin() as conn:
        for external_id, name in NAMES.items():
            client = add_client(
                conn, external_id, name=name, onboarded_on=dt.date(2025, 1, 6)
            )
            for day in (8, 22):
                add_meeting(
                    conn,
                    client,
                    dt.datetime(2026, 7, day, 10),
                    attendees=(("client", False), ("internal", True)),
                )
            add_survey(conn, client, dt.date(2026, 7, 10), "nps", 0)
            add_invoice(conn, client, dt.date(2026, 7, 5), 100_000)
    engine.dispose()


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    """`python app.py` on its own database (demo data), plus the hostile names;
    the shared live app of the other browser tests stays untouched."""
    folder = tmp_path_factory.mktemp("hostile")
    database_url = f"sqlite:///{folder / 'app.db'}"
    process, url, _log = start_app(folder, database_url)
    add_hostile_clients(database_url)
    yield {"url": url, "database_url": database_url}
    stop_app(process)


@pytest.fixture
def admin_browser(hostile_app):
    driver = make_driver()
    log_in_browser(driver, hostile_app["url"], "admin")
    yield driver
    driver.quit()


def nothing_ran(driver, label: str) -> None:
    """No alert, no element made from a name, a clean console."""
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert  # noqa: B018 - raises when there is none
    injected = driver.execute_script(
        "return document.querySelectorAll('img[src=\"x\"], img[onerror]').length"
    )
    assert injected == 0, label
    assert console_errors(driver) == [], label


def markup_in_charts(driver) -> list[str]:
    """Links and styled text the charts drew from a name (Plotly turns `<a>` and
    `<span style>` in a label into an SVG link and a styled tspan)."""
    charts = "#tab-content .js-plotly-plot"
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]))"
        ".map(e => e.outerHTML)",
        f'{charts} a, {charts} [style*="80px"]',
    )


def chart_text(driver) -> str:
    """The text of every chart of the tab (axis labels, annotations, legends)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('#tab-content .js-plotly-plot'))"
        ".map(e => e.textContent).join('\\n')"
    )


@pytest.mark.parametrize("external_id", sorted(NAMES))
def test_names_are_shown_as_text(hostile_app, admin_browser, external_id):
    driver, url, name = admin_browser, hostile_app["url"], NAMES[external_id]

    driver.get(f"{url}/?client={external_id}&tab=meetings")
    settle(driver, DASHBOARD_READY)
    chips = driver.find_element(By.ID, ids.CHIPS).text
    assert name in chips
    assert (
        f"{name} ({external_id})" in driver.find_element(By.ID, ids.CLIENT_PICKER).text
    )
    # All the hostile clients at once: a ranking of one client is a sentence,
    # of several a chart, and the chart is where Plotly could read markup.
    # "Attendance by client" names the clients on its axis: as text, not markup.
    every = "&".join(f"client={other}" for other in sorted(NAMES))
    driver.get(f"{url}/?{every}&tab=meetings")
    settle(driver, DASHBOARD_READY)
    wait(driver).until(lambda d: "Attendance rate" in chart_text(d))
    assert markup_in_charts(driver) == []
    # A long name is shown on at most three short lines (the rest in the hover).
    assert name[:60] in chart_text(driver)
    # "Present to…" finds it by its id and names it as text.
    assert choose_present_client(driver, external_id, external_id) == (
        f"{name} ({external_id})"
    )
    nothing_ran(driver, "meetings")
    save_screenshot(driver, f"presenting-xss-{external_id.lower()}-meetings")

    driver.get(f"{url}/?client={external_id}&tab=churn")
    settle(driver, DASHBOARD_READY)
    wait(driver).until(lambda d: name in d.find_element(By.ID, "churn-at-risk").text)
    nothing_ran(driver, "at-risk list")

    driver.get(f"{url}/clients/{external_id}")
    settle(driver, "#client-body .client-section")
    assert driver.find_element(By.CSS_SELECTOR, ".client-name").text.startswith(name)
    wait(driver).until(lambda d: d.title.startswith(name))
    nothing_ran(driver, "client page")

    # Presenting to it: the banner and the browser tab's title, as text.
    driver.get(url + "/")
    settle(driver, DASHBOARD_READY)
    present_to(driver, external_id, external_id)
    wait(driver).until(lambda d: d.find_elements(By.ID, "presenting-banner"))
    settle(driver, DASHBOARD_READY)
    banner = driver.find_element(By.ID, "presenting-banner").text
    assert f"Prepared for {name}" in banner
    assert driver.title == f"{name} · Client Review Dashboard"
    nothing_ran(driver, "presenting")
    driver.find_element(By.CSS_SELECTOR, f"#{STOP_FORM} button").click()
    settle(driver, "#continue-to-dashboard")
    driver.find_element(By.ID, "continue-to-dashboard").click()
    wait(driver).until(lambda d: d.find_elements(By.ID, PRESENT_FORM))
