"""The review's addresses: start presents the client, the page shows only what
the client may see, forged and foreign requests are refused, a bad value is
named on the page and nothing is saved."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from data.models import ActionItem, ReviewNote
from tests.dashboard.auth.conftest import make_auth_app
from tests.dashboard.auth.test_presenting import session_csrf
from tests.factories import add_action_item
from tests.login import log_in


@pytest.fixture
def auth_app(empty_engine):
    """C1 Alpha Ltd and C2 Beta plc (owner Ann), C3 Gamma GmbH (owner Bob)."""
    app = make_auth_app(empty_engine, as_of=dt.date(2026, 8, 15))
    with empty_engine.begin() as conn:
        c3 = conn.execute(select(func.max(ActionItem.id))).scalar()  # noqa: F841
        add_action_item(conn, 1, dt.date(2026, 9, 1), created_on=dt.date(2026, 8, 1),
                        title="Draft the renewal proposal")  # fmt: skip
        add_action_item(conn, 3, dt.date(2026, 9, 1), created_on=dt.date(2026, 8, 1),
                        title="Gamma secret", visibility="shared")  # fmt: skip
    return app


def started(auth_app, username="am", client_id="C1"):
    """A browser that started a review of the client; (browser, review path)."""
    browser = auth_app.client()
    log_in(browser, username)
    answer = browser.post(
        "/review/start",
        data={"client": client_id, "csrf_token": session_csrf(auth_app, browser)},
    )
    assert answer.status_code == 303, answer.get_data(as_text=True)
    return browser, answer.headers["Location"]


def version_of(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_start_presents_the_client_and_shows_no_internal_item(auth_app):
    browser, path = started(auth_app)
    assert re.fullmatch(r"/review/\d+", path)
    page = browser.get(path).get_data(as_text=True)
    assert "Presenting to Alpha Ltd" in page
    assert "Changed since last review" in page
    assert "This is the first review of Alpha Ltd on the dashboard." in page
    for other in ("Beta plc", "Gamma GmbH", "Gamma secret", "Draft the renewal"):
        assert other not in page
    # The dashboard's other pages are locked to the client now.
    assert browser.get("/clients/C3").status_code == 403


def test_every_agenda_item_renders_and_walks(auth_app):
    browser, path = started(auth_app)
    for step in range(5):
        page = browser.get(f"{path}?step={step}&lang=zh").get_data(as_text=True)
        assert f"第 {step + 1} 项，共 5 项" in page
        assert "Gamma" not in page


def test_a_forged_post_is_refused(auth_app):
    browser, path = started(auth_app)
    page = browser.get(path).get_data(as_text=True)
    answer = browser.post(f"{path}/note", data={
        "version": version_of(page), "section": "summary", "kind": "decision",
        "visibility": "shared", "text": "forged"})  # fmt: skip
    assert answer.status_code == 403
    with auth_app.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ReviewNote)).scalar() == 0


def test_a_client_login_cannot_edit_or_open_a_review_under_way(auth_app):
    _manager, path = started(auth_app, "manager", "C2")
    viewer = auth_app.client()
    log_in(viewer, "client")
    assert viewer.get(path).status_code == 404
    answer = viewer.post(f"{path}/note", data={
        "csrf_token": session_csrf(auth_app, viewer), "version": "1",
        "section": "summary", "kind": "note", "visibility": "internal",
        "text": "x"})  # fmt: skip
    assert answer.status_code in (403, 404)


def test_a_bad_value_is_named_on_the_page_and_nothing_is_saved(auth_app):
    browser, path = started(auth_app)
    page = browser.get(path).get_data(as_text=True)
    answer = browser.post(f"{path}/action", data={
        "csrf_token": session_csrf(auth_app, browser), "version": version_of(page),
        "title": "Send the plan", "owner": "", "due_on": "2026-02-30",
        "side": "client", "visibility": "shared", "step": "2"})  # fmt: skip
    assert answer.status_code == 400
    text = answer.get_data(as_text=True)
    assert "Owner: is required but empty" in text
    assert "Due date: " in text
    assert 'value="Send the plan"' in text  # the form keeps what was typed
    with auth_app.engine.connect() as conn:
        titles = conn.execute(select(ActionItem.title)).scalars().all()
    assert "Send the plan" not in titles


def test_internal_notes_are_write_only_while_presenting(auth_app):
    browser, path = started(auth_app)
    page = browser.get(path).get_data(as_text=True)
    answer = browser.post(f"{path}/note", data={
        "csrf_token": session_csrf(auth_app, browser), "version": version_of(page),
        "section": "changes", "kind": "note", "visibility": "internal",
        "text": "Renewal at risk"})  # fmt: skip
    assert answer.status_code == 303
    assert "saved=internal" in answer.headers["Location"]
    page = browser.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Internal entries are not shown while presenting" in page
    assert "Renewal at risk" not in page


def test_a_stale_save_is_refused_with_a_clear_message(auth_app):
    first, path = started(auth_app, "am", "C1")
    second, same = started(auth_app, "manager", "C1")
    assert same == path
    page = first.get(path).get_data(as_text=True)
    other = second.get(path).get_data(as_text=True)
    ok = second.post(f"{path}/outcome", data={
        "csrf_token": session_csrf(auth_app, second), "version": version_of(other),
        "objectives_set": "3"})  # fmt: skip
    assert ok.status_code == 303
    late = first.post(f"{path}/outcome", data={
        "csrf_token": session_csrf(auth_app, first), "version": version_of(page),
        "objectives_set": "5"})  # fmt: skip
    assert late.status_code == 409
    assert "manager changed this review at" in late.get_data(as_text=True)


def test_presenting_another_client_cannot_reach_this_review(auth_app):
    _first, path = started(auth_app, "manager", "C1")
    browser, _other = started(auth_app, "admin", "C3")
    assert browser.get(path).status_code == 404


def _post(browser, auth_app, path, **fields):
    return browser.post(
        path, data={"csrf_token": session_csrf(auth_app, browser), **fields}
    )


def test_an_ended_review_shows_its_outcome_to_each_viewer_as_allowed(
    empty_engine, tmp_path, monkeypatch
):
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path / "outbox"))
    auth_app = make_auth_app(empty_engine, as_of=dt.date(2026, 8, 15))
    browser, path = started(auth_app, "am", "C2")
    version = int(version_of(browser.get(path).get_data(as_text=True)))
    notes = (
        ("decision", "shared", "Go live in March"),
        ("note", "internal", "Renewal at risk"),
    )
    for kind, visibility, text in notes:
        answer = _post(browser, auth_app, f"{path}/note", version=version,
                       section="summary", kind=kind, visibility=visibility,
                       text=text)  # fmt: skip
        assert answer.status_code == 303
        version += 1
    target = _post(browser, auth_app, f"{path}/target", version=version,
                   kpi="nps", period="2026-Q3", value="30")  # fmt: skip
    assert target.status_code == 303
    version += 1
    ended = _post(browser, auth_app, f"{path}/end", version=version)
    assert ended.status_code == 303
    presented = browser.get(path).get_data(as_text=True)
    assert "Go live in March" in presented and "Renewal at risk" not in presented
    # The recap goes out once; a second click is refused with a message.
    sent = _post(browser, auth_app, f"{path}/recap", to="bea@beta.example")
    assert sent.status_code == 303
    again = _post(browser, auth_app, f"{path}/recap", to="bea@beta.example")
    assert again.status_code == 400
    assert "Sent to bea@beta.example" in again.get_data(as_text=True)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    # The client's own login sees the shared outcome, never the internal note.
    viewer = auth_app.client()
    log_in(viewer, "client")
    page = viewer.get(path).get_data(as_text=True)
    assert "Go live in March" in page and "Renewal at risk" not in page
    assert "2026-Q3 · NPS ≥ 30" in page
    assert "recap-send" not in page and "Alpha Ltd" not in page
    # The manager, not presenting any more, sees the internal note too.
    _post(browser, auth_app, "/presenting/stop")
    assert "Renewal at risk" in browser.get(path).get_data(as_text=True)


def test_a_bad_value_and_a_stale_save_are_told_in_chinese(auth_app):
    first, path = started(auth_app, "am", "C1")
    second, _same = started(auth_app, "manager", "C1")
    page = first.get(path + "?lang=zh").get_data(as_text=True)
    bad = _post(first, auth_app, f"{path}/action", version=version_of(page),
                lang="zh", title="计划", owner="", due_on="2026-09-01",
                side="client", visibility="shared")  # fmt: skip
    assert bad.status_code == 400
    assert "负责人：为必填项，但为空" in bad.get_data(as_text=True)
    assert _post(second, auth_app, f"{path}/outcome", version=version_of(page),
                 objectives_set="1").status_code == 303  # fmt: skip
    late = _post(first, auth_app, f"{path}/outcome", version=version_of(page),
                 lang="zh", objectives_set="2")  # fmt: skip
    assert late.status_code == 409
    assert "您编辑期间，manager 于" in late.get_data(as_text=True)


def test_a_note_that_looks_like_markup_is_shown_as_text(auth_app):
    browser, path = started(auth_app)
    page = browser.get(path).get_data(as_text=True)
    answer = _post(browser, auth_app, f"{path}/note", version=version_of(page),
                   section="changes", kind="decision", visibility="shared",
                   text="<script>alert(1)</script> & more")  # fmt: skip
    shown = browser.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Decision: &lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in shown
    assert "<script>alert(1)" not in shown
