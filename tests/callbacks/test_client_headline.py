"""One client's headline: the cards that matter to that client, equal to `kpis
--client`, with agreed targets met or missed by each KPI's direction."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from callbacks.headline import update_main
from dashboard.cli import main
from dashboard.figures.card_values import format_value
from dashboard.figures.client_cards import CLIENT_HEADLINE_KEYS
from dashboard.kernel.scope import Scope
from layouts import ids
from tests.callbacks.test_presenting import PRESENTING, logged_in
from tests.components import find, text_of, walk

LOGO_KEYS = ("active_clients", "new_clients", "lost_clients", "retention_rate")


def card_ids(cards) -> list[str]:
    return [
        c.id for c in walk(cards) if str(getattr(c, "id", "")).startswith("kpi-")
        and not str(c.id).startswith("kpi-info")
    ]  # fmt: skip


def part(cards, key: str, class_name: str) -> str:
    card = find(cards, ids.kpi_card(key))
    found = [c for c in walk(card) if class_name in (getattr(c, "className", "") or "")]
    assert len(found) == 1, (key, class_name)
    return text_of(found[0])


def kpis_command(capsys, *args) -> dict:
    assert main(["kpis", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_one_client_gets_its_own_cards_and_no_logo_counts(review):
    cards, *_ = update_main(review, "?client=C1&period=2026-Q2", None)
    shown = card_ids(cards)
    assert shown == [
        "kpi-health",
        *(f"kpi-{key}" for key in CLIENT_HEADLINE_KEYS),
        "kpi-days_to_end",
    ]
    assert not any(f"kpi-{key}" in shown for key in LOGO_KEYS)
    # By hand (tests/callbacks/client_review.py).
    assert part(cards, "revenue", "kpi-value") == "$1,000.00"
    assert "+25.0%" in part(cards, "revenue", "kpi-change")
    assert part(cards, "meetings_held", "kpi-value") == "2"
    assert part(cards, "attendance_rate", "kpi-value") == "75.0%"
    assert part(cards, "goal_achievement_rate", "kpi-value") == "83.3%"
    assert part(cards, "action_item_completion_rate", "kpi-value") == "50.0%"
    assert part(cards, "open_overdue", "kpi-value") == "1"
    assert part(cards, "budget_burn", "kpi-value") == "30.0%"
    assert part(cards, "nps", "kpi-value") == "33.3"
    assert part(cards, "nps", "kpi-warning") == "small sample (n = 3)"
    assert part(cards, "days_to_end", "kpi-value") == "184"
    assert "Dec 31, 2026" in part(cards, "days_to_end", "kpi-note")


def test_two_clients_keep_the_portfolio_headline(review):
    cards, *_ = update_main(review, "?client=C1&client=C2&period=2026-Q2", None)
    shown = card_ids(cards)
    assert all(f"kpi-{key}" in shown for key in LOGO_KEYS)
    assert "kpi-health" not in shown and "kpi-days_to_end" not in shown
    assert part(cards, "active_clients", "kpi-value") == "2"


def test_the_client_cards_equal_the_kpis_command(review, capsys):
    cards, *_ = update_main(review, "?client=C1&period=2026-Q2", None)
    report = kpis_command(capsys, "--client", "C1", "--period", "2026-Q2")
    currency = review.settings.currency
    for key in CLIENT_HEADLINE_KEYS:
        expected = format_value(key, report[key], "en", currency)
        assert part(cards, key, "kpi-value") == expected, key
    assert report["attendance_rate"] == pytest.approx(0.75)
    assert report["open_overdue"] == 1


def test_targets_are_met_or_missed_by_direction(review):
    cards, *_ = update_main(review, "?client=C1&period=2026-Q2", None)
    # Higher is better: 75.0% against 85.0% is missed; 33.3 against 30 is met.
    assert part(cards, "attendance_rate", "kpi-target") == "✗ target 85.0% · missed"
    assert part(cards, "nps", "kpi-target") == "✓ target 30.0 · met"
    # Lower is better: 1 open overdue item against the segment's 2 is met.
    assert part(cards, "open_overdue", "kpi-target") == "✓ target 2 · met"
    # No target for revenue: no target line.
    card = find(cards, ids.kpi_card("revenue"))
    assert not any(
        "kpi-target" in (getattr(c, "className", "") or "") for c in walk(card)
    )


def test_the_client_headline_speaks_chinese(review):
    cards, *_ = update_main(review, "?client=C1&period=2026-Q2&lang=zh", None)
    assert "健康度得分" in text_of(find(cards, ids.kpi_card("health")))
    assert "未达成" in part(cards, "attendance_rate", "kpi-target")


def test_an_internal_view_shows_the_band_and_a_client_view_does_not(review):
    # Components: satisfaction 67, engagement 75, delivery 50, budget 100 → 73.
    cards, *_ = update_main(review, "?client=C1&period=2026-Q2", None)
    assert part(cards, "health", "kpi-value") == "73"
    assert part(cards, "health", "kpi-note") == "Healthy · lowest: Delivery 50"
    facing = replace(review, scope_override=Scope.for_client("C1", internal=False))
    cards, *_ = update_main(facing, "?client=C1&period=2026-Q2", None)
    health = text_of(find(cards, ids.kpi_card("health")))
    assert not any(band in health for band in ("Healthy", "Watch", "At risk"))
    assert part(cards, "health", "kpi-note") == "lowest: Delivery 50"


def test_a_client_facing_page_gets_its_clients_headline_before_its_link_says_so(
    review,
):
    # Presenting to Acme with a link still naming no client: Acme's own cards.
    with logged_in(PRESENTING):
        cards, *_ = update_main(review, "?period=2026-Q2", None)
    shown = card_ids(cards)
    assert shown[0] == "kpi-health" and "kpi-active_clients" not in shown
    assert part(cards, "meetings_held", "kpi-value") == "2"
