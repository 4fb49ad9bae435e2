"""During a database outage a recently confirmed session keeps working (so the page
can show the outage and recover); nothing else gets in, and nothing for long."""

from __future__ import annotations

import logging

from data.db import make_engine
from layouts import ids
from tests.dashboard.auth.test_presenting import session_csrf
from tests.login import csrf_from, log_in

DOWN = "postgresql+psycopg://postgres@127.0.0.1:1/none"
DOWN_TEXT = "The database cannot be reached right now. Please try again in a moment."


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


def assert_friendly_503(response, caplog, text: str = DOWN_TEXT) -> None:
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert text in page
    assert "Traceback" not in page and "OperationalError" not in page
    logged = [r for r in caplog.records if "answered 503" in r.getMessage()]
    assert len(logged) == 1 and logged[0].exc_info is None
    caplog.clear()


def test_views_outside_dash_answer_503_with_the_friendly_page(auth_app, caplog):
    browser = auth_app.client()
    log_in(browser, "admin")
    assert browser.get("/_dash-layout").status_code == 200  # remembered
    token = session_csrf(auth_app, browser)
    login_form = auth_app.client()
    form_token = csrf_from(login_form.get("/login").get_data(as_text=True))
    take_database_away(auth_app)
    caplog.set_level(logging.WARNING)
    # Each of these reached the database unguarded: a 500 with a traceback.
    response = login_form.post(
        "/login",
        data={
            "username": "admin",
            "password": "demo-password-1",
            "csrf_token": form_token,
            "lang": "zh",
        },
    )
    assert_friendly_503(response, caplog, "目前无法连接数据库。请稍后再试。")
    started = browser.post(
        "/presenting/start", data={"client": "C1", "csrf_token": token}
    )
    assert_friendly_503(started, caplog)
    stopped = browser.post("/presenting/stop", data={"csrf_token": token})
    assert_friendly_503(stopped, caplog)
    assert_friendly_503(browser.get("/admin/audit"), caplog)
    logout = browser.post("/logout", data={"csrf_token": token})
    assert_friendly_503(logout, caplog)


def test_a_page_the_guard_cannot_check_gets_the_friendly_page(auth_app, caplog):
    stranger = auth_app.client()
    stranger.set_cookie("crd_session", "made-up-token")
    take_database_away(auth_app)
    response = stranger.get("/?theme=dark")
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert DOWN_TEXT in page and 'data-bs-theme="dark"' in page


def tab_callback(browser, search: str):
    """The drill-down tab's callback as the page sends it on a change of link."""
    return browser.post(
        "/_dash-update-component",
        json={
            "output": f"{ids.TAB_CONTENT}.children",
            "outputs": {"id": ids.TAB_CONTENT, "property": "children"},
            "inputs": [
                {"id": ids.PAGE_URL, "property": "search", "value": search},
                {"id": ids.REFRESH, "property": "n_intervals", "value": 0},
            ],
            "changedPropIds": [f"{ids.PAGE_URL}.search"],
        },
    )


def test_a_callback_that_meets_the_outage_raises_the_banner_at_once(auth_app):
    browser = auth_app.client()
    log_in(browser, "manager")
    assert browser.get("/_dash-layout").status_code == 200
    assert "sideUpdate" not in tab_callback(browser, "?tab=budget").get_json()
    take_database_away(auth_app)
    services = auth_app.server.extensions["dashboard"]
    object.__setattr__(services, "engine", make_engine(DOWN))
    answer = tab_callback(browser, "?tab=budget&lang=zh").get_json()
    assert answer["response"] == {}  # the charts on screen stay
    banner = answer["sideUpdate"][ids.DB_BANNER]["children"]
    assert banner["props"]["children"] == (
        "无法连接数据库。下方数字可能已过时；本页每隔几秒会重新检查。"
    )
    assert answer["sideUpdate"][ids.REFRESH] == {"interval": 10_000}
