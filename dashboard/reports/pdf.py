"""The report as a PDF: a long-lived headless Chromium prints the HTML (A4 portrait).

One browser per process, started at the first PDF, started again when it has died,
stopped at exit; each PDF gets a tab of its own, closed after. A lock lets one
thread print at a time. A print that takes longer than the timeout stops the
browser (the next PDF starts a new one) and raises a RuntimeError saying so.

The running header (client and period) and the page numbers are CSS page-margin
boxes (`@page { @top-center {...} }`), which Chromium draws itself when its own
header and footer are off, so the browser's print of the page gets them too.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from dashboard.reports.devtools import BrowserGone, BrowserTimeout, Chromium

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 120
CHUNK = 1 << 20
EXIT_WAIT_SECONDS = 5
A4_INCHES = (210 / 25.4, 297 / 25.4)
PRINT_OPTIONS = {
    "landscape": False,
    "paperWidth": A4_INCHES[0],
    "paperHeight": A4_INCHES[1],
    "preferCSSPageSize": True,
    "printBackground": True,
    "displayHeaderFooter": False,
    "transferMode": "ReturnAsStream",
}

_lock = threading.Lock()
_browser: Chromium | None = None


class PdfUnavailable(RuntimeError):
    """No Chromium to print with; the message says what to install."""


def find_chromium() -> str | None:
    """The Chromium to print with: BROWSER_PATH, else one on the PATH."""
    given = os.environ.get("BROWSER_PATH", "").strip()
    if given:
        return os.path.abspath(given) if Path(given).is_file() else None
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


def html_to_pdf(html: str, out: Path, *, timeout: float = TIMEOUT_SECONDS) -> None:
    """Print a whole HTML document to `out`; raise PdfUnavailable without Chromium
    and RuntimeError when it fails or takes longer than `timeout` seconds."""
    chromium = find_chromium()
    if chromium is None:
        raise PdfUnavailable(
            "PDF output needs Chromium: apt-get install chromium"
            " (or set BROWSER_PATH); the HTML report works without it"
        )
    with tempfile.TemporaryDirectory(prefix="crd-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        with _lock:
            # A browser that died while idle is only noticed on use: try once more.
            for attempt in (1, 2):
                browser = _running(chromium)
                try:
                    _print(browser, page.as_uri(), out, time.monotonic() + timeout)
                    return
                except BrowserTimeout:
                    _stop()
                    raise RuntimeError(
                        f"Chromium did not print the report within {timeout:g} s;"
                        " it was stopped and the next PDF starts a new one"
                    ) from None
                except BrowserGone as exc:
                    _stop()
                    if attempt == 2:
                        raise RuntimeError(
                            f"Chromium could not print the report ({chromium})"
                        ) from exc


def browser_pid() -> int | None:
    """The running browser's process id, None before the first PDF."""
    with _lock:
        return _browser.pid if _browser and _browser.alive() else None


def _running(chromium: str) -> Chromium:
    """This process's browser, started anew when missing, dead or another one."""
    global _browser
    if _browser is not None and (
        _browser.owner != os.getpid()  # inherited through fork: not ours
        or _browser.executable != chromium
        or not _browser.alive()
    ):
        _stop()
    if _browser is None:
        try:
            _browser = Chromium(chromium)
        except OSError as exc:
            raise RuntimeError(f"Chromium could not be started ({chromium})") from exc
    return _browser


def _stop() -> None:
    global _browser
    if _browser is not None:
        _browser.kill()
        _browser = None


@atexit.register
def close_browser() -> None:
    """Stop this process's browser (politely first); run at exit. A thread still
    printing is waited for a few seconds, then the browser is stopped anyway."""
    global _browser
    locked = _lock.acquire(timeout=EXIT_WAIT_SECONDS)
    try:
        if _browser is not None:
            if locked:
                _browser.close()
            else:
                _browser.kill()
            _browser = None
    finally:
        if locked:
            _lock.release()


def _print(browser: Chromium, url: str, out: Path, deadline: float) -> None:
    """Open `url` in a new tab, wait for its load event, print it, close the tab."""
    browser.forget_events()
    target = browser.call(
        "Target.createTarget", {"url": "about:blank"}, deadline=deadline
    )["targetId"]
    session = browser.call(
        "Target.attachToTarget",
        {"targetId": target, "flatten": True},
        deadline=deadline,
    )["sessionId"]

    def call(method: str, params: dict | None = None) -> dict:
        return browser.call(method, params, deadline=deadline, session=session)

    try:
        call("Page.enable")
        call("Page.setLifecycleEventsEnabled", {"enabled": True})
        opened = call("Page.navigate", {"url": url})
        if opened.get("errorText"):
            raise RuntimeError(
                f"Chromium could not open the report: {opened['errorText']}"
            )
        browser.wait_for(
            "Page.lifecycleEvent",
            deadline=deadline,
            name="load",
            loaderId=opened.get("loaderId"),
        )
        stream = call("Page.printToPDF", PRINT_OPTIONS)["stream"]
        with out.open("wb") as file:
            while True:
                chunk = call("IO.read", {"handle": stream, "size": CHUNK})
                data = chunk.get("data", "")
                file.write(
                    base64.b64decode(data)
                    if chunk.get("base64Encoded")
                    else data.encode()
                )
                if chunk.get("eof"):
                    break
        call("IO.close", {"handle": stream})
    finally:
        # Fails at once when the browser is gone or the time is up: that error wins.
        with contextlib.suppress(RuntimeError, OSError):
            browser.call("Target.closeTarget", {"targetId": target}, deadline=deadline)
