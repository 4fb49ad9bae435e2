"""In Chromium: a manager presents to one client; no other client's name and no
internal-only card reaches the screen or the network, on every tab, the client
page and links to other clients; stopping shows a neutral page, then the
portfolio. A client's own login looks the same (banner, larger type)."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import and_, func, select

from data.db import make_engine
from data.models import Client, Meeting
from layouts import ids
from layouts.account import PRESENT_BUTTON, PRESENT_FORM, STOP_FORM
from tests.browser.conftest import (
    console_errors,
    log_in_browser,
    make_driver,
    save_screenshot,
    wait,
)
from tests.browser.network import (
    discard,
    dom,
    leaks,
    response_bodies,
    settle,
    spellings,
    start_recording,
)
from tests.browser.present import choose_present_client, present_to

pytestmark = pytest.mark.browser
TABS = ("retention", "churn", "meetings", "action_items", "budget", "satisfaction")
INTERNAL_CARDS = (ids.kpi_card("cac"), ids.kpi_card("meeting_cost"))
DASHBOARD_READY = "body:has(#kpi-grid .kpi-card):has(#tab-content > *)"
CLIENT_READY = "#client-body .client-section"
STOPPED_READY = "#continue-to-dashboard"


def choose_clients(database_url: str) -> tuple[tuple[str, str], tuple[str, str], list]:
    """A: the active client with the most held meetings this quarter; B: another
    client; and every other client's name."""
    engine = make_engine(database_url)
    with engine.connect() as conn:
        held = (
            select(Client.external_id, Client.name, func.count(Meeting.id).label("n"))
            .join(Meeting, Meeting.client_id == Client.id)
            .where(
                and_(
                    Meeting.status == "held",
                    Meeting.scheduled_start >= dt.datetime(2026, 7, 1),
                    Client.churned_on.is_(None),
                )
            )
            .group_by(Client.external_id, Client.name)
            .order_by(func.count(Meeting.id).desc(), Client.external_id)
        )
        a_id, a_name, _n = conn.execute(held).first()
        everyone = conn.execute(select(Client.external_id, Client.name)).all()
    engine.dispose()
    others = [(cid, name) for cid, name in everyone if cid != a_id]
    return (a_id, a_name), others[0], [name for _cid, name in others]


@pytest.fixture
def recording_browser(live_app):
    """Chromium with the performance log, Network enabled, logged in as manager."""
    driver = make_driver(performance=True)
    start_recording(driver)
    log_in_browser(driver, live_app["url"], "manager")
    yield driver
    driver.quit()


def check_page(
    driver,
    forbidden: dict,
    label: str,
    shown: str | None = None,
    *,
    refused: bool = False,
) -> None:
    """The DOM and every response since the last check show nothing forbidden,
    and the console is clean. With `shown` (a freshly loaded page), that text is
    in the DOM and in a Dash answer: the search looks where the names would be.
    `refused`: the page itself was answered 403, which the console reports."""
    page = dom(driver)
    bodies = response_bodies(driver)
    if shown is not None:
        assert shown in page, label
        answers = [b for u, b in bodies.items() if "/_dash-update-component" in u]
        assert any(leaks(b, {shown: spellings(shown)}) for b in answers), label
    found = {"DOM": leaks(page, forbidden)}
    for url, body in bodies.items():
        if hits := leaks(body, forbidden):
            found[url] = hits
    assert {k: v for k, v in found.items() if v} == {}, label
    errors = console_errors(driver)
    if refused:
        errors = [e for e in errors if "status of 403" not in e]
    assert errors == [], label


