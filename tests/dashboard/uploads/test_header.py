"""The header's Data link: for who may upload (their setting decides), in the
page's language and theme; never on a client-facing page."""

from __future__ import annotations

from flask import g

from callbacks.account import header_account
from dashboard.auth.sessions import ActiveSession
from dashboard.auth.users import CurrentUser
from layouts import ids
from layouts.account import ClientView, HeaderAccount
from layouts.shell import build_header
from tests.components import find, walk

ADMIN = CurrentUser(username="ada", display_name="Ada", role="admin")
MANAGER = CurrentUser(username="mia", display_name="Mia", role="manager")
PRESENTING = CurrentUser(
    username="ada", display_name="Ada", role="admin",
    presenting_client_external_id="C1",
)  # fmt: skip


def link_ids(header) -> set:
    """The plain ids of the header (pattern ids, dictionaries, left out)."""
    found = (getattr(component, "id", None) for component in walk(header))
    return {found_id for found_id in found if isinstance(found_id, str)}


def test_the_link_names_the_page_in_the_language_and_theme():
    account = HeaderAccount("Ada", "token", may_upload=True)
    link = find(build_header("zh", "dark", account), ids.HEADER_UPLOAD)
    assert (link.href, link.children) == ("/data/upload?lang=zh&theme=dark", "数据")
    link = find(build_header("en", "light", account), ids.HEADER_UPLOAD)
    assert (link.href, link.children) == ("/data/upload?lang=en&theme=light", "Data")


def test_no_link_without_the_right_or_on_a_client_facing_page():
    showing = ClientView("K1", "Kestrel")
    for account in (
        None,
        HeaderAccount("Mia", "token"),
        HeaderAccount("Ada", "token", may_upload=True, showing=showing),
    ):
        assert ids.HEADER_UPLOAD not in link_ids(build_header("en", "light", account))


def test_the_account_says_who_may_upload(app):
    services = app.server.extensions["dashboard"]

    def may_upload(user) -> bool:
        with app.server.test_request_context("/"):
            g.crd_user = user
            g.crd_session = ActiveSession(1, "hash-of-token", 1, user)
            return header_account(services).may_upload

    assert may_upload(ADMIN) is True
    assert may_upload(MANAGER) is False  # UPLOAD_ALLOW_MANAGERS is not set
    assert may_upload(PRESENTING) is False
