"""Record the callback requests a browser sends for a view, and send them again.

`record` opens the dashboard in headless Chromium (a script in the page keeps the
body of every POST to /_dash-update-component) for two kinds of view:
- a page load: navigating to the view's link;
- a change: from another view of the same page, the link changes in place (as a
  filter, a chip or a tab does), so the callbacks a change fires are recorded.
`Client.replay` posts the recorded bodies one after the other over HTTP and
returns the wall time of them all, from the client side (payload size counts).
`Client.replay_overlapped` posts them as the browser did: each once the requests
that had answered before the browser sent it have answered, so requests the
browser had in flight together run together.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import requests

CALLBACK_PATH = "/_dash-update-component"
RECORDER_JS = """
window.__recorded = [];
window.__inFlight = 0;
window.__lastDone = performance.now();
const originalFetch = window.fetch;
window.fetch = function (resource, init) {
  const url = typeof resource === 'string' ? resource : resource.url;
  if (!url.includes('CALLBACK_PATH') || !init || !init.body) {
    return originalFetch.apply(this, arguments);
  }
  const sent = {body: init.body, start: performance.now(), end: null};
  window.__recorded.push(sent);
  window.__inFlight += 1;
  const done = () => {
    window.__inFlight -= 1;
    window.__lastDone = sent.end = performance.now();
  };
  return originalFetch.apply(this, arguments).then(
    (r) => { r.clone().text().then(done, done); return r; },
    (e) => { done(); throw e; });
};
""".replace("CALLBACK_PATH", CALLBACK_PATH)
QUIET_MS = 1500
BROWSER_CONNECTIONS = 6  # Chromium's connections to one host


@dataclass(frozen=True)
class Recorded:
    """The callback bodies of one view."""

    name: str
    path: str
    bodies: tuple[str, ...]
    # Per body, the bodies whose answers had arrived before the browser sent it.
    after: tuple[tuple[int, ...], ...] = ()


def answered_before(sent: list[dict]) -> tuple[tuple[int, ...], ...]:
    """Per request (`start` and `end` in ms, in the order sent), the earlier
    requests that had answered before it was sent: what it waited for."""
    return tuple(
        tuple(j for j in range(i) if sent[j]["end"] <= request["start"])
        for i, request in enumerate(sent)
    )


def recorded(name: str, path: str, sent: list[dict]) -> Recorded:
    return Recorded(name, path, tuple(r["body"] for r in sent), answered_before(sent))


def make_driver():
    """Headless Chromium that records the callback bodies of every page."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-dev-shm-usage", "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    # A page with thousands of options can keep the renderer busy for a while.
    driver.set_script_timeout(600)
    driver.set_page_load_timeout(600)
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER_JS}
    )
    return driver


def browser_log_in(driver, url: str, username: str, password: str) -> None:
    """Log in through the form."""
    from selenium.webdriver.common.by import By

    driver.get(url + "/login?next=%2Fhealthz")
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    deadline = time.monotonic() + 60
    while not driver.current_url.endswith("/healthz"):
        if time.monotonic() > deadline:
            raise SystemExit(f"could not log in as {username}")
        time.sleep(0.1)


def wait_quiet(driver, seconds: float = 900) -> list[dict]:
    """The requests sent since the page (or the last call), once no callback has
    been in flight for QUIET_MS, each with its body and when it was sent and
    answered (ms); clears the record."""
    from selenium.common.exceptions import TimeoutException

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            state = driver.execute_script(
                "return [window.__inFlight, performance.now() - window.__lastDone,"
                " window.__recorded.length]"
            )
        except TimeoutException:  # the page is busy drawing: ask again
            continue
        if state and state[0] == 0 and state[1] >= QUIET_MS and state[2] > 0:
            return driver.execute_script(
                "const r = window.__recorded; window.__recorded = []; return r;"
            )
        time.sleep(0.1)
    raise SystemExit(f"{driver.current_url} did not settle within {seconds:.0f} s")