def test_presenting_shows_one_client_only(live_app, recording_browser):
    driver, url = recording_browser, live_app["url"]
    (a_id, a_name), (b_id, _b_name), other_names = choose_clients(
        live_app["database_url"]
    )
    # Names that are part of A's own name cannot be told apart from it.
    forbidden = {name: spellings(name) for name in other_names if name not in a_name}
    forbidden.update({card: {f'"{card}"', f"id={card}"} for card in INTERNAL_CARDS})
    assert len(forbidden) > 40

    # Before presenting: a link to B, then the portfolio with the "Present to…" form.
    driver.get(f"{url}/?client={b_id}")
    settle(driver, DASHBOARD_READY)
    discard(driver)
    driver.get(url + "/")
    settle(driver, DASHBOARD_READY)
    assert driver.find_elements(By.ID, ids.kpi_card("cac")), "managers see CAC"
    choose_present_client(driver, a_id, a_id)
    discard(driver)  # the portfolio's own responses name everyone
    driver.find_element(By.ID, PRESENT_BUTTON).click()
    wait(driver).until(lambda d: f"client={a_id}" in d.current_url)
    settle(driver, DASHBOARD_READY)
    banner = driver.find_element(By.ID, "presenting-banner").text
    assert f"Prepared for {a_name}" in banner
    assert driver.title == f"{a_name} · Client Review Dashboard"
    assert "presenting" in driver.find_element(By.ID, ids.PAGE).get_attribute("class")
    assert driver.find_elements(By.ID, PRESENT_FORM) == []
    picker = driver.find_element(By.ID, ids.CLIENT_PICKER)
    assert a_name in picker.text
    check_page(driver, forbidden, "dashboard", a_name)

    for tab in TABS:
        driver.get(f"{url}/?client={a_id}&tab={tab}")
        settle(driver, DASHBOARD_READY)
        check_page(driver, forbidden, tab, a_name)
        if tab == "meetings":
            card = driver.find_element(By.ID, ids.BENCHMARK_CARD).text
            assert "Your attendance rate vs. the median of our clients" in card
            assert a_name in card and "%" in card

    driver.get(f"{url}/clients/{a_id}")
    settle(driver, CLIENT_READY)
    assert driver.find_element(By.CSS_SELECTOR, ".client-name").text.startswith(a_name)
    check_page(driver, forbidden, "client page", a_name)

    # Links to another client: the dashboard stays at A, B's page is refused.
    driver.get(f"{url}/?client={b_id}&tab=churn")
    wait(driver).until(lambda d: f"client={a_id}" in d.current_url)
    settle(driver, DASHBOARD_READY)
    assert f"client={b_id}" not in driver.current_url
    check_page(driver, forbidden, "link to B", a_name)
    driver.get(f"{url}/clients/{b_id}")
    settle(driver, f"#{ids.PRESENTING_NOTICE}")
    notice = driver.find_element(By.ID, ids.PRESENTING_NOTICE).text
    assert f"only {a_name} can be shown" in notice
    assert driver.title == f"{a_name} · Client Review Dashboard"
    check_page(driver, forbidden, "page of B", refused=True)
    # Back, all the way to the pages seen before presenting: still only A.
    for _step in range(3):
        driver.back()
        settle(driver, f"{DASHBOARD_READY}, {CLIENT_READY}, #{ids.PRESENTING_NOTICE}")
        check_page(driver, forbidden, f"back {_step}")

    # Stop presenting: a page without client data, then on a click the portfolio,
    # CAC and the "Present to…" form are back.
    driver.get(f"{url}/?client={a_id}")
    settle(driver, DASHBOARD_READY)
    discard(driver)  # the presented client's own page named it
    driver.find_element(By.CSS_SELECTOR, f"#{STOP_FORM} button").click()
    settle(driver, STOPPED_READY)
    assert driver.current_url == f"{url}/presenting/stopped"
    assert "stop sharing your screen" in dom(driver).lower()
    check_page(driver, forbidden | {a_name: spellings(a_name)}, "stopped")
    driver.find_element(By.CSS_SELECTOR, STOPPED_READY).click()
    settle(driver, DASHBOARD_READY)
    assert driver.find_elements(By.ID, "presenting-banner") == []
    assert driver.find_elements(By.ID, ids.kpi_card("cac"))
    assert driver.find_elements(By.ID, PRESENT_FORM)
    assert driver.title == "Client Review Dashboard"
    assert console_errors(driver) == []


@pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080)])
def test_presenting_screenshots(live_app, recording_browser, width, height):
    driver, url = recording_browser, live_app["url"]
    (a_id, a_name), _b, _names = choose_clients(live_app["database_url"])
    # The page's viewport exactly (a window of that size has a smaller one).
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    driver.get(url + "/")
    settle(driver, DASHBOARD_READY)
    present_to(driver, a_id, a_id)
    wait(driver).until(lambda d: f"client={a_id}" in d.current_url)
    try:
        for theme in ("light", "dark"):
            for lang in ("en", "zh"):
                query = f"?client={a_id}&tab=meetings&theme={theme}&lang={lang}"
                driver.get(f"{url}/{query}")
                settle(driver, DASHBOARD_READY)
                name = f"presenting-{theme}-{lang}-{width}x{height}"
                save_screenshot(driver, name)
                scroll = driver.execute_script(
                    "return document.documentElement.scrollWidth"
                )
                assert scroll <= width, f"{name}: no horizontal scroll"
                assert console_errors(driver) == [], name
                banner = driver.find_element(By.ID, "presenting-banner").text
                assert a_name in banner
        driver.get(f"{url}/clients/{a_id}?theme=dark&lang=zh")
        settle(driver, CLIENT_READY)
        save_screenshot(driver, f"presenting-client-dark-zh-{width}x{height}")
        assert console_errors(driver) == []
    finally:
        driver.get(url + "/")
        settle(driver, DASHBOARD_READY)
        driver.find_element(By.CSS_SELECTOR, f"#{STOP_FORM} button").click()
        settle(driver, STOPPED_READY)
        driver.find_element(By.CSS_SELECTOR, STOPPED_READY).click()
        wait(driver).until(lambda d: d.find_elements(By.ID, PRESENT_FORM))


def test_a_client_viewer_sees_the_presenting_view(live_app):
    driver, url = make_driver(), live_app["url"]
    try:
        log_in_browser(driver, url, "client")
        driver.get(f"{url}/?segment=enterprise&tab=meetings")
        wait(driver).until(lambda d: "client=" in d.current_url)
        settle(driver, DASHBOARD_READY)
        assert "segment=" not in driver.current_url
        title = driver.find_element(By.CSS_SELECTOR, "#presenting-banner strong")
        assert title.text.startswith("Prepared for ")
        name = title.text.removeprefix("Prepared for ")
        assert driver.title == f"{name} · Client Review Dashboard"
        assert driver.find_elements(By.ID, STOP_FORM) == []
        assert driver.find_elements(By.ID, PRESENT_FORM) == []
        # The larger type of presenting: 112.5 % of 16 px.
        size = driver.execute_script(
            "return getComputedStyle(document.documentElement).fontSize"
        )
        assert size == "18px"
        for picker in (ids.SEGMENT_PICKER, ids.REGION_PICKER, ids.OWNER_PICKER):
            assert not driver.find_element(By.ID, picker).is_displayed(), picker
        assert not driver.find_element(By.ID, ids.RESET).is_displayed()
        assert "All clients" not in dom(driver)
        driver.find_element(By.ID, "client-page-link").click()
        settle(driver, CLIENT_READY)
        assert driver.find_element(By.CSS_SELECTOR, ".client-name").text.startswith(
            name
        )
        assert console_errors(driver) == []
    finally:
        driver.quit()
