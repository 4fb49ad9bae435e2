"""Reading the dashboard in the browser: headline figures, charts, settled tabs;
and what the database says they should show."""

from __future__ import annotations

import datetime as dt
import json

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

from dashboard.figures.card_values import format_value
from dashboard.figures.client_cards import CLIENT_HEADLINE_KEYS
from dashboard.kernel.filters import parse_filters
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import kpi_report
from data.db import make_engine
from data.queries.choices import client_choices
from layouts import ids
from tests.browser.conftest import wait

KEYS = ("active_clients", "revenue", "retention_rate", "nps")


def expected_values(
    live_app, clients: list[str], lang: str = "en", period: str | None = None
) -> dict[str, str]:
    """What `python -m dashboard kpis` says for the filters, formatted as shown."""
    settings = Settings(
        database_url=live_app["database_url"],
        as_of=dt.date.fromisoformat(live_app["as_of"]),
    )
    filters = parse_filters(period=period, clients=clients, as_of=settings.as_of)
    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        report = kpi_report(
            conn, settings=settings, filters=filters, scope=Scope.everything()
        )
    engine.dispose()
    # One client's headline has no logo cards (active clients, retention).
    keys = [k for k in KEYS if len(clients) != 1 or k in CLIENT_HEADLINE_KEYS]
    return {key: format_value(key, report[key], lang, "USD") for key in keys}


def shown_values(driver) -> dict[str, str | None]:
    """The headline cards' figures now (of KEYS, the cards shown); None for a
    card Dash is replacing."""
    values = {}
    for key in KEYS:
        cards = driver.find_elements(By.CSS_SELECTOR, f"#kpi-{key} .kpi-value")
        if not cards:
            continue
        try:
            values[key] = cards[0].text
        except StaleElementReferenceException:
            values[key] = None
    return values


def a_client(live_app, position: int = 3) -> str:
    """The external id of one demo client (the filter list's `position`-th)."""
    engine = make_engine(live_app["database_url"])
    with engine.connect() as conn:
        choices = client_choices(conn=conn, scope=Scope.everything())
    engine.dispose()
    return choices.iloc[position]["external_id"]


def chart_css(name: str) -> str:
    """The CSS selector of the chart card's graph `ids.chart(name)`: Dash writes a
    dict id as JSON with sorted keys."""
    element_id = json.dumps(ids.chart(name), sort_keys=True, separators=(",", ":"))
    return f"[id='{element_id}']"


def chart_message_css(name: str) -> str:
    """The CSS selector of the line of text shown instead of chart `name` when it
    has nothing to draw (`ids.chart_message`)."""
    element_id = json.dumps(
        ids.chart_message(ids.chart(name)), sort_keys=True, separators=(",", ":")
    )
    return f"[id='{element_id}']"


def settled(driver, container: str = ids.TAB_CONTENT) -> bool:
    """True when no Dash callback is running and the charts in `container` (the
    dashboard's tab, or ids.CLIENT_BODY on a client's page) are drawn."""
    return driver.execute_script(
        """
        if (document.querySelector('[data-dash-is-loading="true"]')) return false;
        var tab = document.getElementById(arguments[0]);
        if (!tab || !tab.children.length) return false;
        var graphs = tab.querySelectorAll('.dash-graph');
        for (var i = 0; i < graphs.length; i++) {
            if (!graphs[i].querySelector('.main-svg')) return false;
        }
        return true;
        """,
        container,
    )


def wait_settled(driver, seconds: float = 30) -> None:
    """Wait until the page's callbacks are done and its charts drawn (the tab's on
    the dashboard, the client's on a client page)."""
    client_page = "/clients/" in driver.current_url
    container = ids.CLIENT_BODY if client_page else ids.TAB_CONTENT
    wait(driver, seconds).until(lambda d: settled(d, container))


def requested_urls(driver) -> list[str]:
    """Every URL the page requested since the last call (needs a driver made with
    `performance=True`; reading Chrome's network log empties it)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls
