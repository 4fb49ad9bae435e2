"""A whole review on the demo data at 1280x720, as a manager runs it on a shared
screen: start it from the client page, walk the agenda with the keyboard, tick
attendance, add an action item and a target, record objectives and feedback,
end it. Then the meeting's KPIs (the `kpis` command's function) moved as
captured, the report was finalised, and the client page's "changed since last
review" lists the new item; no console errors, no other client in the DOM."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import create_engine, func, select

from dashboard.kernel.filters import parse_filters
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kpis import kpi_report
from data.models import Attendee, Client, Meeting, ReportSnapshot
from tests.browser.conftest import (
    AS_OF,
    console_errors,
    log_in_browser,
    make_driver,
    save_screenshot,
    set_viewport,
    start_app,
    stop_app,
    wait,
)

PERIOD_NOW = "2026-Q3"  # contains AS_OF: the meeting held today counts here
REVIEWED = "2026-Q2"  # the last complete quarter: the period a review covers
TITLE = "Send the revised rollout plan"


@pytest.fixture(scope="module")
def review_app(tmp_path_factory):
    """An app of its own (the review writes to the demo data)."""
    folder = tmp_path_factory.mktemp("review")
    database_url = f"sqlite:///{folder / 'app.db'}"
    process, url, _log = start_app(folder, database_url)
    yield {"url": url, "engine": create_engine(database_url)}
    stop_app(process)


def _client(engine, position: int = 0) -> tuple[str, str, list[str]]:
    """An active demo client whose last meeting invited people of its side (the
    `position`-th such); (id, name, the other clients' names)."""
    with engine.connect() as conn:
        names = dict(conn.execute(select(Client.external_id, Client.name)).all())
        candidates = (
            conn.execute(
                select(Client.external_id)
                .join(Meeting, Meeting.client_id == Client.id)
                .join(Attendee, Attendee.meeting_id == Meeting.id)
                .where(Client.churned_on.is_(None), Attendee.side == "client")
                .group_by(Client.external_id)
                .order_by(Client.external_id)
            )
            .scalars()
            .all()
        )
    chosen = candidates[position]
    others = [n for c, n in names.items() if c != chosen and names[chosen] not in n]
    return chosen, names[chosen], others


def _kpis(engine, client: str) -> dict:
    as_of = dt.date.fromisoformat(AS_OF)
    settings = Settings(database_url=str(engine.url), as_of=as_of, load_demo_data=False)
    filters = parse_filters(period=PERIOD_NOW, clients=(client,),
                            as_of=settings.today(), fiscal_start_month=1)  # fmt: skip
    with engine.connect() as conn:
        return kpi_report(conn, settings=settings, filters=filters,
                          scope=Scope.everything())  # fmt: skip


def _step(driver) -> str:
    """The agenda position shown, or "" while the next page loads."""
    found = driver.find_elements("id", "review-step")
    return found[0].text if found else ""


def _no_other_client(driver, others: list[str]) -> None:
    page = driver.page_source
    leaked = [name for name in others if name in page]
    assert leaked == []


def _open(driver, panel: str) -> None:
    details = driver.find_element("id", panel)
    if details.get_attribute("open") is None:
        details.find_element("tag name", "summary").click()


# What the review says in each language (a whole review is run in both).
TEXTS = {
    "en": {"step": "Item {n} of 5", "presenting": "Presenting to {name}",
           "saved": "Saved", "open_item": "open, due Aug 29, 2026"},
    "zh": {"step": "第 {n} 项，共 5 项", "presenting": "正在向 {name} 演示",
           "saved": "已保存", "open_item": "未完成，2026年8月29日 到期"},
}  # fmt: skip


def _submit(driver, button: str, saved: str = "Saved") -> None:
    """Send a capture form; it must come back saved."""
    before = driver.current_url
    driver.find_element("id", button).click()
    wait(driver).until(lambda d: d.current_url != before)
    wait(driver).until(lambda d: d.find_elements("id", "review-notice"))
    notice = driver.find_element("id", "review-notice").text
    assert notice.startswith(saved), notice


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_whole_review_moves_the_meetings_kpis_and_is_remembered(review_app, lang):
    engine = review_app["engine"]
    text = TEXTS[lang]
    client, name, others = _client(engine, position=0 if lang == "en" else 1)
    before = _kpis(engine, client)
    driver = make_driver()
    try:
        set_viewport(driver, 1280, 720)
        log_in_browser(driver, review_app["url"], "manager")
        driver.get(f"{review_app['url']}/clients/{client}?lang={lang}")
        wait(driver).until(lambda d: d.find_elements("id", "start-review"))
        driver.find_element("id", "start-review").click()
        wait(driver).until(lambda d: re.search(r"/review/\d+(\?|$)", d.current_url))
        assert text["presenting"].format(name=name) in driver.find_element(
            "id", "review-presenting").text  # fmt: skip
        assert _step(driver) == text["step"].format(n=1)
        save_screenshot(driver, f"review-start-{lang}-1280")
        for number in range(2, 6):
            body = driver.find_element("tag name", "body")
            body.send_keys("\ue014")  # →
            wait(driver).until(lambda d, n=number: _step(d) == text["step"].format(n=n))
            _no_other_client(driver, others)
        driver.find_element("tag name", "body").send_keys("\ue012")  # ←
        wait(driver).until(lambda d: _step(d) == text["step"].format(n=4))
        driver.find_element("id", "review-next").click()
        wait(driver).until(lambda d: _step(d) == text["step"].format(n=5))

        _open(driver, "panel-attendance")
        boxes = driver.find_elements("css selector", "input[name=attended]")
        assert boxes, "the last meeting's people are invited"
        for box in boxes:
            if not box.is_selected():
                box.click()
        _submit(driver, "attendance-save", text["saved"])

        _open(driver, "panel-actions")
        driver.find_element("id", "action-title").send_keys(TITLE)
        driver.find_element("id", "action-owner").send_keys("Dana Client")
        due = driver.find_element("id", "action-due")
        driver.execute_script("arguments[0].value = '2026-08-29'", due)
        _submit(driver, "action-save", text["saved"])
        assert TITLE in driver.find_element("id", "review-open-items").text

        _open(driver, "panel-targets")
        driver.execute_script(
            "document.getElementById('target-kpi').value = 'attendance_rate'"
        )
        period = driver.find_element("id", "target-period")
        period.clear()
        period.send_keys(PERIOD_NOW)
        driver.find_element("id", "target-value").send_keys("0.9")
        _submit(driver, "target-save", text["saved"])

        _open(driver, "panel-outcome")
        for field, value in (("objectives-set", "3"), ("objectives-met", "2"),
                             ("feedback-score", "5")):  # fmt: skip
            driver.find_element("id", field).clear()
            driver.find_element("id", field).send_keys(value)
        _submit(driver, "outcome-save", text["saved"])
        _no_other_client(driver, others)
        save_screenshot(driver, f"review-capture-{lang}-1280")

        _open(driver, "panel-end")
        driver.find_element("id", "review-end").click()
        wait(driver).until(lambda d: d.find_elements("id", "review-outcome"))
        assert TITLE in driver.find_element("id", "review-agreed").text
        assert driver.find_elements("id", "review-snapshot")
        save_screenshot(driver, f"review-ended-{lang}-1280")

        after = _kpis(engine, client)
        assert after["meetings_held"] == before["meetings_held"] + 1
        with engine.connect() as conn:
            invited = conn.execute(
                select(func.count()).select_from(Attendee).join(Meeting)
                .join(Client).where(Client.external_id == client,
                                    Meeting.status == "held",
                                    Meeting.scheduled_start >= dt.datetime(2026, 7, 1),
                                    Attendee.side == "client")
            ).scalar_one()  # fmt: skip
            came = conn.execute(
                select(func.count()).select_from(Attendee).join(Meeting)
                .join(Client).where(Client.external_id == client,
                                    Meeting.status == "held",
                                    Meeting.scheduled_start >= dt.datetime(2026, 7, 1),
                                    Attendee.side == "client",
                                    Attendee.attended.is_(True))
            ).scalar_one()  # fmt: skip
            snapshot = conn.execute(
                select(ReportSnapshot.model_json).where(
                    ReportSnapshot.client == client, ReportSnapshot.period == REVIEWED
                )
            ).scalar_one()
        assert after["attendance_rate"] == pytest.approx(came / invited)
        if before["goal_achievement_rate"] is None:
            assert after["goal_achievement_rate"] == pytest.approx(2 / 3)
        assert after["meeting_feedback"] is not None
        assert TITLE in snapshot

        driver.get(f"{review_app['url']}/clients/{client}?lang={lang}")
        wait(driver).until(lambda d: d.find_elements("id", "since-items"))
        items = driver.find_element("id", "since-items").text
        assert TITLE in items and text["open_item"] in items
        _no_other_client(driver, others)
        driver.get(f"{review_app['url']}/clients/{client}?lang=zh")
        wait(driver).until(lambda d: d.find_elements("id", "since-items"))
        assert "自上次回顾以来的变化" in driver.find_element("id", "review-panel").text
        save_screenshot(driver, f"review-changed-since-zh-after-{lang}-1280")
        assert console_errors(driver) == []
    finally:
        driver.quit()
