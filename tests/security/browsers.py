"""Logged-in test browsers and the callbacks they can POST to."""

from __future__ import annotations

import json
from collections.abc import Iterator

from dashboard.auth.csrf import token_for
from dashboard.auth.sessions import COOKIE_NAME, token_hash
from tests.login import log_in
from tests.security.book import BY_KEY, Viewer
from tests.security.forged import Forgery, bodies, forgeries

UPDATE = "/_dash-update-component"


def session_csrf(server, client) -> str:
    """The CSRF token the page gives this logged-in browser."""
    token = client.get_cookie(COOKIE_NAME).value
    with server.test_request_context():
        return token_for(token_hash(token))


def start_presenting(server, client, external_id: str):
    """POST /presenting/start as the page's form would; returns the response."""
    return client.post(
        "/presenting/start",
        data={"client": external_id},
        headers={"X-CSRF-Token": session_csrf(server, client)},
    )


def browser_for(server, viewer: Viewer):
    """A test client logged in as the viewer (and presenting, if it does)."""
    client = server.test_client()
    assert log_in(client, viewer.username).status_code == 303
    if viewer.presenting:
        shown = BY_KEY[viewer.presenting].external_id
        assert start_presenting(server, client, shown).status_code == 303
    return client


def server_callbacks(app) -> list[str]:
    """The output key of every callback that runs on the server; the others are
    clientside (they run in the browser and cannot be POSTed to)."""
    outputs = [key for key, entry in app.callback_map.items() if "callback" in entry]
    assert outputs, "the app registers no server-side callback"
    return outputs


def dependencies(client) -> dict[str, dict]:
    """GET /_dash-dependencies, by output key."""
    response = client.get("/_dash-dependencies")
    assert response.status_code == 200
    return {entry["output"]: entry for entry in response.get_json()}


def forged_bodies(
    app, deps: dict, viewer: Viewer
) -> Iterator[tuple[str, Forgery, dict]]:
    """(callback output, forgery, body) for every server callback and forgery;
    each distinct body once (most callbacks read no path, so most repeat)."""
    first, second = viewer.targets
    own = BY_KEY[min(viewer.visible)]
    seen: set[str] = set()
    for output in server_callbacks(app):
        for forgery in forgeries(first, second, own):
            for body in bodies(deps[output], forgery):
                key = json.dumps(body, sort_keys=True)
                if key not in seen:
                    seen.add(key)
                    yield output, forgery, body
