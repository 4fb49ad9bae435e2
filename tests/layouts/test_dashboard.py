"""The dashboard page: what it holds for an internal viewer and for a client's eyes."""

from __future__ import annotations

from dashboard.kernel.filters import FilterChoices
from dashboard.kernel.urlstate import ViewState
from layouts import ids
from layouts.account import ClientView, HeaderAccount
from layouts.dashboard import build_dashboard
from tests.components import walk

CHOICES = FilterChoices(clients=(("K1", "Kestrel"),))


def shown_ids(account) -> list:
    page = build_dashboard(ViewState(), CHOICES, "en", "light", 300, account=account)
    return [getattr(component, "id", None) for component in walk(page)]


def test_only_a_client_facing_page_holds_the_attendance_comparison():
    # The comparison with all clients is for a client's eyes; without its
    # container an internal page never sends its callback on a change.
    internal = HeaderAccount("Ann", "token")
    presenting = HeaderAccount("Ann", "token", showing=ClientView("K1", "Kestrel"))
    own = HeaderAccount("Cleo", "token", showing=ClientView("K1", "Kestrel", own=True))
    for account in (None, internal):
        assert ids.BENCHMARK not in shown_ids(account)
        assert ids.TAB_CONTENT in shown_ids(account)
    for account in (presenting, own):
        assert ids.BENCHMARK in shown_ids(account)
