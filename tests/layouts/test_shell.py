"""The header's link to the Schedules page: there for the roles that may use the
page, with the page's language and theme; absent on a client-facing page."""

from __future__ import annotations

from layouts import ids
from layouts.account import ClientView, HeaderAccount
from layouts.shell import build_header
from tests.components import find, walk

INTERNAL = HeaderAccount("Ann", "token", present_choices=(("K1", "Kestrel"),))


def test_the_header_links_to_the_schedules_page_in_its_language_and_theme():
    link = find(build_header("zh", "dark", INTERNAL), ids.HEADER_SCHEDULES)
    assert link.href == "/schedules?lang=zh&theme=dark"
    assert link.children == "定期报告"
    link = find(build_header("en", "light", INTERNAL), ids.HEADER_SCHEDULES)
    assert link.href == "/schedules?lang=en&theme=light"
    assert link.children == "Schedules"


def test_no_schedules_link_for_who_may_not_use_the_page():
    # No login; a role that may not present (viewer); a client's own login;
    # presenting to a client.
    viewer = HeaderAccount("Vic", "token")
    own = HeaderAccount("Cleo", "token", showing=ClientView("K1", "Kestrel", own=True))
    presenting = HeaderAccount("Ann", "token", showing=ClientView("K1", "Kestrel"))
    for account in (None, viewer, own, presenting):
        header = build_header("en", "light", account)
        shown = [getattr(component, "id", None) for component in walk(header)]
        assert ids.HEADER_REPORT in shown
        assert ids.HEADER_SCHEDULES not in shown
