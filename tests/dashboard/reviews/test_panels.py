"""Where a review starts: the presenting banner of the dashboard (one client
shown) and the client page's review panel, with what changed since."""

from __future__ import annotations

from layouts.account import (
    START_REVIEW_FORM,
    ClientView,
    HeaderAccount,
    build_presenting_banner,
)
from layouts.review_panel import (
    START_REVIEW_FORM as PANEL_FORM,
)
from layouts.review_panel import StartReview, build_review_panel
from tests.components import find, text_of


def _fields(form) -> dict[str, str]:
    return {c.name: c.value for c in form.children if getattr(c, "name", None)}


def test_the_presenting_banner_starts_a_review_of_the_shown_client():
    account = HeaderAccount("Ann", "token", showing=ClientView("C1", "Alpha Ltd"))
    form = find(build_presenting_banner(account, "zh", "dark"), START_REVIEW_FORM)
    assert form.action == "/review/start"
    assert _fields(form) == {"csrf_token": "token", "lang": "zh", "theme": "dark",
                             "client": "C1"}  # fmt: skip
    assert "开始回顾" in text_of(form)


def test_a_clients_own_login_gets_no_start_review():
    account = HeaderAccount("Bea", "t", showing=ClientView("C2", "Beta", own=True))
    text = str(build_presenting_banner(account, "en", "light"))
    assert START_REVIEW_FORM not in text


def test_the_review_panel_lists_what_changed_and_starts_a_review():
    since = {
        "heading": "Since the review of 2026-Q2 on Jul 3, 2026",
        "figures": [("Revenue", "$1.00", "$2.00", True), ("NPS", "10", "10", False)],
        "items": [("Send the plan", "Bo", "done late", "done_late")],
        "targets_heading": "Targets for 2026-Q3",
        "targets": [("Meeting attendance", "85.0%", "90.0%", "met", True)],
        "problems": ["3 open action items are overdue."],
    }
    panel = build_review_panel(
        lang="en", client_name="Alpha Ltd", since=since, last_review_href="/review/4",
        start=StartReview("C1", "token", "light"),
    )  # fmt: skip
    assert (
        text_of(find(panel, "since-figures")) == "Figure Then Now Revenue $1.00 $2.00"
    )
    assert text_of(find(panel, "since-items")) == (
        "Action item Owner Status now Send the plan Bo done late"
    )
    assert "Meeting attendance 85.0% 90.0% met" in text_of(find(panel, "since-targets"))
    assert "3 open action items are overdue." in text_of(panel)
    assert _fields(find(panel, PANEL_FORM))["client"] == "C1"
    # No figure moved: one line says so, in the page's language.
    still = {**since, "figures": [("NPS", "10", "10", False)]}
    calm = build_review_panel(
        lang="zh", client_name="Alpha Ltd", since=still, last_review_href=None,
        start=None,
    )  # fmt: skip
    assert text_of(find(calm, "since-figures")) == "此后没有数字变化。"


def test_a_viewer_who_may_not_review_gets_the_panel_without_the_button():
    panel = build_review_panel(
        lang="zh", client_name="Alpha Ltd", since=None, last_review_href=None,
        start=None,
    )  # fmt: skip
    assert "这是 Alpha Ltd 在仪表板上的第一次回顾。" in text_of(panel)
    assert PANEL_FORM not in str(panel)
