"""The client page's targets panel: drawn for editors only, checked like the
targets.csv import, all or nothing, version-checked, audited, refused for a
client viewer or while presenting even when the request is forged."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict
from sqlalchemy import select

from callbacks.client_data import card_period
from callbacks.client_page import client_page_layout
from callbacks.targets_panel import read_form, save_form
from dashboard.auth.audit import recent
from dashboard.auth.users import CurrentUser
from dashboard.kernel.scope import Scope
from dashboard.kernel.targets import TargetKey
from dashboard.kernel.urlstate import parse_query
from dashboard.reviews.targets import save_target
from data.models import Target
from data.version import data_version
from layouts import ids
from tests.callbacks.test_presenting import MANAGER, PRESENTING, VIEWER, logged_in
from tests.components import text_of, walk

PAGE = "/clients/C1"
ANN = CurrentUser(
    username="ann", display_name="Ann", role="account_manager", owner_name="ann"
)
BOB = CurrentUser(
    username="bob", display_name="Bob", role="account_manager", owner_name="bob"
)


def stored(services, kpi="attendance_rate") -> list[tuple]:
    with services.engine.connect() as conn:
        return conn.execute(
            select(Target.scope, Target.value, Target.version, Target.set_by)
            .where(Target.kpi == kpi)
            .order_by(Target.scope)
        ).all()


@contextmanager
def click(button: str):
    """The callback context of a click on one of the form's buttons, for the
    length of the call only."""
    token = context_value.set(
        AttributeDict(triggered_inputs=[{"prop_id": f"{button}.n_clicks", "value": 1}])
    )
    try:
        yield
    finally:
        context_value.reset(token)


def save(
    services,
    value,
    *,
    version=1,
    kpi="attendance_rate",
    period="2026-Q2",
    whom="client",
    button=ids.TARGET_SAVE,
    page=PAGE,
    search="?period=2026-Q2",
):
    with click(button):
        return save_form(
            services, 1, None, page, search, kpi, period, whom, value, version
        )


def panel_of(services, user):
    with logged_in(user):
        page = client_page_layout(services, "C1", parse_query("?period=2026-Q2"))
    return [c for c in walk(page) if getattr(c, "id", None) == ids.TARGETS_PANEL]


def test_the_panel_is_drawn_for_editors_only(review):
    (panel,) = panel_of(review, MANAGER)
    text = text_of(panel)
    assert "Agreed targets" in text
    # The period's targets that apply to Acme: its own, its segment's, all's.
    assert "Meeting attendance This client 85.0% mia, 2026-06-01 09:30" in text
    assert "Open overdue items Its segment 2" in text
    assert "NPS All clients 30.0" in text
    assert panel_of(review, VIEWER) == []
    assert panel_of(review, PRESENTING) == []


def test_reading_a_target_fills_the_form_with_its_value_and_version(review):
    with logged_in(MANAGER):
        value, version, hint = read_form(
            review, "attendance_rate", "2026-Q2", "client", PAGE, ""
        )
        assert (value, version) == ("0.85", 1)
        assert "a fraction from 0 to 1" in hint
        assert "Now 85.0%, set by mia at 2026-06-01 09:30." in hint
        assert read_form(review, "nps", "2026-Q3", "client", PAGE, "")[:2] == ("", None)


def test_a_manager_changes_a_target_audited_and_the_data_version_moves(review):
    with review.engine.connect() as conn:
        before = data_version(conn)
    with logged_in(MANAGER):
        message, version, listing = save(review, "0.9")
    assert "Saved: Meeting attendance (This client), 2026-Q2." in text_of(message)
    assert version == 2
    assert "90.0%" in text_of(listing)
    assert stored(review) == [("client", 0.9, 2, "mia")]
    with review.engine.connect() as conn:
        assert data_version(conn) == before + 1
        (entry,) = recent(conn, action="target_set")
    assert entry.username == "mia"
    assert entry.detail == "attendance_rate 2026-Q2 client C1 = 0.9 (version 2)"


def test_the_cards_show_the_new_target(review):
    from callbacks.headline import update_main

    with logged_in(MANAGER):
        save(review, "0.7")
    cards, *_ = update_main(review, "?client=C1&period=2026-Q2", None)
    card = next(
        c for c in walk(cards) if getattr(c, "id", None) == "kpi-attendance_rate"
    )
    assert "✓ target 70.0% · met" in text_of(card)


@pytest.mark.parametrize(
    ("kpi", "period", "value", "says"),
    [
        ("attendance_rate", "2026-Q2", "85", "Target: 85 is out of range"),
        ("attendance_rate", "2026-Q2", "abc", "Target: 'abc' is not a number"),
        ("attendance_rate", "2026-Q2", " ", "Target: give a threshold"),
        ("attendance_rate", "Q9-2026", "0.9", "Period:"),
        ("active_clients", "2026-Q2", "3", "For: active_clients counts clients"),
        ("cac", "2026-Q2", "3", "KPI: cac is internal only"),
    ],
)
def test_a_bad_field_is_named_and_nothing_is_saved(review, kpi, period, value, says):
    with review.engine.connect() as conn:
        before = data_version(conn)
    with logged_in(MANAGER):
        message, version, listing = save(review, value, kpi=kpi, period=period)
    assert text_of(message).startswith("Nothing was saved. " + says.split(":")[0])
    assert says in text_of(message)
    assert listing is not None and version is not None  # no_update: unchanged
    assert stored(review) == [("client", 0.85, 1, "mia")]
    with review.engine.connect() as conn:
        assert data_version(conn) == before
        assert recent(conn, action="target_set") == []


def test_a_save_from_an_older_reading_is_refused(review):
    later = dt.datetime(2026, 6, 30, 10, 5)
    save_target(
        review.engine, TargetKey("attendance_rate", "2026-Q2", client="C1"), 0.8,
        expected_version=1, by="bob", scope=Scope.everything(), at=later,
    )  # fmt: skip
    with logged_in(MANAGER):
        message, *_ = save(review, "0.95", version=1)
    assert text_of(message) == (
        "Changed by bob at 10:05 (now 80.0%): reload and try again."
    )
    assert stored(review) == [("client", 0.8, 2, "bob")]


def test_a_new_target_made_meanwhile_by_someone_else_is_not_overwritten(review):
    with logged_in(MANAGER):
        first, version, _listing = save(review, "0.5", kpi="goal_achievement_rate",
                                        version=None)  # fmt: skip
        assert version == 1
        second, *_ = save(review, "0.6", kpi="goal_achievement_rate", version=None)
    assert "reload and try again" in text_of(second)
    assert stored(review, "goal_achievement_rate") == [("client", 0.5, 1, "mia")]


def test_removing_needs_the_version_read(review):
    with logged_in(MANAGER):
        message, version, listing = save(review, "", button=ids.TARGET_DELETE)
    assert "Removed: Meeting attendance (This client), 2026-Q2." in text_of(message)
    assert version is None
    assert stored(review) == []
    assert "Meeting attendance" not in text_of(listing)


@pytest.mark.parametrize("user", [VIEWER, PRESENTING], ids=["viewer", "presenting"])
def test_a_client_facing_view_cannot_save_even_by_a_forged_request(review, user):
    with logged_in(user):
        message, *_ = save(review, "0.1")
        assert read_form(review, "attendance_rate", "2026-Q2", "client", PAGE, "") == (
            "", None, ""
        )  # fmt: skip
    assert "Targets are set by managers" in text_of(message)
    assert stored(review) == [("client", 0.85, 1, "mia")]


def test_an_account_manager_sets_own_clients_targets_only(review):
    with logged_in(ANN):
        ok, *_ = save(review, "0.9")
        wider, *_ = save(review, "0.9", whom="segment", version=None)
    assert "Saved" in text_of(ok)
    assert "set by a manager of every client" in text_of(wider)
    with logged_in(BOB):
        other, *_ = save(review, "0.1", version=2)
    assert "Targets are set by managers" in text_of(other)  # C1 is not Bob's
    assert stored(review) == [("client", 0.9, 2, "ann")]


def test_the_form_speaks_chinese(review):
    with logged_in(MANAGER):
        message, *_ = save(review, "abc", search="?lang=zh")
    assert text_of(message) == (
        "未保存任何内容。目标：不是此指标可能的目标值。"
        "比率：填写 0 到 1 之间的小数（85% 填 0.85）。"
    )
    period, _notes = card_period(parse_query(""), review.settings.today(), 1)
    assert period.label == "2026-Q2"


def test_the_form_opens_on_a_kpi_a_clients_target_takes(review):
    (panel,) = panel_of(review, MANAGER)
    kpi = next(c for c in walk(panel) if getattr(c, "id", None) == ids.TARGET_KPI)
    assert kpi.value == "revenue"
    assert "active_clients" in [o["value"] for o in kpi.options]  # all clients'
    with logged_in(MANAGER):
        _value, version, hint = read_form(review, kpi.value, "2026-Q2", "client",
                                          PAGE, "")  # fmt: skip
    assert version is None
    assert hint == "An amount of at least 0, in units of the currency. No target yet."
