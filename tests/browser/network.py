"""What reached the browser: every network response body (through the DevTools
protocol) and the page's whole DOM, searched for text that must not be there."""

from __future__ import annotations

import html
import json
import time

from selenium.common.exceptions import WebDriverException

from tests.browser.conftest import wait

# Bodies Chrome never keeps: redirects and answers without content.
NO_BODY_STATUSES = {204, 301, 302, 303, 304, 307, 308}


def start_recording(driver) -> None:
    """Enable the Network domain (before loading pages) and drop old log entries."""
    driver.execute_cdp_cmd("Network.enable", {})
    driver.get_log("performance")


def discard(driver) -> None:
    """Forget the responses so far (pages that are allowed to show everything)."""
    driver.get_log("performance")


def responses(driver) -> list[dict]:
    """Every Network.responseReceived since the last call: url, status, requestId."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.responseReceived":
            continue
        params = message["params"]
        found.append(
            {
                "requestId": params["requestId"],
                "url": params["response"]["url"],
                "status": params["response"]["status"],
            }
        )
    return found


def response_bodies(driver) -> dict[str, str]:
    """url#requestId → body of every response of the page since the last call.

    Call it before leaving the page: Chrome drops a document's bodies when it
    goes. A body it cannot give back is an error for the Dash callback answers
    (redirects and empty answers have none)."""
    bodies: dict[str, str] = {}
    missing = []
    for response in responses(driver):
        if response["status"] in NO_BODY_STATUSES or response["url"].startswith(
            "data:"
        ):
            continue
        try:
            got = driver.execute_cdp_cmd(
                "Network.getResponseBody", {"requestId": response["requestId"]}
            )
        except WebDriverException:
            missing.append(response["url"])
            continue
        body = got.get("body", "")
        if got.get("base64Encoded"):
            body = ""  # images and fonts: no text to search
        bodies[f"{response['url']}#{response['requestId']}"] = body
    assert not [url for url in missing if "/_dash-" in url], missing
    return bodies


def spellings(text: str) -> set[str]:
    """How a text can appear in HTML or JSON: as is, escaped, \\u-escaped."""
    return {
        text,
        html.escape(text, quote=False),
        html.escape(text),
        json.dumps(text)[1:-1],
        json.dumps(text, ensure_ascii=False)[1:-1],
    }


def leaks(text: str, forbidden: dict[str, set[str]]) -> list[str]:
    """The forbidden things (by label) that appear in `text` in any spelling."""
    return sorted(
        label
        for label, forms in forbidden.items()
        if any(form and form in text for form in forms)
    )


def dom(driver) -> str:
    """The whole document as it is now."""
    return driver.execute_script("return document.documentElement.outerHTML")


def settle(driver, ready_css: str, seconds: float = 45) -> None:
    """Wait for the page's content, then until nothing is loading for a moment."""

    def ready(d) -> bool:
        return bool(
            d.execute_script(
                "return document.readyState === 'complete'"
                " && !!document.querySelector(arguments[0])"
                " && !document.querySelector('[data-dash-is-loading=\"true\"]');",
                ready_css,
            )
        )

    wait(driver, seconds).until(ready)
    time.sleep(1.5)
    wait(driver, seconds).until(ready)
