"""A link's filters are checked against the database; unknown ones show nothing."""

from __future__ import annotations

from sqlalchemy import insert

from callbacks.resolved_view import period_labels, resolve_view
from data.models import Client
from data.queries.choices import client_names
from layouts.filters import CLIENT_OPTIONS_MAX
from tests.callbacks.conftest import AS_OF, D, _client


def resolve(services, search):
    with services.engine.connect() as conn:
        return resolve_view(
            search,
            conn=conn,
            scope=services.current_scope(),
            settings=services.settings,
        )


def messages(view):
    return [message.format(**values) for message, values in view.notices]


def test_a_valid_link_gives_its_filters(services):
    view = resolve(services, "?period=2026-Q2&client=C1&region=EMEA")
    assert view.filters.period.label == "2026-Q2"
    assert view.filters.clients == ("C1",)
    assert view.filters.region == "EMEA"
    assert view.notices == ()


def test_no_period_means_this_quarter_to_date(services):
    assert resolve(services, "").filters.period.label == "2026-Q3"


def test_an_unknown_client_shows_nothing_rather_than_everyone(services):
    view = resolve(services, "?client=C1&client=C999")
    assert view.filters is None
    assert messages(view) == [
        "No client C999 here; nothing is shown for it. Choose clients or reset"
        " the filters."
    ]


def test_unknown_segment_region_and_owner_show_nothing(services):
    view = resolve(services, "?segment=huge&region=Mars&owner=Zed")
    assert view.filters is None
    assert len(view.notices) == 3


def test_a_malformed_period_falls_back_to_this_quarter(services):
    view = resolve(services, "?period=2026-Q5&client=C2")
    assert view.filters.period.label == "2026-Q3"
    assert view.filters.clients == ("C2",)
    assert messages(view) == ["“2026-Q5” is not a period; showing 2026-Q3."]


def test_a_period_that_has_not_started_falls_back(services):
    view = resolve(services, "?period=2027-Q1")
    assert view.filters.period.label == "2026-Q3"
    assert messages(view) == ["2027-Q1 has not started yet; showing 2026-Q3."]


def test_choices_come_from_the_database(services):
    view = resolve(services, "")
    assert view.choices.clients == (("C1", "Acme"), ("C2", "Beta"), ("C3", "Gamma"))
    assert view.choices.regions == ("APAC", "EMEA")
    assert view.choices.owners == ("Ann",)
    assert view.choices.periods[:2] == ("2026-Q3", "2026-Q2")


def test_period_choices_list_quarters_then_years_then_months():
    labels = period_labels(D(2026, 5, 20), AS_OF, 1)
    assert labels == (
        "2026-Q3", "2026-Q2", "2026", "2026-08", "2026-07", "2026-06", "2026-05"
    )  # fmt: skip


def test_the_choices_carry_the_first_clients_by_name_and_the_chosen_ones(services):
    # 60 more clients, "Aa 10" … "Aa 69" (C1 Acme, C2 Beta and C3 Gamma
    # sort after them): the choices hold the first CLIENT_OPTIONS_MAX by name and
    # a chosen client beyond them, never the whole list.
    with services.engine.begin() as conn:
        conn.execute(
            insert(Client),
            [
                _client(100 + n, f"X{n}", f"Aa {n}", D(2025, 1, 1), region="APAC")
                for n in range(10, 70)
            ],
        )
    view = resolve(services, "?client=C3")
    clients = view.choices.clients
    assert len(clients) == CLIENT_OPTIONS_MAX + 1
    assert clients[:CLIENT_OPTIONS_MAX] == tuple(
        (f"X{n}", f"Aa {n}") for n in range(10, 10 + CLIENT_OPTIONS_MAX)
    )
    assert clients[-1] == ("C3", "Gamma")
    assert view.choices.client_name("C3") == "Gamma"
    # Regions and owners: every one within the scope, once each, sorted.
    assert view.choices.regions == ("APAC", "EMEA")
    assert view.choices.owners == ("Ann",)
    with services.engine.connect() as conn:
        names = client_names(
            conn=conn, scope=services.current_scope(), external_ids=["X69", "C1", "NO"]
        )
    assert names == {"X69": "Aa 69", "C1": "Acme"}
