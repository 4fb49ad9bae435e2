"""The idle timeout: exact to the second, counting only what a person does (the
page's refresh timer is not activity), and a logout is never served from the
outage memory."""

from __future__ import annotations

import datetime as dt
import multiprocessing

import pytest
from sqlalchemy import select

from dashboard.auth.ended import EndedTokens
from dashboard.auth.outage import DatabaseDown, RecentSessions
from dashboard.auth.sessions import ActiveSession, prepare_statements
from dashboard.auth.users import CurrentUser
from data.models.auth import UserSession
from layouts import ids
from tests.dashboard.auth.conftest import START
from tests.dashboard.auth.test_outage import take_database_away
from tests.dashboard.auth.test_presenting import session_csrf
from tests.login import log_in

HEADLINE_OUTPUTS = (
    (ids.KPI_GRID, "children"),
    (ids.CHIPS, "children"),
    (ids.NOTICE, "children"),
    (ids.PERIOD_CAPTION, "children"),
    (ids.CARDS_KEY, "data"),
)


def status_callback(browser, trigger: str):
    """The page's headline callback (fired by the link's filters or the refresh
    timer), as the browser sends it, fired by `trigger`."""
    return browser.post(
        "/_dash-update-component",
        json={
            "output": ".." + "...".join(f"{c}.{p}" for c, p in HEADLINE_OUTPUTS) + "..",
            "outputs": [{"id": c, "property": p} for c, p in HEADLINE_OUTPUTS],
            "inputs": [
                {"id": ids.FILTERS_SEARCH, "property": "data", "value": ""},
                {"id": ids.REFRESH, "property": "n_intervals", "value": 1},
            ],
            "state": [{"id": ids.CARDS_KEY, "property": "data", "value": None}],
            "changedPropIds": [trigger],
        },
    )


def last_seen(auth_app) -> dt.datetime:
    with auth_app.engine.connect() as conn:
        return conn.execute(select(UserSession.last_seen_at)).scalar_one()


def test_the_idle_timeout_counts_from_the_last_request_exactly(auth_app):
    browser = auth_app.client()
    log_in(browser, "admin")
    auth_app.clock.advance(seconds=59)
    assert browser.get("/").status_code == 200
    assert last_seen(auth_app) == START + dt.timedelta(seconds=59)
    # 30 minutes after that request, not after the login: still there.
    auth_app.clock.advance(minutes=30)
    assert browser.get("/").status_code == 200
    auth_app.clock.advance(minutes=30, seconds=1)
    assert browser.get("/").status_code == 302


def test_preparing_the_statements_changes_no_session(auth_app):
    # A server runs them before it forks, for a token that no session has.
    browser = auth_app.client()
    log_in(browser, "admin")
    with auth_app.engine.begin() as conn:
        before = conn.execute(select(UserSession)).all()
        prepare_statements(conn, now=START + dt.timedelta(hours=13))
        assert conn.execute(select(UserSession)).all() == before
    assert len(before) == 1
    assert browser.get("/").status_code == 200


def test_the_refresh_timer_does_not_keep_a_session_alive(auth_app):
    browser = auth_app.client()
    log_in(browser, "admin")
    for _ in range(6):  # an unattended tab refreshing every five minutes
        auth_app.clock.advance(minutes=5)
        assert status_callback(browser, f"{ids.REFRESH}.n_intervals").status_code == 200
    assert last_seen(auth_app) == START
    auth_app.clock.advance(seconds=1)
    assert status_callback(browser, f"{ids.REFRESH}.n_intervals").status_code == 401
    assert browser.get("/").status_code == 302


def test_a_callback_a_person_triggers_is_activity(auth_app):
    browser = auth_app.client()
    log_in(browser, "admin")
    auth_app.clock.advance(minutes=20)
    assert status_callback(browser, f"{ids.FILTERS_SEARCH}.data").status_code == 200
    assert last_seen(auth_app) == START + dt.timedelta(minutes=20)
    auth_app.clock.advance(minutes=30)
    assert browser.get("/").status_code == 200


def test_a_trigger_that_is_not_a_name_is_refused_without_an_error(auth_app, caplog):
    # changedPropIds holding an object (a forged body): the session check
    # counts it as activity and the callback check refuses it with 400.
    browser = auth_app.client()
    log_in(browser, "admin")
    assert status_callback(browser, {"id": "x"}).status_code == 400
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_a_logout_is_not_served_from_the_outage_memory(auth_app):
    browser = auth_app.client()
    log_in(browser, "admin")
    assert browser.get("/_dash-layout").status_code == 200  # remembered
    cookie = browser.get_cookie("crd_session").value
    token = session_csrf(auth_app, browser)
    assert browser.post("/logout", data={"csrf_token": token}).status_code == 303
    take_database_away(auth_app)
    replay = auth_app.client()
    replay.set_cookie("crd_session", cookie)
    assert replay.get("/_dash-layout").status_code == 503


def remembered(expires_at: dt.datetime) -> ActiveSession:
    user = CurrentUser("admin", "Admin", "admin")
    return ActiveSession(1, "h", 1, user, expires_at)


def test_an_ended_token_is_not_taken_back_by_a_late_confirmation():
    memory = RecentSessions()
    active = remembered(START + dt.timedelta(minutes=30))
    memory.confirmed(active, START)
    memory.logged_out("h")
    memory.confirmed(active, START)  # a request that had loaded it just before
    with pytest.raises(DatabaseDown):
        memory.during_outage("h", START)


def test_the_outage_memory_keeps_the_idle_timeout():
    memory = RecentSessions()
    memory.confirmed(remembered(START + dt.timedelta(minutes=3)), START)
    assert memory.during_outage("h", START + dt.timedelta(minutes=3)).user_id == 1
    with pytest.raises(DatabaseDown):
        memory.during_outage("h", START + dt.timedelta(minutes=3, seconds=1))


def test_a_logout_in_another_worker_process_reaches_this_memory():
    memory = RecentSessions()  # made before the workers fork, as with --preload
    memory.confirmed(remembered(START + dt.timedelta(minutes=30)), START)
    worker = multiprocessing.get_context("fork").Process(
        target=memory.logged_out, args=("h",)
    )
    worker.start()
    worker.join(timeout=30)
    assert worker.exitcode == 0
    with pytest.raises(DatabaseDown):
        memory.during_outage("h", START)


def test_the_ended_tokens_keep_the_newest_entries():
    ended = EndedTokens(slots=3)
    for name in ("a1", "b2", "c3", "d4"):
        ended.add(name)
    assert "a1" not in ended  # overwritten by the fourth
    assert all(name in ended for name in ("b2", "c3", "d4"))
    assert "b" not in ended and "2" not in ended
