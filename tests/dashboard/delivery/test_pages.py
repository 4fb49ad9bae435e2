"""/schedules and /schedules/<id>/deliveries: who may see and change what, the
add form's refusals, "Send a test to me" into the outbox, the history."""

from __future__ import annotations

import email
from email import policy

import pytest

from tests.dashboard.auth.conftest import make_auth_app
from tests.login import csrf_from, log_in

FORM = {
    "name": "Alpha monthly",
    "client": "C1",
    "audience": "client",
    "report_lang": "en",
    "cadence": "monthly",
    "day": "1",
    "time": "09:00",
    "timezone": "Europe/Berlin",
    "period": "closed",
    "recipients": "cfo@alpha.example\nops@alpha.example",
}


@pytest.fixture
def app(empty_engine, tmp_path, monkeypatch):
    monkeypatch.setenv("OUTBOX_DIR", str(tmp_path / "outbox"))
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("RECIPIENT_DOMAINS", "alpha.example,ours.example")
    monkeypatch.delenv("SMTP_URL", raising=False)
    return make_auth_app(empty_engine)


def logged_in(app, name):
    client = app.client()
    log_in(client, name)
    return client


def add(browser, **changes):
    token = csrf_from(browser.get("/schedules").get_data(as_text=True))
    return browser.post("/schedules", data={**FORM, **changes, "csrf_token": token})


def test_only_admins_managers_and_account_managers_see_schedules(app, tmp_path):
    assert logged_in(app, "client").get("/schedules").status_code == 403
    page = logged_in(app, "am").get("/schedules")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert (
        "No mail server is set (SMTP_URL): each message is written as a .eml file"
        f" into {tmp_path / 'outbox'}."
    ) in html
    assert "Allowed recipient domains: alpha.example, ours.example" in html
    # Only the account manager's own clients can be chosen.
    assert "Alpha Ltd" in html and "Beta plc" in html and "Gamma GmbH" not in html


def test_a_schedule_is_added_and_listed_with_its_time_zone(app):
    client = logged_in(app, "am")
    answer = add(client)
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith("notice=added")
    html = client.get("/schedules?notice=added").get_data(as_text=True)
    assert "The schedule was added." in html
    assert "Alpha Ltd · client · en" in html
    assert "Monthly on day 1 at 09:00 (Europe/Berlin)" in html
    # The clock is at Aug 15, 2026 09:00 UTC: next Sep 1 09:00 CEST, 07:00 UTC.
    assert "Sep 1, 2026 09:00 (Europe/Berlin), 07:00 UTC" in html
    assert "cfo@alpha.example, ops@alpha.example" in html
    zh = client.get("/schedules?lang=zh").get_data(as_text=True)
    assert "每月 1 日 09:00（Europe/Berlin）" in zh
    assert "2026年9月1日 09:00 (Europe/Berlin)，即 UTC 07:00" in zh


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"client": "C3"}, "am may only schedule reports of their own clients"),
        (
            {"recipients": "cfo@alpha.example, x@gmail.example"},
            "x@gmail.example is refused: gmail.example is not one of the allowed"
            " recipient domains (RECIPIENT_DOMAINS=alpha.example,ours.example)",
        ),
        ({"day": "first"}, "the day must be a whole number"),
    ],
)
def test_a_refused_schedule_shows_why_and_keeps_the_form(app, changes, message):
    client = logged_in(app, "am")
    answer = add(client, **changes)
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in html
    assert 'value="Alpha monthly"' in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"recipients": "cfo@alpha.example, x@gmail.example"},
            "x@gmail.example 被拒绝：gmail.example 不在允许的收件人域名之内"
            "（RECIPIENT_DOMAINS=alpha.example,ours.example）",
        ),
        ({"timezone": "Mars/Base"}, "“Mars/Base”不是已知的时区（例如 Europe/Berlin）"),
        ({"day": "first"}, "日期必须是整数"),
        ({"day": "40"}, "每月计划的日期必须在 1 到 31 之间"),
    ],
)
def test_a_refused_schedule_says_why_in_chinese(app, changes, message):
    client = logged_in(app, "am")
    token = csrf_from(client.get("/schedules?lang=zh").get_data(as_text=True))
    answer = client.post(
        "/schedules?lang=zh&theme=dark",
        data={**FORM, **changes, "csrf_token": token},
    )
    assert answer.status_code == 400
    html = answer.get_data(as_text=True)
    assert message in html
    assert "is refused" not in html and "is not a known time zone" not in html


