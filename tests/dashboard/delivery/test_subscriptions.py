"""Subscriptions are checked when saved: recipients, scope, owner, schedule."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from dashboard.auth.audit import recent
from dashboard.delivery.config import DeliverySettings, parse_smtp_url
from dashboard.delivery.recipients import narrowed, recipient_scope
from dashboard.delivery.subscriptions import (
    ScheduleError,
    add_subscription,
    remove_subscription,
    set_paused,
    subscription,
    subscriptions,
)
from dashboard.kernel.i18n import catalog
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import SettingsError
from data.models import Subscription
from tests.dashboard.delivery.plans import NOW, add_book_and_logins, plan


@pytest.fixture
def book(engine):
    add_book_and_logins(engine)
    return engine


def test_a_saved_subscription_reads_back_normalised(book):
    new_id = add_subscription(
        book,
        plan(recipients=(" Dan@Acme.example ", "dan@acme.example", "x@acme.example")),
        (),
        now=NOW,
        by="ann",
    )
    with book.connect() as conn:
        saved = subscription(conn, new_id)
        assert [p.id for p in subscriptions(conn, owner="ann")] == [new_id]
        assert subscriptions(conn, owner="boss") == []
        entry = recent(conn, action="schedule_changed")[0]
    assert saved.recipients == ("dan@acme.example", "x@acme.example")
    assert (saved.cadence, saved.day, saved.local_time) == ("monthly", 1, "09:00")
    assert saved.timezone == "Europe/Berlin"
    assert saved.active_since == NOW and not saved.paused
    assert entry.detail == (
        f"added schedule {new_id} (Acme monthly) to dan@acme.example, x@acme.example"
    )


def test_a_recipient_outside_the_allowed_domains_is_refused_when_saving(book):
    with pytest.raises(ScheduleError) as refused:
        add_subscription(
            book,
            plan(recipients=("dan@acme.example", "eve@gmail.example")),
            ("acme.example",),
            now=NOW,
            by="ann",
        )
    assert str(refused.value) == (
        "eve@gmail.example is refused: gmail.example is not one of the allowed"
        " recipient domains (RECIPIENT_DOMAINS=acme.example)"
    )
    with book.connect() as conn:
        assert conn.execute(select(Subscription.id)).all() == []


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"clients": ("K1", "K2")}, "a client-audience schedule names exactly one"),
        ({"clients": ("K3",)}, "ann may only schedule reports of their own clients"),
        ({"clients": ("K9",)}, "unknown client K9"),
        ({"owner_username": "carol@acme.example"}, "is not an admin, manager"),
        ({"cadence": "monthly", "day": 32}, "day must be from 1 to 31"),
        ({"cadence": "weekly", "day": 7}, "day must be from 0 to 6"),
        ({"cadence": "weekly", "day": 2}, "weekly schedule covers the month to date"),
        ({"cadence": "quarterly", "day": 61}, "day must be from 1 to 60"),
        ({"timezone": "Mars/Base"}, "'Mars/Base' is not a known time zone"),
        ({"local_time": "25:00"}, "'25:00' is not a time"),
        ({"recipients": ("not-an-address",)}, "'not-an-address' is not an email"),
        ({"recipients": ()}, "at least one recipient"),
        (
            {"audience": "internal", "clients": (), "owner_book": None},
            "name clients or an owner's book",
        ),
    ],
)
def test_bad_plans_are_refused_with_one_line(book, changes, message):
    with pytest.raises(ScheduleError, match=message):
        add_subscription(book, plan(**changes), (), now=NOW, by="ann")


@pytest.mark.parametrize(
    "changes",
    [
        {"clients": ("K1", "K2")},
        {"clients": ("K3",)},
        {"clients": ("K9",)},
        {"owner_username": "carol@acme.example"},
        {"cadence": "monthly", "day": 32},
        {"cadence": "weekly", "day": 7},
        {"cadence": "weekly", "day": 2},
        {"cadence": "quarterly", "day": 61},
        {"cadence": "yearly"},
        {"period_rule": "forever"},
        {"audience": "public"},
        {"lang": "fr"},
        {"timezone": "Mars/Base"},
        {"local_time": "25:00"},
        {"recipients": ("not-an-address",)},
        {"recipients": ()},
        {"name": " "},
        {"audience": "internal", "clients": (), "owner_book": None},
        {"audience": "internal", "clients": (), "owner_book": "nobody"},
    ],
)
def test_every_refusal_has_a_chinese_line(book, changes):
    with pytest.raises(ScheduleError) as refused:
        add_subscription(book, plan(**changes), (), now=NOW, by="ann")
    assert refused.value.message in catalog("zh")
    assert refused.value.text("zh") != str(refused.value)


def test_a_refused_domain_has_a_chinese_line(book):
    with pytest.raises(ScheduleError) as refused:
        add_subscription(
            book, plan(recipients=("eve@gmail.example",)), ("acme.example",),
            now=NOW, by="ann",
        )  # fmt: skip
    assert refused.value.text("zh") == (
        "eve@gmail.example 被拒绝：gmail.example 不在允许的收件人域名之内"
        "（RECIPIENT_DOMAINS=acme.example）"
    )


def test_an_admin_may_schedule_any_book(book):
    new_id = add_subscription(
        book,
        plan(audience="internal", clients=(), owner_book="ann", owner_username="boss"),
        (),
        now=NOW,
        by="boss",
    )
    assert new_id > 0


def test_pause_resume_and_remove(book):
    new_id = add_subscription(book, plan(), (), now=NOW, by="ann")
    later = NOW.replace(hour=9)
    set_paused(book, new_id, True, now=later, by="ann")
    with book.connect() as conn:
        assert subscription(conn, new_id).paused
    set_paused(book, new_id, False, now=later.replace(hour=10), by="ann")
    with book.connect() as conn:
        resumed = subscription(conn, new_id)
    assert not resumed.paused and resumed.active_since == later.replace(hour=10)
    remove_subscription(book, new_id, now=later, by="ann")
    with book.connect() as conn, pytest.raises(ScheduleError, match="no schedule"):
        subscription(conn, new_id)


def test_a_recipient_with_a_login_gets_no_more_than_both_allow(book):
    ann = Scope.for_owner("ann")
    with book.connect() as conn:
        carol = recipient_scope(conn, "carol@acme.example", ann)
        stranger = recipient_scope(conn, "dan@acme.example", ann)
    assert carol == Scope(client_ids=frozenset({"K1"}), owner="ann", internal=False)
    assert stranger == ann
    other_book = narrowed(Scope.for_owner("ann"), Scope.for_owner("bob"))
    assert other_book.client_ids == frozenset()


def test_smtp_url_and_the_delivery_settings():
    server = parse_smtp_url("smtp://mailer:p%40ss@mail.example:2525?tls=ssl")
    assert (server.host, server.port, server.tls) == ("mail.example", 2525, "ssl")
    assert (server.username, server.password) == ("mailer", "p@ss")
    assert "p@ss" not in repr(server)
    assert parse_smtp_url("smtp://mail.example").port == 587
    settings = DeliverySettings.from_env(
        {
            "RECIPIENT_DOMAINS": "Acme.example, @rival.example",
            "ATTACHMENT_LIMIT_MB": "2",
        }
    )
    assert settings.allowed_domains == ("acme.example", "rival.example")
    assert settings.attachment_limit_mb == 2.0 and settings.smtp is None
    with pytest.raises(SettingsError, match="tls=tls9 is not one of"):
        parse_smtp_url("smtp://mail.example?tls=tls9")
    with pytest.raises(SettingsError, match="DELIVERY_CATCH_UP_HOURS=x"):
        DeliverySettings.from_env({"DELIVERY_CATCH_UP_HOURS": "x"})
