"""Presenting in the page callbacks: the header's forms, the URL kept at the
presented client, locked filters, titles, and nothing about other clients."""

from __future__ import annotations

import json
from contextlib import contextmanager

from dash import no_update
from flask import Flask, g

from callbacks.benchmark import update_benchmark
from callbacks.headline import update_main
from callbacks.page_frame import kept_search, render_frame
from dashboard.auth.sessions import ActiveSession
from dashboard.auth.users import CurrentUser
from layouts import ids
from layouts.account import (
    CLIENT_PAGE_LINK,
    PRESENT_BUTTON,
    PRESENT_CLIENT_FIELD,
    PRESENT_FORM,
    PRESENT_PICKER,
    PRESENTING_BANNER,
    STOP_FORM,
)
from tests.components import find, walk

SERVER = Flask("presenting-test")
SERVER.config["SECRET_KEY"] = "test-secret"
MANAGER = CurrentUser(username="mia", display_name="Mia Manager", role="manager")
PRESENTING = CurrentUser(
    username="mia",
    display_name="Mia Manager",
    role="manager",
    presenting_client_external_id="C1",
    presenting_client_name="Acme",
)
VIEWER = CurrentUser(
    username="cv",
    display_name="Vera Viewer",
    role="client_viewer",
    client_external_id="C1",
    client_name="Acme",
)


@contextmanager
def logged_in(user: CurrentUser):
    """A request of this user, as the guard of dashboard.auth would set it up."""
    with SERVER.test_request_context("/"):
        g.crd_user = user
        g.crd_session = ActiveSession(1, "hash-of-token", 1, user)
        yield


def dumped(page) -> str:
    """The page as it travels to the browser."""
    return json.dumps(page, default=lambda c: c.to_plotly_json(), ensure_ascii=False)


def test_the_header_offers_present_to_and_logout_when_not_presenting(services):
    with logged_in(MANAGER):
        page, key, _retry, search, page_class, title = render_frame(
            services, "/", "?lang=zh&theme=dark", None, None
        )
    assert search is no_update and page_class == "page"
    assert title == "客户回顾仪表板"
    form = find(page, PRESENT_FORM)
    assert (form.method, form.action) == ("POST", "/presenting/start")
    fields = {
        c.name: getattr(c, "value", None)
        for c in walk(form)
        if getattr(c, "name", None)
    }
    assert fields["lang"] == "zh" and fields["theme"] == "dark"
    assert fields["csrf_token"]
    picker = find(page, PRESENT_PICKER)
    # The manager's scope: every client, by name (Acme, Beta, Gamma); none chosen,
    # so the form's client is empty and "Present" waits for a choice.
    assert [o["value"] for o in picker.options] == ["C1", "C2", "C3"]
    assert picker.options[0]["label"] == "Acme (C1)"
    assert picker.value is None and picker.placeholder == "演示给…"
    assert fields["client"] == "" and find(page, PRESENT_CLIENT_FIELD).type == "hidden"
    assert find(page, PRESENT_BUTTON).disabled is True
    forms = [c for c in walk(page) if getattr(c, "action", None) == "/logout"]
    assert len(forms) == 1
    assert "Mia Manager" in dumped(page)


def test_presenting_keeps_the_url_at_the_client_and_names_no_other(services):
    with logged_in(PRESENTING):
        page, key, retry_off, search, page_class, title = render_frame(
            services, "/", "?client=C2&segment=smb&tab=churn", None, None
        )
    # No period in the link: the last complete quarter (as_of 2026-08-15).
    assert search == "?period=2026-Q2&client=C1&tab=churn"
    assert (page_class, title) == ("page presenting", "Acme · Client Review Dashboard")
    picker = find(page, ids.CLIENT_PICKER)
    assert picker.value == ["C1"] and picker.disabled is True
    assert [o["value"] for o in picker.options] == ["C1"]
    assert find(page, ids.RESET).className == "d-none"
    assert find(page, STOP_FORM).action == "/presenting/stop"
    text = dumped(page)
    assert "Prepared for Acme" in text
    assert "Beta" not in text and "Gamma" not in text
    assert PRESENT_FORM not in text


