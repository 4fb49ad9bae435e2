"""The headline's "Data issues (n)" badge: n counts the checks that fail for the
view's filters within the viewer's scope; computed once per data version; never
on a client-facing page."""

from __future__ import annotations

import pytest
from flask_caching.backends import SimpleCache

import callbacks.quality_badge as badge_module
from callbacks.quality_badge import update_badge
from dashboard.auth.users import CurrentUser
from dashboard.kpis.results import ResultCache
from dashboard.services import Services
from data.version import bump_data_version
from layouts import ids
from tests.callbacks.test_presenting import MANAGER, PRESENTING, VIEWER, logged_in
from tests.dashboard.quality.book import add_quality_book, quality_settings

ANN = CurrentUser(username="ann", display_name="Ann", role="account_manager",
                  owner_name="Ann")  # fmt: skip


@pytest.fixture
def services(engine) -> Services:
    with engine.begin() as conn:
        add_quality_book(conn)
        bump_data_version(conn)
    return Services(
        settings=quality_settings(), engine=engine, results=ResultCache(SimpleCache())
    )


def test_the_badge_counts_the_failing_checks_of_the_view(services):
    """Gamma (C3) alone fails 7 checks: quiet feeds (its meetings, spend and
    action items: 3 rows), no revenue in 2026-Q2, P4 without milestones and
    spending after its end, M3 without attendees and objectives, A4 old: 9 rows."""
    with logged_in(MANAGER):
        badge = update_badge(services, "?client=C3&lang=zh&theme=dark&tab=budget", 0)
    assert badge.id == ids.QUALITY_BADGE_LINK
    assert badge.children == "数据问题（7）"
    assert badge.href == "/data/quality?client=C3&lang=zh&theme=dark"
    assert badge.title == "7 项数据质量检查未通过（9 行）：打开列表"


def test_an_account_manager_counts_only_own_clients(services):
    """Ann's C1 and C2 fail every check but the ones only Bob's clients fail:
    her view has all ten (EXPECTED's second column is never 0), for C2 alone
    five: quiet feeds (its invoices, surveys and action items), no revenue, no
    survey, old open item A7, A7 without owner."""
    with logged_in(ANN):
        assert update_badge(services, "", 0).children == "Data issues (10)"
        assert update_badge(services, "?client=C2", 0).children == "Data issues (5)"
        # Bob's client is not Ann's: no count for it, no badge.
        assert update_badge(services, "?client=C3", 0) is None


@pytest.mark.parametrize("user", [PRESENTING, VIEWER])
def test_no_badge_on_a_client_facing_page(services, user):
    with logged_in(user):
        assert update_badge(services, "?client=C1", 0) is None


def test_the_badge_is_computed_once_per_data_version(services, monkeypatch):
    calls = []
    real = badge_module.run_checks

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(badge_module, "run_checks", counted)
    with logged_in(MANAGER):
        update_badge(services, "?client=C3", 0)
        # Another tab, period or refresh tick: the same checks, from the cache.
        update_badge(services, "?client=C3&tab=budget&period=2026-Q2", 5)
        assert len(calls) == 1
        with services.engine.begin() as conn:
            bump_data_version(conn)
        update_badge(services, "?client=C3", 6)
    assert len(calls) == 2
