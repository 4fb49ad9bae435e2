"""The headline callback: card values equal the hand computation and `kpis`."""

from __future__ import annotations

from dash import Dash, no_update

from callbacks.headline import register, update_main, update_status
from dashboard.kernel.settings import Settings
from dashboard.services import Services
from data.db import make_engine
from layouts import ids
from tests.callbacks.conftest import AS_OF
from tests.components import find, text_of, walk


def card_value(cards, key: str) -> str:
    card = find(cards, ids.kpi_card(key))
    values = [c for c in walk(card) if getattr(c, "className", "") == "kpi-value"]
    assert len(values) == 1
    return values[0].children


def test_cards_show_the_hand_computed_figures(services):
    # Q3 2026 to date, t = 2026-08-15. Active on t: C1 only. S (active on 07-01):
    # C1, C2; C2 churned 08-01, so lost = 1, retention = churn = 1/2. C3 joins
    # 09-01, after t: no new clients. No attendees: attendance undefined.
    cards, chips, notice, caption, _key = update_main(services, "", None)
    assert card_value(cards, "active_clients") == "1"
    assert card_value(cards, "lost_clients") == "1"
    assert card_value(cards, "new_clients") == "0"
    assert card_value(cards, "retention_rate") == "50.0%"
    assert card_value(cards, "churn_rate") == "50.0%"
    assert card_value(cards, "attendance_rate") == "—"
    assert "No held meetings with client invitees." in text_of(
        find(cards, ids.kpi_card("attendance_rate"))
    )
    assert chips == []
    assert notice is None
    assert caption == "2026-Q3: Jul 1, 2026 to Aug 15, 2026 · to date"


def test_the_status_line_says_as_of_and_keeps_the_refresh_interval(services):
    as_of, banner, interval = update_status(services, "?lang=zh", None)
    assert as_of == "数据截至 2026年8月15日"
    assert banner is None
    assert interval == services.settings.refresh_seconds * 1000


def test_cards_follow_the_client_filter_and_show_a_chip(services):
    # C1 alone: its own headline, no logo counts. Held in Q3 to date: M1 only.
    cards, chips, *_ = update_main(services, "?client=C1", None)
    assert card_value(cards, "meetings_held") == "1"
    assert not any(getattr(c, "id", None) == "kpi-active_clients" for c in walk(cards))
    assert "Acme" in text_of(chips)


def test_cards_speak_chinese_when_asked(services):
    cards, *_ = update_main(services, "?lang=zh", None)
    assert "活跃客户" in text_of(find(cards, ids.kpi_card("active_clients")))


def test_an_unknown_client_in_a_link_shows_a_notice_and_no_cards(services):
    cards, _chips, notice, caption, *_ = update_main(services, "?client=C999", None)
    assert "No client C999 here" in text_of(notice)
    assert caption == ""
    assert not any(str(getattr(c, "id", "")).startswith("kpi-") for c in walk(cards))


def test_a_database_outage_shows_a_banner_and_polls_faster():
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    services = Services(Settings(as_of=AS_OF), engine)
    assert update_main(services, "", None) == (no_update,) * 5
    as_of, banner, interval = update_status(services, "", None)
    assert as_of is no_update
    assert "The database cannot be reached" in text_of(banner)
    assert interval == 10_000


def test_switching_tabs_leaves_the_cards_alone(services):
    *_shown, key = update_main(services, "?client=C1&tab=retention", 3)
    # Another tab of the same view: nothing to send, not even the key.
    assert update_main(services, "?client=C1&tab=budget", 3, key) == (no_update,) * 5
    assert update_main(services, "?client=C1", 3, key) == (no_update,) * 5
    # The refresh timer, another filter, language or an as-of day all recompute.
    for search, ticks in (
        ("?client=C1&tab=budget", 4),
        ("?client=C1&client=C2&tab=budget", 3),
        ("?client=C1&lang=zh", 3),
    ):
        cards, *_, new_key = update_main(services, search, ticks, key)
        assert new_key != key and card_value(cards, "revenue") in {"$0.00", "US$0.00"}
    later = Services(
        services.settings.with_(as_of=AS_OF.replace(day=16)), services.engine
    )
    assert update_main(later, "?client=C1", 3, key)[-1] != key


def test_an_unknown_tab_still_gets_its_notice(services):
    *_shown, key = update_main(services, "?client=C1", None)
    _cards, _chips, notice, _caption, other = update_main(
        services, "?client=C1&tab=nonsense", None, key
    )
    assert other != key
    assert "Unknown tab “nonsense”" in text_of(notice)


def test_another_viewer_never_reuses_the_key(services):
    from dashboard.kernel.scope import Scope

    everyone = update_main(services, "?client=C1", None)[-1]
    narrow = Services(services.settings, services.engine, Scope.for_client("C1"))
    assert update_main(narrow, "?client=C1", None)[-1] != everyone


def test_a_change_of_link_does_not_recheck_the_status_line(services):
    # A tab switch changes only the link: the status line ('data as of', the
    # database banner) is redrawn by the timer and with a new page, not by it.
    app = Dash("status")
    register(app, services)
    (status,) = [
        callback
        for key, callback in app.callback_map.items()
        if f"{ids.DATA_AS_OF}.children" in key
    ]
    assert [(i["id"], i["property"]) for i in status["inputs"]] == [
        (ids.REFRESH, "n_intervals")
    ]
    assert [(s["id"], s["property"]) for s in status["state"]] == [
        (ids.PAGE_URL, "search")
    ]
