"""Locust users of the load test (run by benchmarks/load.py, which records the views).

Each user logs in, opens the dashboard (the page, its layout, its callback map and
the callbacks of a page load), then every 2–5 s either changes the view (a filter,
a chip or a tab: the callbacks a change of the link fires) or opens a client's
page. Every HTTP request is counted; so is each whole view, as request type VIEW
(the time from its first request to the last answer).
"""

from __future__ import annotations

import json
import os
import random
import time

from locust import HttpUser, between, task

with open(os.environ["BENCHMARK_VIEWS"], encoding="utf-8") as views:
    VIEWS = json.load(views)
USERNAME = os.environ["BENCHMARK_USERNAME"]
PASSWORD = os.environ["BENCHMARK_PASSWORD"]
CALLBACK = "/_dash-update-component"
LOGIN_ATTEMPTS = 60


class Viewer(HttpUser):
    """One person using the dashboard."""

    wait_time = between(2, 5)

    def on_start(self) -> None:
        self.log_in()
        self.view(
            "open dashboard",
            VIEWS["dashboard"]["path"],
            VIEWS["dashboard"]["load"],
            page=True,
        )

    def log_in(self) -> None:
        """Log in through the form; while another login of the same user runs the
        app answers 429 (one login at a time), and the user tries again, as a
        person would, after 1–3 s. Those answers are counted apart, not as errors."""
        for _attempt in range(LOGIN_ATTEMPTS):
            form = self.client.get("/login", name="/login").text
            token = form.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            data = {
                "username": USERNAME,
                "password": PASSWORD,
                "csrf_token": token,
                "next": "/healthz",
            }
            with self.client.post(
                "/login", data=data, name="/login", catch_response=True
            ) as answer:
                if answer.status_code != 429:
                    return
                answer.success()
            self.environment.events.request.fire(
                request_type="RETRY",
                name="/login refused: another login runs",
                response_time=0,
                response_length=0,
                exception=None,
                context={},
            )
            time.sleep(random.uniform(1, 3))

    def view(self, name: str, path: str, bodies: list[str], page: bool = False) -> None:
        """Send a view's requests one after the other; report the whole as a VIEW."""
        started = time.perf_counter()
        failure = None
        size = 0
        addresses = [path, "/_dash-layout", "/_dash-dependencies"] if page else []
        for address in addresses:
            with self.client.get(
                address, name=address.split("?")[0], catch_response=True
            ) as answer:
                size += len(answer.content or b"")
                if answer.status_code != 200:
                    failure = f"{address}: {answer.status_code}"
        for body in bodies:
            with self.client.post(
                CALLBACK, data=body, headers={"Content-Type": "application/json"},
                name=CALLBACK, catch_response=True,
            ) as answer:  # fmt: skip
                size += len(body) + len(answer.content or b"")
                if answer.status_code not in (200, 204):
                    failure = f"callback: {answer.status_code}"
        self.environment.events.request.fire(
            request_type="VIEW",
            name=name,
            response_time=(time.perf_counter() - started) * 1000,
            response_length=size,
            exception=RuntimeError(failure) if failure else None,
            context={},
        )

    @task(4)
    def change_view(self) -> None:
        change = random.choice(VIEWS["changes"])
        self.view("change filter or tab", change["path"], change["bodies"])

    @task(1)
    def open_client_page(self) -> None:
        page = VIEWS["client_page"]
        self.view("open client page", page["path"], page["load"], page=True)