def test_send_a_test_to_me_writes_an_eml_and_shows_in_the_deliveries(app, tmp_path):
    client = logged_in(app, "am")
    add(client)
    token = csrf_from(client.get("/schedules").get_data(as_text=True))
    answer = client.post(
        "/schedules/1/test", data={"address": "am@ours.example", "csrf_token": token}
    )
    assert answer.status_code == 303
    assert "notice=test_sent" in answer.headers["Location"]
    [eml] = (tmp_path / "outbox").glob("*.eml")
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "am@ours.example"
    assert message["Subject"] == "Alpha Ltd · report for Jul 2026"
    history = client.get("/schedules/1/deliveries").get_data(as_text=True)
    assert "Deliveries of “Alpha monthly”" in history
    assert "Times are in Europe/Berlin, the schedule&#39;s time zone." in history
    assert "am@ours.example" in history and "Link only" in history
    # Sent Aug 15, 09:00 UTC: 11:00 in Berlin.
    assert "Aug 15, 2026 11:00 (Europe/Berlin)" in history
    assert 'href="/report/snapshots/1?lang=en"' in history


def test_pause_resume_remove_and_nobody_elses_schedule(app):
    owner = logged_in(app, "am")
    add(owner)
    token = csrf_from(owner.get("/schedules").get_data(as_text=True))
    assert owner.post("/schedules/1/pause").status_code == 403  # no CSRF token
    answer = owner.post("/schedules/1/pause", data={"csrf_token": token})
    assert answer.status_code == 303
    assert "已暂停" in owner.get("/schedules?lang=zh").get_data(as_text=True)
    owner.post("/schedules/1/resume", data={"csrf_token": token})
    manager = logged_in(app, "manager")
    assert "Alpha monthly" in manager.get("/schedules").get_data(as_text=True)
    admin = logged_in(app, "admin")
    admin_token = csrf_from(admin.get("/schedules").get_data(as_text=True))
    add(admin, name="Gamma monthly", client="C3")
    # Ann's account manager neither sees nor changes the admin's schedule.
    assert "Gamma monthly" not in owner.get("/schedules").get_data(as_text=True)
    assert owner.post(
        "/schedules/2/remove", data={"csrf_token": token}
    ).status_code == (404)
    assert owner.get("/schedules/2/deliveries").status_code == 404
    assert (
        admin.post("/schedules/1/remove", data={"csrf_token": admin_token}).status_code
        == 303
    )
    assert "Alpha monthly" not in owner.get("/schedules").get_data(as_text=True)


def test_a_book_report_sent_is_kept_and_linked_for_its_schedule_only(app):
    # The account manager's book (Alpha Ltd, Beta plc) has no finalised report
    # of its own: the schedule keeps the copy it sent, and the history links it.
    client = logged_in(app, "am")
    answer = add(
        client, name="Book monthly", client="", book="Ann", audience="internal"
    )
    assert answer.status_code == 303
    token = csrf_from(client.get("/schedules").get_data(as_text=True))
    client.post(
        "/schedules/1/test", data={"address": "am@ours.example", "csrf_token": token}
    )
    history = client.get("/schedules/1/deliveries").get_data(as_text=True)
    assert 'href="/schedules/1/sent/1?lang=en"' in history
    assert "/report/snapshots/" not in history
    copy = client.get("/schedules/1/sent/1")
    assert copy.status_code == 200
    html = copy.get_data(as_text=True)
    assert "<title>Client report · The clients of Ann · Jul 2026</title>" in html
    assert "Gamma GmbH" not in html
    # A second test of the same content keeps one copy.
    client.post(
        "/schedules/1/test", data={"address": "am@ours.example", "csrf_token": token}
    )
    assert client.get("/schedules/1/sent/2").status_code == 404
    # Another account manager's schedule, a client's login, a forged copy id.
    admin = logged_in(app, "admin")
    add(admin, name="Gamma monthly", client="C3")
    assert client.get("/schedules/2/sent/1").status_code == 404
    assert logged_in(app, "client").get("/schedules/1/sent/1").status_code == 403
    assert admin.get("/schedules/1/sent/1").status_code == 200