def test_a_kept_link_is_not_rewritten_again():
    assert kept_search("?client=C1&tab=budget", "C1") is None
    assert kept_search("", "C1") == "?client=C1"
    assert kept_search("?client=C1&client=C2", "C1") == "?client=C1"


def test_another_clients_page_while_presenting_says_why(services):
    with logged_in(PRESENTING):
        page, _key, _retry, search, _class, title = render_frame(
            services, "/clients/C2", "", None, None
        )
    notice = find(page, ids.PRESENTING_NOTICE)
    assert "While presenting to Acme, only Acme can be shown." in dumped(notice)
    assert "Beta" not in dumped(page)
    assert search is no_update and title == "Acme · Client Review Dashboard"


def test_chips_cannot_be_removed_while_presenting(services):
    with logged_in(PRESENTING):
        _cards, chips, _notice, _caption, _key = update_main(
            services, "?client=C1", None
        )
    with logged_in(MANAGER):
        _cards, removable, _notice, _caption, _key = update_main(
            services, "?client=C1", None
        )
    assert [c.children for c in chips] == ["Acme"]
    assert len(list(walk(removable))) == 2  # the chip and its remove button
    assert len(list(walk(chips))) == 1


def test_the_comparison_needs_five_other_clients(services):
    # Only C1 and C2 held meetings: never enough for an anonymous median.
    with logged_in(PRESENTING):
        assert update_benchmark(services, "?client=C1&tab=meetings", None) is None
    with logged_in(VIEWER):
        assert update_benchmark(services, "?tab=meetings", None) is None
    # Internal viewers and other tabs never get it.
    with logged_in(MANAGER):
        assert update_benchmark(services, "?tab=meetings", None) is None


def test_a_client_viewer_sees_their_company_as_a_presented_client(services):
    with logged_in(VIEWER):
        page, _key, _retry, search, page_class, title = render_frame(
            services, "/", "?segment=enterprise&lang=zh", None, None
        )
        _cards, chips, _notice, _caption, _key = update_main(services, search, None)
    # The link's segment is dropped: the page is the company's, not "—".
    assert search == "?period=2026-Q2&client=C1&lang=zh"
    assert (page_class, title) == ("page presenting", "Acme · 客户回顾仪表板")
    picker = find(page, ids.CLIENT_PICKER)
    assert picker.value == ["C1"] and picker.disabled is True
    assert [o["value"] for o in picker.options] == ["C1"]
    assert find(page, ids.RESET).className == "d-none"
    for other in (ids.SEGMENT_PICKER, ids.REGION_PICKER, ids.OWNER_PICKER):
        assert find(page, other).disabled is True
    banner = dumped(find(page, PRESENTING_BANNER))
    assert "为 Acme 准备" in banner and "正在向" not in banner
    assert find(page, CLIENT_PAGE_LINK).href == "/clients/C1?lang=zh"
    assert "Vera Viewer" in dumped(page)
    text = dumped(page)
    assert STOP_FORM not in text and PRESENT_FORM not in text
    assert "Beta" not in text and "Gamma" not in text
    # The period a client's page opens on (the last complete quarter) is shown.
    assert [c.children for c in chips] == ["Acme", "2026-Q2"]


def test_the_presenting_banner_links_to_the_clients_page(services):
    with logged_in(PRESENTING):
        page, *_rest = render_frame(services, "/", "?client=C1&theme=dark", None, None)
    assert find(page, CLIENT_PAGE_LINK).href == "/clients/C1?theme=dark"
    assert find(page, STOP_FORM).action == "/presenting/stop"


def test_another_clients_page_for_a_client_viewer_says_why(services):
    with logged_in(VIEWER):
        page, *_rest = render_frame(services, "/clients/C2", "", None, None)
    notice = dumped(find(page, ids.PRESENTING_NOTICE))
    assert "Only Acme can be shown here." in notice
    assert "Beta" not in dumped(page)
