"""The browser side of benchmarks/browser.py: headless Chromium, the login, and
the scripts it runs inside the page to time a view."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)


@dataclass(frozen=True)
class ViewResult:
    """One timed view: browser and server milliseconds."""

    browser_ms: float
    server_ms: float
    # (callback outputs, sent, answered) in ms since the view's start.
    requests: tuple[tuple[str, float, float], ...] = ()


# Added to every page before its own scripts: counts the Dash callback requests in
# flight and, on every animation frame, checks whether the view is complete (no
# request in flight, no component loading, the containers filled, every graph
# drawn). `settledAt` is the first frame of the current complete stretch, measured
# from `started` (0, the navigation's start, or the moment of a tab click).
TRACKER_JS = """
(function () {
    var CONTAINERS = 'benchmark-containers';
    var state = {pending: 0, started: 0, settledAt: null, requests: []};
    performance.setResourceTimingBufferSize(10000);
    var originalFetch = window.fetch;
    window.fetch = function (input, init) {
        var url = typeof input === 'string' ? input : (input && input.url) || '';
        var counted = url.indexOf('_dash-update-component') >= 0;
        if (!counted) return originalFetch.apply(this, arguments);
        state.pending++;
        var output = '';
        try { output = JSON.parse(init.body).output; } catch (e) {}
        var request = {output: output, sent: performance.now(), answered: null};
        state.requests.push(request);
        var answer = originalFetch.apply(this, arguments);
        var done = function () {
            state.pending--;
            request.answered = performance.now();
        };
        answer.then(done, done);
        return answer;
    };
    function complete() {
        if (state.pending > 0) return false;
        if (document.querySelector('[data-dash-is-loading="true"]')) return false;
        // The view's containers, named by the benchmark before it navigates.
        var containers = JSON.parse(sessionStorage.getItem(CONTAINERS) || '[]');
        for (var i = 0; i < containers.length; i++) {
            var box = document.getElementById(containers[i]);
            if (!box || !box.children.length) return false;
        }
        var graphs = document.querySelectorAll('.dash-graph');
        for (var j = 0; j < graphs.length; j++) {
            if (!graphs[j].querySelector('.main-svg')) return false;
        }
        return true;
    }
    function frame() {
        if (!complete()) {
            state.settledAt = null;
        } else if (state.settledAt === null) {
            state.settledAt = performance.now();
        }
        requestAnimationFrame(frame);
    }
    requestAnimationFrame(frame);
    window.__benchmark = {
        state: state,
        start: function () {
            state.started = performance.now();
            state.settledAt = null;
            state.requests = [];
            performance.clearResourceTimings();
            // The click's callbacks start in this task; until then the old view
            // must not count as complete.
            state.pending++;
            setTimeout(function () { state.pending--; }, 0);
        },
    };
})();
"""

# Names the containers a view fills (ids); kept for the next pages of the tab.
EXPECT_JS = (
    "sessionStorage.setItem('benchmark-containers', JSON.stringify(arguments[0]))"
)

# Run by the benchmark until it answers: [browser ms, server ms] once the view has
# been complete for `quiet` ms, else null.
SETTLED_JS = """
var bench = window.__benchmark;
if (!bench) return null;
var state = bench.state;
if (state.settledAt === null) return null;
if (performance.now() - state.settledAt < arguments[0]) return null;
var server = 0;
performance.getEntriesByType('resource').forEach(function (entry) {
    if (entry.name.indexOf('_dash-update-component') >= 0
            && entry.startTime >= state.started) {
        server += entry.responseStart - entry.requestStart;
    }
});
var requests = state.requests.map(function (r) {
    return [r.output, r.sent - state.started, r.answered - state.started];
});
return [state.settledAt - state.started, server, requests];
"""


# Charts whose margins Plotly had to grow after drawing them (their labels did not
# fit the margins reserved by dashboard/figures/margins.py), so drawn twice; and
# all charts on the page.
GROWN_JS = """
var grown = 0, charts = 0;
document.querySelectorAll('.js-plotly-plot').forEach(function (gd) {
    var full = gd._fullLayout;
    if (!full) { return; }
    charts += 1;
    var margin = full.margin, size = full._size;
    if (['l', 'r', 't', 'b'].some(function (k) { return size[k] > margin[k] + 0.5; })) {
        grown += 1;
    }
});
return [grown, charts];
"""


def make_driver():
    """Headless Chromium whose pages all carry the tracking script."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    service = Service(shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": TRACKER_JS}
    )
    return driver


def log_in(driver, url: str) -> None:
    """Log in as the demo admin through the form."""
    from selenium.webdriver.common.by import By

    from dashboard.auth.demo_users import DEMO_PASSWORD

    driver.get(url + "/login?next=%2Fhealthz")
    driver.find_element(By.ID, "username").send_keys("admin")
    driver.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    deadline = time.monotonic() + 30
    while not driver.current_url.endswith("/healthz"):
        if time.monotonic() > deadline:
            raise SystemExit("could not log in as admin")
        time.sleep(0.1)
