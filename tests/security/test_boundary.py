"""Bad requests are refused at the boundary: 400 (404, 413) with a clear message
and one log line, never a 500 or a traceback, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging

import pytest

from dashboard.factory import create_app
from dashboard.kernel.settings import Settings
from tests.security.book import ADMIN, AS_OF, PERIOD
from tests.security.browsers import (
    UPDATE,
    browser_for,
    dependencies,
    session_csrf,
)

REFUSALS = "dashboard.boundary"
MAIN = "benchmark.children"  # reads page-url.search and refresh-interval ticks


@pytest.fixture
def log(caplog):
    """Warnings and errors of every logger."""
    caplog.set_level(logging.WARNING)
    return caplog


def assert_refused_once(log, response, status: int, words: str) -> None:
    """The status, the message, and exactly one log line without a traceback."""
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert words in response.get_data(as_text=True)
    assert [r for r in log.records if r.exc_info or r.levelno >= logging.ERROR] == []
    refusals = [r for r in log.records if r.name == REFUSALS]
    assert len(refusals) == 1, [r.getMessage() for r in log.records]
    assert words in refusals[0].getMessage()
    log.clear()


def body_for(deps: dict, output: str, search: object) -> dict:
    """A callback body for `output` whose page-url.search is `search`."""
    entry = deps[output]
    inputs = [
        {
            "id": spec["id"],
            "property": spec["property"],
            "value": search if spec["property"] == "search" else 1,
        }
        for spec in entry["inputs"]
    ]
    return {
        "output": output,
        "outputs": {"id": "benchmark", "property": "children"},
        "inputs": inputs,
        "state": [],
        "changedPropIds": ["page-url.search"],
    }


def test_control_characters_in_forms_and_addresses_are_refused(book_app, log):
    anonymous = book_app.server.test_client()
    response = anonymous.post(
        "/login", data={"username": "ad\x00min", "password": "x", "csrf_token": "t"}
    )
    assert_refused_once(log, response, 400, "“username” contains a control "
                        "character (NUL)")  # fmt: skip
    browser = browser_for(book_app.server, ADMIN)
    log.clear()
    response = browser.post(
        "/presenting/start",
        data={"client": "C0\x000001"},
        headers={"X-CSRF-Token": session_csrf(book_app.server, browser)},
    )
    assert_refused_once(log, response, 400, "“client” contains a control character")
    response = browser.get("/clients/C00001%00")
    assert_refused_once(log, response, 400, "the address contains a control character")
    response = browser.get("/?client=C0%1b01")
    assert_refused_once(log, response, 400, "“client” contains a control character "
                        "(U+001B)")  # fmt: skip
    # The same pages without the control character still answer.
    assert browser.get("/clients/C00001").status_code == 200
    assert browser.get("/?client=C001").status_code == 200


@pytest.mark.parametrize(
    "search",
    [7, ["?client=C1"], {"client": "C1"}, "?client=C0%000001", "?tab=\x00"],
    ids=["int", "list", "dict", "percent-NUL", "raw-NUL"],
)
def test_a_callback_search_that_is_no_clean_string_is_refused(book_app, log, search):
    browser = browser_for(book_app.server, ADMIN)
    deps = dependencies(browser)
    good = browser.post(UPDATE, json=body_for(deps, MAIN, f"?period={PERIOD}"))
    assert good.status_code == 200
    log.clear()
    response = browser.post(UPDATE, json=body_for(deps, MAIN, search))
    assert_refused_once(log, response, 400, "malformed callback request")


NAN_BODY = '{"output": "benchmark.children", "inputs": [NaN]}'
DEEP_BODY = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("null", "not a JSON object"),
        ("[1, 2]", "not a JSON object"),
        ('"text"', "not a JSON object"),
        ("{}", "names no output"),
        ('{"output": "benchmark.children"}', "outputs do not match"),
        ('{"output": "nobody.children", "inputs": []}', "no callback updates"),
        ('{"output": "theme-applied.data", "inputs": []}', "no callback updates"),
        (NAN_BODY, "holds NaN"),
        (DEEP_BODY, "nested too deeply"),
        ("[" * 70 + "]" * 70, "nested more than 64 levels"),
        ("{not json", "not valid JSON"),
    ],
    ids=[
        "null",
        "list",
        "string",
        "no-output",
        "no-inputs",
        "unknown-output",
        "clientside-output",
        "NaN",
        "deep",
        "nested",
        "garbage",
    ],
)
def test_malformed_callback_bodies_are_refused(book_app, log, raw, words):
    browser = browser_for(book_app.server, ADMIN)
    log.clear()
    response = browser.post(UPDATE, data=raw, content_type="application/json")
    assert_refused_once(log, response, 400, words)


def test_unknown_script_files_are_not_found(book_app, log):
    browser = browser_for(book_app.server, ADMIN)
    log.clear()
    for path in (
        "/_dash-component-suites/nope/x.js",
        "/_dash-component-suites/dash/x.js",
    ):
        response = browser.get(path)
        assert_refused_once(log, response, 404, "there is no such file")


def test_requests_over_the_size_limit_are_refused(book_app, log):
    browser = browser_for(book_app.server, ADMIN)
    deps = dependencies(browser)
    body = body_for(deps, MAIN, "?" + "x" * (20 * 1024 * 1024))
    log.clear()
    response = browser.post(
        UPDATE, data=json.dumps(body), content_type="application/json"
    )
    assert_refused_once(log, response, 413, "larger than 10 MB")


def test_the_size_limit_is_a_setting(empty_engine, log):
    url = empty_engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, as_of=AS_OF, load_demo_data=False)
    app = create_app(settings.with_(max_request_mb=1))
    assert app.server.config["MAX_CONTENT_LENGTH"] == 1024 * 1024
    client = app.server.test_client()
    response = client.post("/login", data={"username": "a" * (2 * 1024 * 1024)})
    assert_refused_once(log, response, 413, "larger than 1 MB")
    response = client.post("/login", data={"username": "a" * 1000})
    assert response.status_code != 413
