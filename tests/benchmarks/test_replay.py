"""The benchmark replays a view's callbacks one after the other, or overlapped
exactly as the browser sent them."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from benchmarks.replay import Client, Recorded, answered_before


def test_each_request_waits_for_those_answered_before_it_was_sent():
    sent = [
        {"start": 0, "end": 5},  # the link sync
        {"start": 6, "end": 100},  # the tab, in flight ...
        {"start": 7, "end": 12},  # ... while the filter sync answers,
        {"start": 13, "end": 110},  # so the headline overlaps the tab
        {"start": 111, "end": 115},  # sent once both had answered
    ]
    assert answered_before(sent) == ((), (0,), (0,), (0, 2), (0, 1, 2, 3))


@pytest.fixture
def server():
    """A callback endpoint on 127.0.0.1 that sleeps as each body says and notes
    when each request arrived and was answered."""
    seen: dict[str, tuple[float, float]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            arrived = time.perf_counter()
            time.sleep(body["sleep"])
            # Noted before the answer goes out: once the client has read it,
            # the test may look.
            seen[body["name"]] = (arrived, time.perf_counter())
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()


def body(name: str, sleep: float) -> str:
    return json.dumps({"name": name, "sleep": sleep})


def test_requests_in_flight_together_overlap_and_the_rest_wait(server):
    url, seen = server
    view = Recorded(
        "a view",
        "/",
        (body("sync", 0.05), body("tab", 0.4), body("cards", 0.4), body("badge", 0)),
        ((), (0,), (0,), (1, 2)),
    )
    client = Client(url)
    seconds = client.replay_overlapped(view)
    # The tab and the cards run together: about 0.45 s, not 0.85 s.
    assert 0.45 <= seconds < 0.8
    assert seen["tab"][0] >= seen["sync"][1] and seen["cards"][0] >= seen["sync"][1]
    assert abs(seen["tab"][0] - seen["cards"][0]) < 0.2
    assert seen["badge"][0] >= max(seen["tab"][1], seen["cards"][1])
    # One after the other, the same bodies take the sum.
    assert client.replay(view.bodies)[0] >= 0.85
