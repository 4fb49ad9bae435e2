"""During a database outage a recently confirmed session keeps working (so the page
can show the outage and recover); nothing else gets in, and nothing for long."""

from __future__ import annotations

from data.db import make_engine
from tests.login import log_in

DOWN = "postgresql+psycopg://postgres@127.0.0.1:1/none"


def take_database_away(auth_app):
    context = auth_app.server.extensions["dashboard_auth"]
    working = context.engine
    context.engine = make_engine(DOWN)
    return lambda: setattr(context, "engine", working)


def test_a_confirmed_session_outlives_a_short_outage(auth_app):
    browser = auth_app.client()
    log_in(browser, "manager")
    assert browser.get("/_dash-layout").status_code == 200
    bring_back = take_database_away(auth_app)
    auth_app.clock.advance(minutes=9)
    assert browser.get("/_dash-layout").status_code == 200
    # Ten minutes after its last confirmation, the session cannot be vouched for.
    auth_app.clock.advance(minutes=1, seconds=1)
    refused = browser.get("/_dash-layout")
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "10"
    bring_back()
    assert browser.get("/_dash-layout").status_code == 200


def test_an_unknown_cookie_gets_503_not_a_way_in(auth_app):
    bring_back = take_database_away(auth_app)
    stranger = auth_app.client()
    stranger.set_cookie("crd_session", "made-up-token")
    assert stranger.get("/_dash-layout").status_code == 503
    assert stranger.post("/_dash-update-component", json={}).status_code == 503
    bring_back()
    assert stranger.get("/_dash-layout").status_code == 401


def test_a_logged_out_session_is_not_remembered(auth_app):
    browser = auth_app.client()
    log_in(browser, "admin")
    assert browser.get("/_dash-layout").status_code == 200
    cookie = browser.get_cookie("crd_session").value
    with auth_app.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sessions")
    # The database refuses the session: it is forgotten at once...
    assert browser.get("/_dash-layout").status_code == 401
    take_database_away(auth_app)
    # ...so an outage right after does not bring it back.
    replay = auth_app.client()
    replay.set_cookie("crd_session", cookie)
    assert replay.get("/_dash-layout").status_code == 503
