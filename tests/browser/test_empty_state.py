"""In Chromium: a client without meetings gets one sentence naming the client and
the period on the meetings tab, never empty axes or empty chart frames."""

from __future__ import annotations

import datetime as dt

import pytest
from selenium.webdriver.common.by import By
from sqlalchemy import delete, insert

from data.db import make_engine
from data.models import Client
from layouts import ids
from tests.browser.conftest import console_errors, wait
from tests.browser.pages import wait_settled

pytestmark = pytest.mark.browser
NAME = "Quiet Harbour Ltd"
EXTERNAL_ID = "QUIET-1"
PERIOD = "2026-Q3"
# What the meetings tab says, once, for a client with no meetings
# (dashboard/figures/meetings.py; callbacks/collapse.py).
EIGHT_PERIODS = f"No held meetings for {NAME} in the 8 periods up to {PERIOD}"


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


def empty_lines(driver) -> list[str]:
    """The lines of text the tab shows instead of its charts."""
    tab = driver.find_element(By.ID, ids.TAB_CONTENT)
    return [line.text for line in tab.find_elements(By.CSS_SELECTOR, ".section-empty")]


def test_meetings_tab_names_the_client_and_period_instead_of_empty_axes(
    live_app, browser, client_without_meetings
):
    query = f"?tab=meetings&client={client_without_meetings}&period={PERIOD}"
    browser.get(live_app["url"] + "/" + query)
    wait(browser).until(lambda d: NAME in d.find_element(By.ID, ids.CHIPS).text)
    wait_settled(browser)
    wait(browser).until(lambda d: empty_lines(d) == [EIGHT_PERIODS])
    tab = browser.find_element(By.ID, ids.TAB_CONTENT)
    # Each is one line of text: no chart frame at all, so no axis either (no
    # ticks, no gridlines, no bars or points).
    assert tab.find_elements(By.CSS_SELECTOR, ".js-plotly-plot") == []
    drawn = ".xtick, .ytick, .gridlayer path, .bars .point, .scatterlayer .point"
    assert tab.find_elements(By.CSS_SELECTOR, drawn) == []
    assert console_errors(browser) == []
