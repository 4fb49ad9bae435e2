"""In Chromium at 1280x720: one client's headline (English and Chinese, light and
dark) shows its own cards, none overlapping or cut, with the agreed targets; the
client page shows the targets panel to a manager. Screenshots are kept under
artifacts/screenshots/."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from layouts import ids
from tests.browser.conftest import (
    console_errors,
    log_in_browser,
    make_driver,
    save_screenshot,
    wait,
)
from tests.browser.pages import a_client, wait_settled
from tests.browser.present import search_box

pytestmark = pytest.mark.browser
LOOKS = (("light", "en"), ("dark", "en"), ("light", "zh"), ("dark", "zh"))
# Pairs of cards whose boxes overlap, and figures or lines cut by their box.
OVERLAPS = """
var cards = Array.from(document.querySelectorAll('.kpi-card'));
var boxes = cards.map(c => c.getBoundingClientRect());
var pairs = [];
for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
  var a = boxes[i], b = boxes[j];
  if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1
      && b.top < a.bottom - 1) pairs.push([cards[i].id, cards[j].id]);
}
return pairs;
"""
CUT = """
var cut = [];
document.querySelectorAll('.kpi-value, .kpi-target, .kpi-note, .kpi-title')
  .forEach(e => { if (e.scrollWidth > e.clientWidth + 1)
    cut.push(e.closest('.kpi-card').id + ': ' + e.textContent); });
return cut;
"""


@pytest.fixture(scope="module")
def manager_browser(live_app):
    driver = make_driver(1280, 720)
    log_in_browser(driver, live_app["url"], "manager")
    yield driver
    driver.quit()


@pytest.mark.parametrize("theme,lang", LOOKS, ids=[f"{t}-{lang}" for t, lang in LOOKS])
def test_one_clients_headline_fits_1280x720(live_app, manager_browser, theme, lang):
    driver = manager_browser
    driver.get_log("browser")
    client = a_client(live_app)
    driver.get(f"{live_app['url']}/?client={client}&lang={lang}&theme={theme}")
    wait(driver).until(lambda d: d.find_elements(By.ID, ids.kpi_card("health")))
    wait_settled(driver)
    shown = [
        c.get_attribute("id")
        for c in driver.find_elements(By.CSS_SELECTOR, ".kpi-card")
    ]
    assert shown[:3] == ["kpi-health", "kpi-revenue", "kpi-nrr"]
    assert "kpi-active_clients" not in shown
    assert driver.execute_script(OVERLAPS) == []
    assert driver.execute_script(CUT) == []
    # The demo's targets of this quarter: at least one card says met or missed.
    marks = driver.find_elements(By.CSS_SELECTOR, ".kpi-target")
    assert marks and all(m.text[:1] in "✓✗?" for m in marks)
    wide = driver.execute_script(
        "var e = document.documentElement; return e.scrollWidth > e.clientWidth"
    )
    assert not wide
    save_screenshot(driver, f"client-headline-{theme}-{lang}-1280x720")
    driver.execute_script("window.scrollTo(0, 170)")  # the cards' last row
    save_screenshot(driver, f"client-headline-{theme}-{lang}-1280x720-cards")
    assert console_errors(driver) == []


def test_the_client_page_offers_the_targets_panel_to_a_manager(
    live_app, manager_browser
):
    driver = manager_browser
    driver.get(f"{live_app['url']}/clients/{a_client(live_app)}")
    wait_settled(driver)
    panel = driver.find_element(By.ID, ids.TARGETS_PANEL)
    assert "Agreed targets" in panel.text
    # The first KPI offered is revenue: its unit and what is stored now.
    hint = driver.find_element(By.ID, ids.TARGET_HINT)
    wait(driver).until(lambda d: hint.text.startswith("An amount of at least 0"))
    in_view = (
        "arguments[0].scrollIntoView({block: 'center'});"
        " var r = arguments[0].getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight;"
    )
    wait(driver).until(lambda d: d.execute_script(in_view, panel))
    save_screenshot(driver, "client-targets-panel-light-en-1280x720")
    assert console_errors(driver) == []


def test_the_client_pages_period_picker_and_link_follow_each_other(
    live_app, manager_browser
):
    # The picker writes the link; Back writes the picker (the page's own
    # Location, so the dashboard's changes send nothing for it).
    driver = manager_browser
    until = wait(driver).until
    client = a_client(live_app)
    driver.get(f"{live_app['url']}/clients/{client}?period=2026-Q1")
    until(lambda d: "2026-Q1: " in d.find_element(By.ID, ids.CLIENT_BODY).text)
    picker = driver.find_element(By.CSS_SELECTOR, ".client-period-picker")
    picker.click()
    until(search_box).send_keys("2026-Q2")
    until(
        lambda d: next(
            (o for o in d.find_elements(By.CSS_SELECTOR, "[role=option]")
             if o.text == "2026-Q2"),
            None,
        )
    ).click()  # fmt: skip
    until(lambda d: d.current_url.endswith(f"/clients/{client}?period=2026-Q2"))
    until(lambda d: "2026-Q2: " in d.find_element(By.ID, ids.CLIENT_BODY).text)
    driver.back()
    until(lambda d: d.current_url.endswith(f"/clients/{client}?period=2026-Q1"))
    until(lambda d: "2026-Q1: " in d.find_element(By.ID, ids.CLIENT_BODY).text)
    until(
        lambda d: (
            "2026-Q1" in d.find_element(By.CSS_SELECTOR, ".client-period-picker").text
        )
    )
    assert console_errors(driver) == []
