"""Browser fixtures: the app served by `python app.py`, driven by headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dashboard.auth.demo_users import DEMO_PASSWORD
from tests.conftest import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "screenshots"
AS_OF = "2026-08-15"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_served(url: str, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the app exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the app did not serve {url} within {seconds} s")


def start_app(folder: Path, database_url: str, **env: str):
    """Start `python app.py` on a free port; return (process, url, log path).
    Fails the test with the end of the app's log when it does not come up."""
    port = free_port()
    log_path = folder / f"app-{port}.log"
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "AS_OF": AS_OF,
        "TIMEZONE": "UTC",
        **env,
    }
    with open(log_path, "w") as log:
        command = [sys.executable, "app.py"]
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(url + "/healthz", process, 90)
    except RuntimeError as exc:
        stop_app(process)
        pytest.fail(f"{exc}: {log_path.read_text()[-2000:]}")
    return process, url, log_path


def stop_app(process: subprocess.Popen) -> None:
    """End an app started by start_app."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """`python app.py` on an empty SQLite database (so it loads the demo data),
    shared by every browser test of the session."""
    folder = tmp_path_factory.mktemp("live")
    database_url = f"sqlite:///{folder / 'app.db'}"
    process, url, _log = start_app(folder, database_url)
    yield {"url": url, "database_url": database_url, "as_of": AS_OF}
    stop_app(process)


def log_in_browser(
    driver, url: str, username: str = "admin", password: str = DEMO_PASSWORD
) -> None:
    """Log in through the /login form; the session cookie stays in the browser.

    The demo data comes with one user per role: admin, manager, am, client.
    """
    from selenium.webdriver.common.by import By

    # Land on /healthz, not a dashboard page still loading when the test begins.
    driver.get(url + "/login?next=%2Fhealthz")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(lambda d: d.current_url.endswith("/healthz"))


def wait(driver, seconds: float = 30):
    """A WebDriverWait that retries when Dash replaced an element it was reading."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(
        driver,
        seconds,
        poll_frequency=0.2,
        ignored_exceptions=(StaleElementReferenceException,),
    )


def make_driver(width: int = 1280, height: int = 720, performance: bool = False):
    """Headless Chromium (Debian's chromium + chromedriver) with console logging;
    with `performance`, Chrome's network events are logged too."""
    chromium = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        skip_or_fail("chromium or chromedriver is not installed: browser tests skipped")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
    ):
        options.add_argument(argument)
    logs = {"browser": "ALL"}
    if performance:
        logs["performance"] = "ALL"
    options.set_capability("goog:loggingPrefs", logs)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    return driver


def set_viewport(driver, width: int, height: int) -> None:
    """Make the page's viewport (not the window around it) width x height."""
    driver.set_window_size(width, height)
    inner_w, inner_h = driver.execute_script(
        "return [window.innerWidth, window.innerHeight]"
    )
    if (inner_w, inner_h) != (width, height):
        size = driver.get_window_size()
        driver.set_window_size(
            size["width"] + width - inner_w, size["height"] + height - inner_h
        )


@pytest.fixture
def browser(live_app):
    """Headless Chromium at 1280x720, logged in to the live app as the demo admin
    (everything in scope)."""
    driver = make_driver()
    log_in_browser(driver, live_app["url"])
    yield driver
    driver.quit()


def save_screenshot(driver, name: str) -> Path:
    """Keep a screenshot as a test artifact under artifacts/screenshots/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def console_errors(driver) -> list[str]:
    """Browser console entries of level SEVERE."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def click_when_ready(driver, locator: tuple[str, str], seconds: float = 30) -> None:
    """Click the element once it is there and clickable, finding it afresh on every
    try (Dash may re-render it between finding and clicking)."""
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        ElementNotInteractableException,
        NoSuchElementException,
    )

    def click(d) -> bool:
        try:
            d.find_element(*locator).click()
        except (
            NoSuchElementException,
            ElementClickInterceptedException,
            ElementNotInteractableException,
        ):
            return False
        return True

    wait(driver, seconds).until(click)
