"""In Chromium: a client without meetings gets sentences naming the client and the
period on the meetings tab, never empty axes or empty chart frames."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import delete, insert

from data.db import make_engine
from data.models import Client
from layouts import ids
from tests.browser.conftest import console_errors, wait
from tests.browser.pages import chart_message_css, wait_settled

pytestmark = pytest.mark.browser
NAME = "Quiet Harbour Ltd"
EXTERNAL_ID = "QUIET-1"
PERIOD = "2026-Q3"
# The meetings tab's charts and what each says for a client with no meetings
# (dashboard/figures/meetings.py, dashboard/figures/meeting_kinds.py).
EIGHT_PERIODS = f"No held meetings for {NAME} in the 8 periods up to {PERIOD}"
MESSAGES = {
    "meetings-attendance-trend": EIGHT_PERIODS,
    "meetings-attendance-clients": f"No held meetings for {NAME} in {PERIOD}",
    "meetings-goals-trend": EIGHT_PERIODS,
    "meetings-overruns": EIGHT_PERIODS,
    "meetings-kind-status": f"No meetings for {NAME} in {PERIOD}",
}


@pytest.fixture
def client_without_meetings(live_app):
    """An active client, onboarded this year, with no meetings at all."""
    engine = make_engine(live_app["database_url"])
    with engine.begin() as conn:
        conn.execute(
            insert(Client).values(
                external_id=EXTERNAL_ID,
                name=NAME,
                segment="smb",
                onboarded_on=dt.date(2026, 1, 5),
            )
        )
    yield EXTERNAL_ID
    with engine.begin() as conn:
        conn.execute(delete(Client).where(Client.external_id == EXTERNAL_ID))
    engine.dispose()


def chart_text(driver, name: str) -> str:
    """The line of text shown instead of chart `name`."""
    found = driver.find_elements(By.CSS_SELECTOR, chart_message_css(name))
    return found[0].text if found else ""


def test_meetings_tab_names_the_client_and_period_instead_of_empty_axes(
    live_app, browser, client_without_meetings
):
    query = f"?tab=meetings&client={client_without_meetings}&period={PERIOD}"
    browser.get(live_app["url"] + "/" + query)
    wait(browser).until(lambda d: NAME in d.find_element(By.ID, ids.CHIPS).text)
    wait_settled(browser)
    for name, message in MESSAGES.items():
        wait(browser).until(lambda d, n=name, m=message: m in chart_text(d, n))
    tab = browser.find_element(By.ID, ids.TAB_CONTENT)
    # Each is one line of text: no chart frame at all, so no axis either (no
    # ticks, no gridlines, no bars or points).
    assert tab.find_elements(By.CSS_SELECTOR, ".js-plotly-plot") == []
    drawn = ".xtick, .ytick, .gridlayer path, .bars .point, .scatterlayer .point"
    assert tab.find_elements(By.CSS_SELECTOR, drawn) == []
    assert console_errors(browser) == []
