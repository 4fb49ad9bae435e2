"""The header's "Present to…" searches on the server like the client picker:
the chosen client plus at most CLIENT_OPTIONS_MAX matches of the typed text
within the user's own scope; the chosen client goes into the form's `client`
field and enables "Present"; a client-facing page or a client viewer is offered
nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from dash import no_update

from callbacks.account import header_account
from callbacks.present_picker import update_present_options
from dashboard.auth.users import CurrentUser
from dashboard.kernel.settings import Settings
from dashboard.services import Services
from data.db import make_engine
from layouts.account import PRESENT_BUTTON, PRESENT_PICKER, build_present_form
from layouts.filters import CLIENT_OPTIONS_MAX
from tests.callbacks.test_client_picker import picker  # noqa: F401 (fixture)
from tests.callbacks.test_presenting import MANAGER, PRESENTING, VIEWER, logged_in
from tests.components import find

BOB = CurrentUser(
    username="bob", display_name="Bob", role="account_manager", owner_name="Bob"
)
FIRST = [f"F{n:02d}" for n in range(1, 61)]


def offered(services: Services, text, value=None) -> list[str]:
    options, _field, _disabled = update_present_options(services, text, value)
    return [o["value"] for o in options]


def test_a_typed_text_offers_the_names_and_ids_holding_it(picker):  # noqa: F811
    with logged_in(MANAGER):
        options, field, disabled = update_present_options(picker, " AcMe", None)
        assert options == [
            {"label": "ACME Holdings (C2)", "value": "C2"},
            {"label": "Acme (C1)", "value": "C1"},
        ]
        assert (field, disabled) == ("", True)  # nothing chosen yet
        assert offered(picker, "c9") == ["C9"]
        assert offered(picker, "r_s") == ["C4"]  # "_" taken literally
        assert offered(picker, "天成") == ["C7", "C6"]


def test_a_client_beyond_the_first_is_found_by_typing_and_chosen(picker):  # noqa: F811
    with logged_in(MANAGER):
        # Nothing typed: the first 50 by name ("100% Pure", "ACME Holdings", ...).
        first = offered(picker, "")
        assert len(first) == CLIENT_OPTIONS_MAX and "F60" not in first
        assert first[:3] == ["C3", "C2", "C1"]
        assert offered(picker, "filler") == FIRST[:CLIENT_OPTIONS_MAX]
        assert offered(picker, "ler 60") == ["F60"]
        # Chosen: offered whatever is typed, copied into the form, Present enabled.
        options, field, disabled = update_present_options(picker, "", "F60")
        assert [o["value"] for o in options] == [*first, "F60"]
        assert options[-1]["label"] == "Filler 60 (F60)"
        assert (field, disabled) == ("F60", False)


def test_the_users_own_scope_limits_what_is_offered_and_chosen(picker):  # noqa: F811
    with logged_in(BOB):
        assert offered(picker, "acme") == ["C2"]
        assert offered(picker, "") == ["C2", "C7"]  # Bob's two clients
        # Another owner's client (a forged value) is neither named nor kept.
        options, field, disabled = update_present_options(picker, "", "C1")
        assert [o["value"] for o in options] == ["C2", "C7"]
        assert (field, disabled) == ("", True)


@pytest.mark.parametrize("user", [PRESENTING, VIEWER], ids=["presenting", "viewer"])
def test_a_client_facing_page_gets_nothing_to_choose(picker, user):  # noqa: F811
    with logged_in(user):
        assert update_present_options(picker, "a", "C1") == ([], "", True)
        assert update_present_options(picker, "", None) == ([], "", True)


def test_a_database_outage_keeps_the_options_and_the_choice():
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    services = Services(Settings(as_of=dt.date(2026, 8, 15)), engine)
    with logged_in(MANAGER):
        assert update_present_options(services, "acme", "C1") == (
            no_update,
            "C1",
            False,
        )


def test_the_header_carries_the_selected_and_the_first_clients_only(services):
    clients = tuple((f"X{n:04d}", f"Client {n:04d}") for n in range(2000))
    with logged_in(MANAGER):
        account = header_account(services, selected=("X1999",), choices=clients)
    form = build_present_form(account, "en", "light")
    dropdown = find(form, PRESENT_PICKER)
    values = [o["value"] for o in dropdown.options]
    assert values == [f"X{n:04d}" for n in range(CLIENT_OPTIONS_MAX)] + ["X1999"]
    assert dropdown.value == "X1999"
    assert find(form, PRESENT_BUTTON).disabled is False
    # Two clients in the URL: none of them is chosen for presenting.
    with logged_in(MANAGER):
        two = header_account(services, selected=("X1999", "X0001"), choices=clients)
    assert len(two.present_choices) == CLIENT_OPTIONS_MAX and two.selected is None