def record_load(driver, url: str, name: str, path: str) -> Recorded:
    """The callbacks of a page load of `path`."""
    driver.get(url + path)
    return recorded(name, path, wait_quiet(driver))


def record_change(driver, url: str, name: str, start: str, path: str) -> Recorded:
    """The callbacks fired when the link changes from `start` to `path` in place."""
    driver.get(url + start)
    wait_quiet(driver)
    driver.execute_script(
        "window.history.pushState({}, '', arguments[0]);"
        "window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));",
        path,
    )
    return recorded(name, path, wait_quiet(driver))


class Client:
    """An HTTP client with a logged-in session that replays recorded views."""

    def __init__(self, url: str, username: str | None = None, password: str = ""):
        self.url = url
        self.http = requests.Session()
        self._local = threading.local()  # each replaying thread's connection
        if username is not None:
            form = self.http.get(url + "/login", timeout=60).text
            token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            answer = self.http.post(
                url + "/login",
                data={
                    "username": username,
                    "password": password,
                    "csrf_token": token,
                    "next": "/healthz",
                },
                timeout=60,
            )
            if not answer.url.endswith("/healthz"):
                raise SystemExit(f"could not log in as {username} over HTTP")

    def replay(self, bodies) -> tuple[float, int]:
        """Seconds for every body posted in turn (answers read in full), and the
        bytes sent and received."""
        sent = 0
        started = time.perf_counter()
        for body in bodies:
            data = body if isinstance(body, str | bytes) else json.dumps(body)
            answer = self.http.post(
                self.url + CALLBACK_PATH,
                data=data,
                headers={"Content-Type": "application/json"},
                timeout=600,
            )
            if answer.status_code not in (200, 204):
                raise SystemExit(
                    f"callback answered {answer.status_code}: {data[:200]}"
                )
            sent += len(data) + len(answer.content)
        return time.perf_counter() - started, sent

    def replay_overlapped(self, recorded: Recorded) -> float:
        """Seconds for every body of `recorded`, each posted once those it
        waited for in the browser have answered, several at once where the
        browser had them in flight together (on up to BROWSER_CONNECTIONS
        kept-alive connections, as Chromium opens to one host)."""
        answered = [threading.Event() for _ in recorded.bodies]

        def post(index: int) -> None:
            try:
                for before in recorded.after[index]:
                    answered[before].wait()
                answer = self._connection().post(
                    self.url + CALLBACK_PATH,
                    data=recorded.bodies[index],
                    headers={"Content-Type": "application/json"},
                    timeout=600,
                )
                answer.content  # noqa: B018 - read in full, as a browser does
                if answer.status_code not in (200, 204):
                    raise SystemExit(f"callback answered {answer.status_code}")
            finally:  # never leave a later request waiting
                answered[index].set()

        started = time.perf_counter()
        # In order: a request waits only for earlier ones, which are running.
        for future in [self._pool.submit(post, i) for i in range(len(answered))]:
            future.result()
        return time.perf_counter() - started

    @functools.cached_property
    def _pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=BROWSER_CONNECTIONS)

    def _connection(self) -> requests.Session:
        """This thread's connection, logged in as the client is."""
        if not hasattr(self._local, "http"):
            self._local.http = requests.Session()
            self._local.http.cookies.update(self.http.cookies.get_dict())
        return self._local.http

    def page_load(self, path: str, bodies) -> tuple[float, int]:
        """A first page load: the page, its layout and callback map, then the
        callbacks (static files are cached by a browser and not counted)."""
        started = time.perf_counter()
        size = 0
        for address in (path, "/_dash-layout", "/_dash-dependencies"):
            answer = self.http.get(self.url + address, timeout=600)
            answer.raise_for_status()
            size += len(answer.content)
        _seconds, sent = self.replay(bodies)
        return time.perf_counter() - started, size + sent
