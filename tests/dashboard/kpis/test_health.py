"""Client health end to end: every component from the database, at as_of."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import text

from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import Window, parse_period
from dashboard.kernel.scope import Scope
from dashboard.kpis import health as health_module
from dashboard.kpis.health import client_health, health_windows
from data.queries.held import hold_for
from data.rollups import refresh_rollups
from data.version import bump_data_version
from tests.factories import (
    add_action_item,
    add_client,
    add_invoice,
    add_meeting,
    add_project,
    add_spend,
    add_survey,
)

D = dt.date
AS_OF = D(2026, 5, 15)


def _add_book(conn) -> None:
    x = add_client(conn, "X", onboarded_on=D(2024, 1, 1))
    y = add_client(conn, "Y", onboarded_on=D(2024, 1, 1))
    z = add_client(conn, "Z", onboarded_on=D(2024, 1, 1))
    # X — NPS 10, 10, 0: 100 × (2 − 1) / 3 = 33.3 → satisfaction 66.7
    for score in (10, 10, 0):
        add_survey(conn, x, D(2026, 2, 1), "nps", score)
    # X — client side 3 of 4 attended → engagement 75
    add_meeting(
        conn, x, dt.datetime(2025, 9, 1, 9),
        attendees=(("client", True), ("client", True), ("client", True),
                   ("client", False)),
    )  # fmt: skip
    # X — 3 of 4 items on time → delivery 75
    add_action_item(conn, x, D(2025, 6, 1), completed_on=D(2025, 6, 1))
    add_action_item(conn, x, D(2025, 7, 1), completed_on=D(2025, 6, 20))
    add_action_item(conn, x, D(2025, 8, 1), completed_on=D(2025, 8, 1))
    add_action_item(conn, x, D(2025, 9, 1))
    # X — a 10-day project over by a quarter: AC 1,250 of BAC 1,000 with all time
    # elapsed → burn ratio 1.25 → budget 50
    p = add_project(conn, x, D(2026, 5, 6), D(2026, 5, 15), 100_000)
    add_spend(conn, p, D(2026, 5, 10), 125_000)
    # X — revenue 1,000 in the year before, 900 in the last 365 days: NRR 0.9 → 75
    add_invoice(conn, x, D(2024, 6, 1), 100_000)
    add_invoice(conn, x, D(2025, 6, 1), 90_000)
    # Y — NPS 2 → −100 → satisfaction 0; a project with no spend: burn 0 → 100;
    # revenue 500 the year before, none since: NRR 0 → revenue 0
    add_survey(conn, y, D(2025, 12, 1), "nps", 2)
    add_project(conn, y, D(2026, 1, 1), D(2026, 12, 31), 50_000)
    add_invoice(conn, y, D(2025, 5, 15), 50_000)
    # Z has data only outside the window → nothing to score
    add_survey(conn, z, D(2025, 5, 15), "nps", 10)


def test_health_windows():
    assert health_windows(AS_OF) == (
        Window(D(2025, 5, 16), D(2026, 5, 15)),
        Window(D(2024, 5, 16), D(2025, 5, 15)),
    )


def test_client_health_by_hand(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    with engine.begin() as conn:
        _add_book(conn)
        table = client_health(
            conn, settings=settings, filters=None, scope=Scope.everything()
        )
    assert list(table["external_id"]) == ["Y", "X", "Z"]  # worst first
    y, x, z = (table.iloc[i].to_dict() for i in range(3))
    assert x["nps"] == pytest.approx(100 / 3)
    assert x["satisfaction"] == pytest.approx(200 / 3)
    assert (x["engagement"], x["delivery"]) == (75, 75)
    assert x["burn_ratio"] == pytest.approx(1.25)
    assert x["budget"] == pytest.approx(50)
    assert x["nrr"] == pytest.approx(0.9)
    assert x["revenue"] == pytest.approx(75)
    # (66.67 + 75 + 75 + 50 + 75) / 5 = 68.33
    assert x["score"] == pytest.approx((200 / 3 + 275) / 5)
    assert x["band"] == "watch"
    # Y: (0 + 100 + 0) / 3; engagement and delivery missing
    assert (y["satisfaction"], y["budget"], y["revenue"]) == (0, 100, 0)
    assert (y["engagement"], y["delivery"]) == (None, None)
    assert y["score"] == pytest.approx(100 / 3)
    assert y["band"] == "at_risk"
    assert (z["score"], z["band"], z["satisfaction"]) == (None, None, None)


def test_client_health_with_weights_and_filters(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    filters = Filters(parse_period("2026-Q2"), clients=("X",))
    with engine.begin() as conn:
        _add_book(conn)
        table = client_health(
            conn, settings=settings, filters=filters, scope=Scope.everything(),
            weights={"budget": 1, "revenue": 1},
        )  # fmt: skip
    assert list(table["external_id"]) == ["X"]
    assert table.loc[0, "score"] == pytest.approx(62.5)  # (50 + 75) / 2
    assert table.loc[0, "band"] == "watch"


def test_client_health_uses_the_weights_of_the_settings(engine, settings):
    # HEALTH_WEIGHTS=satisfaction:3,engagement:1 → X: (3 × 66.67 + 75) / 4 = 68.75;
    # Y has no engagement: satisfaction alone, 0.
    weighted = settings.with_(as_of=AS_OF, health_weights=(3.0, 1.0, 0.0, 0.0, 0.0))
    with engine.begin() as conn:
        _add_book(conn)
        table = client_health(
            conn, settings=weighted, filters=None, scope=Scope.everything()
        ).set_index("external_id")
    assert table.loc["X", "score"] == pytest.approx((3 * 200 / 3 + 75) / 4)
    assert table.loc["Y", "score"] == 0
    assert table.loc["Y", "band"] == "at_risk"


VIEWS = [
    (None, Scope.everything()),
    (Filters(parse_period("2026-Q2"), clients=("X",)), Scope.everything()),
    (Filters(parse_period("2026-Q2"), clients=("Y", "Z")), Scope.everything()),
    (None, Scope.for_client("X")),  # client-facing: its shared items only
    (None, Scope.for_client("Y", internal=True)),
    (Filters(parse_period("2026-Q2"), clients=("nobody",)), Scope.everything()),
]


def _each_view(engine, settings, **options) -> list[pd.DataFrame]:
    with engine.connect() as conn:
        return [
            client_health(conn, settings=settings, filters=f, scope=s, **options)
            for f, s in VIEWS
        ]


def test_a_server_takes_each_views_rows_from_every_clients_health(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    with engine.begin() as conn:
        _add_book(conn)
        refresh_rollups(conn, None)
    computed = _each_view(engine, settings)
    hold_for(engine)
    found = _each_view(engine, settings)
    assert [list(t["external_id"]) for t in found] == [
        ["Y", "X", "Z"], ["X"], ["Y", "Z"], ["X"], ["Y"], []
    ]  # fmt: skip
    for table, expected in zip(found, computed, strict=True):
        pd.testing.assert_frame_equal(table, expected)
    # The client-facing view of X counts no internal item: no delivery.
    assert found[3].loc[0, "delivery"] is None and found[1].loc[0, "delivery"] == 75
    # The raw rows give the same table.
    for table, raw in zip(
        found, _each_view(engine, settings, use_rollups=False), strict=True
    ):
        pd.testing.assert_frame_equal(table, raw)


def test_what_a_view_changes_in_its_table_is_not_held(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    with engine.begin() as conn:
        _add_book(conn)
    hold_for(engine)
    first = _each_view(engine, settings)[0]
    first.loc[0, "score"] = 99.0
    first["extra"] = 1
    again = _each_view(engine, settings)[0]
    assert again.loc[0, "score"] != 99.0 and "extra" not in again.columns


def test_held_health_follows_a_write_and_a_new_day(engine, settings):
    settings = settings.with_(as_of=AS_OF)
    with engine.begin() as conn:
        _add_book(conn)
    hold_for(engine)
    before = _each_view(engine, settings)[0].set_index("external_id")
    assert before.loc["Y", "nps"] == -100
    with engine.begin() as conn:
        # Y: 2 and 10 → NPS 0 → satisfaction 50.
        y = conn.execute(text("SELECT id FROM clients WHERE external_id = 'Y'"))
        add_survey(conn, y.scalar_one(), D(2026, 5, 1), "nps", 10)
        bump_data_version(conn)
    after = _each_view(engine, settings)[0].set_index("external_id")
    assert after.loc["Y", "nps"] == 0 and after.loc["Y", "satisfaction"] == 50
    # A year on, X's answers of 2026-02 are out of the window; as computed.
    later = settings.with_(as_of=D(2027, 3, 1))
    held_later = _each_view(engine, later)
    with engine.begin() as conn:  # a transaction that wrote reads its own rows
        bump_data_version(conn)
        fresh = [
            client_health(conn, settings=later, filters=f, scope=s) for f, s in VIEWS
        ]
    for table, expected in zip(held_later, fresh, strict=True):
        pd.testing.assert_frame_equal(table, expected)
    assert held_later[0].set_index("external_id").loc["X", "nps"] is None


def test_after_a_write_one_clients_health_does_not_wait_for_every_clients(
    engine, settings, monkeypatch
):
    settings = settings.with_(as_of=AS_OF)
    with engine.begin() as conn:
        _add_book(conn)
    hold_for(engine)
    computed = []
    real = health_module._health

    def counted(conn, settings, filters, scope, *rest):
        computed.append("all" if filters is None else filters.clients)
        return real(conn, settings, filters, scope, *rest)

    monkeypatch.setattr(health_module, "_health", counted)
    only_x = Filters(parse_period("2026-Q2"), clients=("X",))

    def view(filters):
        with engine.connect() as conn:
            return client_health(
                conn, settings=settings, filters=filters, scope=Scope.everything()
            )

    everyone = view(None)
    x = view(only_x)
    assert computed == ["all"]  # X's rows taken from every client's
    with engine.begin() as conn:
        bump_data_version(conn)
    pd.testing.assert_frame_equal(view(only_x), x)
    assert computed == ["all", ("X",)]  # X's alone: the held table is not current
    pd.testing.assert_frame_equal(view(None), everyone)
    view(only_x)
    assert computed == ["all", ("X",), "all"]
