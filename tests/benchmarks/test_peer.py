"""The tutorial peer of the speed benchmark counts exactly what the project counts."""

from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.peer import check, headline
from benchmarks.peer_frames import load_frames
from dashboard.kernel.filters import parse_filters
from dashboard.kernel.settings import Settings
from data.db import make_engine
from data.demo import generate_demo_data
from data.models import Base
from tests.factories import add_client, add_invoice

AS_OF = dt.date(2026, 6, 30)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    """The small demo data (60 clients) up to AS_OF in a SQLite file."""
    url = f"sqlite:///{tmp_path_factory.mktemp('peer') / 'demo.db'}"
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    generate_demo_data(engine, size="small", end=AS_OF)
    engine.dispose()
    return url


def test_peer_numbers_equal_the_projects_on_demo_data(demo_url):
    settings = Settings(database_url=demo_url, as_of=AS_OF, load_demo_data=False)
    engine = make_engine(demo_url)
    with engine.connect() as conn:
        owner = conn.exec_driver_sql(
            "SELECT owner FROM clients WHERE owner IS NOT NULL ORDER BY id LIMIT 1"
        ).scalar_one()
    engine.dispose()
    filters = [
        parse_filters(period=None, as_of=AS_OF),
        parse_filters(period="2025-Q4", owner=owner, as_of=AS_OF),
    ]
    assert check(demo_url, filters, settings) is True


def test_peer_headline_by_hand(engine):
    # A: a client since 2024 with 100.00 in Q2 and a 10.00 credit note; B: new in
    # Q2 with 50.00; C: churned in Q2 (was active on 1 April).
    with engine.begin() as conn:
        a = add_client(conn, "A")
        b = add_client(conn, "B", onboarded_on=dt.date(2026, 4, 15))
        add_client(conn, "C", churned_on=dt.date(2026, 5, 20))
        add_invoice(conn, a, dt.date(2026, 5, 1), 10_000)
        add_invoice(conn, a, dt.date(2026, 6, 10), -1_000)
        add_invoice(conn, b, dt.date(2026, 6, 1), 5_000)
        add_invoice(conn, a, dt.date(2025, 5, 1), 12_000)
    url = engine.url.render_as_string(hide_password=False)
    settings = Settings(database_url=url, as_of=AS_OF, load_demo_data=False)
    filters = parse_filters(period="2026-Q2", as_of=AS_OF)

    report = headline(load_frames(url), filters, settings)["report"]

    assert report["active_clients"] == 2
    assert report["clients_at_start"] == 2
    assert report["new_clients"] == 1
    assert report["lost_clients"] == 1
    assert report["churn_rate"] == 0.5
    assert report["revenue"] == 140.0
    # NRR: base B = {A} (120.00 a year earlier); A has 90.00 now.
    assert report["nrr"] == 0.75
    assert report["previous"]["period"] == "2026-Q1"
    assert report["previous"]["revenue"] == 0.0
    assert check(url, [filters], settings) is True
