"""The client picker searches on the server: the chosen clients plus at most
CLIENT_OPTIONS_MAX matches of the typed text, within the viewer's scope, by name;
wildcards typed are taken literally; a client-facing page offers its client only."""

from __future__ import annotations

import datetime as dt
from contextvars import copy_context
from dataclasses import replace

import pytest
from dash import no_update
from dash._callback_context import context_value
from dash._utils import AttributeDict
from sqlalchemy import insert

from callbacks.client_picker import update_client_options
from callbacks.navigation import sync_url
from dashboard.kernel.filters import FilterChoices
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kernel.urlstate import ViewState
from dashboard.services import Services
from data.db import make_engine
from data.models import Client
from layouts import ids
from layouts.filters import CLIENT_OPTIONS_MAX, build_filter_bar
from tests.callbacks.test_presenting import PRESENTING, VIEWER, logged_in
from tests.components import find

NAMED = {
    "C1": ("Acme", "Ann"),
    "C2": ("ACME Holdings", "Bob"),
    "C3": ("100% Pure", "Ann"),
    "C4": ("Under_score Ltd", "Ann"),
    "C5": ("Underscore Co", "Ann"),
    "C6": ("杭州天成科技", "Ann"),
    "C7": ("天成贸易", "Bob"),
    "C8": ("北京天元", "Ann"),
    "C9": ("Back\\slash GmbH", "Ann"),
}
# 60 more, so that a text can match more than the picker offers.
FILLERS = {f"F{n:02d}": (f"Filler {n:02d}", "Ann") for n in range(1, 61)}


@pytest.fixture
def picker(engine) -> Services:
    rows = [
        {
            "external_id": external_id,
            "name": name,
            "segment": "smb",
            "region": "EMEA",
            "owner": owner,
            "onboarded_on": dt.date(2025, 1, 1),
        }
        for external_id, (name, owner) in {**NAMED, **FILLERS}.items()
    ]
    with engine.begin() as conn:
        conn.execute(insert(Client), rows)
    settings = Settings(as_of=dt.date(2026, 8, 15), load_demo_data=False)
    return Services(settings=settings, engine=engine)


def offered(services: Services, text, chosen=()) -> list[str]:
    return [o["value"] for o in update_client_options(services, text, list(chosen))]


def test_a_typed_text_offers_the_names_and_ids_holding_it_by_name(picker):
    options = update_client_options(picker, "acme", [])
    # Any case; the labels name the id too; "ACME Holdings" sorts before "Acme".
    assert options == [
        {"label": "ACME Holdings (C2)", "value": "C2"},
        {"label": "Acme (C1)", "value": "C1"},
    ]
    assert offered(picker, "  AcMe ") == ["C2", "C1"]
    assert offered(picker, "c9") == ["C9"]  # by id
    assert offered(picker, "nothing like it") == []


def test_wildcards_and_backslashes_are_taken_literally(picker):
    assert offered(picker, "%") == ["C3"]
    assert offered(picker, "_") == ["C4"]
    assert offered(picker, "r_s") == ["C4"]  # not "Underscore"
    assert offered(picker, "k\\s") == ["C9"]
    assert offered(picker, "'; DROP TABLE clients; --") == []
    assert offered(picker, "acme") == ["C2", "C1"]  # the table is still there


def test_chinese_text_is_searched(picker):
    assert offered(picker, "天成") == ["C7", "C6"]
    assert offered(picker, "北京") == ["C8"]


def test_at_most_the_limit_besides_the_chosen_which_are_always_offered(picker):
    fillers = [f"F{n:02d}" for n in range(1, CLIENT_OPTIONS_MAX + 1)]
    assert offered(picker, "filler") == fillers  # the first 50 of 60, by name
    # A chosen client is offered whatever was typed, in its place by name.
    assert offered(picker, "filler", ["F60"]) == [*fillers, "F60"]
    assert offered(picker, "%", ["C2"]) == ["C3", "C2"]
    # Nothing typed: the chosen and the first clients by name.
    first = offered(picker, None, ["F60"])
    assert len(first) == CLIENT_OPTIONS_MAX + 1 and "F60" in first
    assert first[:3] == ["C3", "C2", "C1"]
    # An id that is no client is not offered.
    assert offered(picker, "zzz", ["NOPE", "C1"]) == ["C1"]


def test_the_viewers_scope_limits_what_is_offered(picker):
    bob = replace(picker, scope_override=Scope.for_owner("Bob"))
    assert offered(bob, "acme") == ["C2"]
    assert offered(bob, "天成") == ["C7"]
    # Chosen clients outside the scope (a forged value) are not named either.
    assert offered(bob, "", ["C1", "C7"]) == ["C2", "C7"]


@pytest.mark.parametrize("user", [PRESENTING, VIEWER], ids=["presenting", "viewer"])
def test_a_client_facing_page_offers_its_client_only(picker, user):
    # PRESENTING and VIEWER face C1 (Acme): nothing else is searched or named.
    with logged_in(user):
        assert offered(picker, "a", ["C1", "C2"]) == ["C1"]
        assert offered(picker, "天成", []) == []


def test_the_page_carries_the_chosen_and_the_first_clients_only():
    clients = tuple((f"X{n:04d}", f"Client {n:04d}") for n in range(2000))
    state = ViewState(clients=("X1999", "NOPE"))
    bar = build_filter_bar(state, FilterChoices(clients=clients), "en")
    picker = find(bar, ids.CLIENT_PICKER)
    values = [o["value"] for o in picker.options]
    assert values == [f"X{n:04d}" for n in range(CLIENT_OPTIONS_MAX)] + ["X1999"]
    assert picker.value == ["X1999"]
    assert picker.options[-1]["label"] == "Client 1999 (X1999)"


def test_a_database_outage_keeps_the_options_and_the_controls():
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")
    services = Services(Settings(as_of=dt.date(2026, 8, 15)), engine)
    assert update_client_options(services, "acme", ["C1"]) is no_update
    trigger = {"prop_id": f"{ids.PAGE_URL}.search", "value": "?client=C1"}

    def call():
        context_value.set(AttributeDict(triggered_inputs=[trigger]))
        return sync_url(services, "?client=C1", [], None, None, None, None, None,
                        None, [], [])  # fmt: skip

    assert copy_context().run(call) == (no_update,) * 8
