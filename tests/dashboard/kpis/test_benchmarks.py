"""The anonymous attendance benchmark: a median over all clients, only when at
least five clients other than the compared one contribute."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.kernel.periods import parse_period
from dashboard.kpis.benchmarks import attendance_median
from tests.factories import add_client, add_meeting

WINDOW = parse_period("2026-Q3").window(dt.date(2026, 8, 15))  # Jul 1 – Aug 15


def _held(conn, client_id: int, day: str, attended: int, invited: int) -> None:
    """A held meeting with `invited` client-side attendees, `attended` of them there
    (plus one internal attendee, who never counts)."""
    attendees = [("client", i < attended) for i in range(invited)]
    add_meeting(
        conn,
        client_id,
        dt.datetime.fromisoformat(f"{day}T10:00"),
        attendees=(*attendees, ("internal", True)),
    )


def _portfolio(conn, clients: int) -> None:
    """Client K1 (compared) 1/4 = 0.25; then K2.. with the rates below.

    K2: 1/2 = 0.5   K3: 2/3 ≈ 0.667   K4: 3/4 = 0.75   K5: 4/5 = 0.8
    K6: 1/1 = 1.0   K7: 0/2 = 0.0
    """
    plan = [(1, 4), (1, 2), (2, 3), (3, 4), (4, 5), (1, 1), (0, 2)]
    for number, (attended, invited) in enumerate(plan[:clients], start=1):
        client = add_client(conn, f"K{number}", name=f"Client {number}")
        _held(conn, client, "2026-07-15", attended, invited)


def test_fewer_than_five_other_clients_give_nothing(engine):
    with engine.begin() as conn:
        _portfolio(conn, 5)  # K1 compared, only K2..K5 (4 others)
        # Outside the window or not held: never contribute.
        late = add_client(conn, "L1", name="Late")
        _held(conn, late, "2026-08-16", 1, 1)  # after as_of
        cancelled = add_client(conn, "X1", name="Cancelled")
        add_meeting(
            conn,
            cancelled,
            dt.datetime(2026, 7, 20, 10),
            status="cancelled",
            attendees=(("client", True),),
        )
        # Held but nobody from the client invited: no rate, does not count.
        silent = add_client(conn, "S1", name="Silent")
        add_meeting(conn, silent, dt.datetime(2026, 7, 21, 10))
    with engine.connect() as conn:
        assert (
            attendance_median(conn=conn, window=WINDOW, timezone="UTC", compared="K1")
            is None
        )
        # Without a compared client the same five clients are enough.
        # Rates 0.25, 0.5, 0.667, 0.75, 0.8 → median 0.667 (2/3)
        assert attendance_median(
            conn=conn, window=WINDOW, timezone="UTC"
        ) == pytest.approx(2 / 3)


def test_median_of_all_contributing_clients(engine):
    with engine.begin() as conn:
        _portfolio(conn, 7)  # K1 compared + six others
    with engine.connect() as conn:
        median = attendance_median(
            conn=conn, window=WINDOW, timezone="UTC", compared="K1"
        )
    # All seven rates sorted: 0.0, 0.25, 0.5, 0.667, 0.75, 0.8, 1.0 → median 2/3
    assert median == pytest.approx(2 / 3)


def test_even_count_takes_the_mean_of_the_middle_two(engine):
    with engine.begin() as conn:
        _portfolio(conn, 6)  # K1 compared + K2..K6 (five others: enough)
    with engine.connect() as conn:
        median = attendance_median(
            conn=conn, window=WINDOW, timezone="UTC", compared="K1"
        )
        stricter = attendance_median(
            conn=conn, window=WINDOW, timezone="UTC", compared="K1", min_clients=6
        )
    # 0.25, 0.5, 0.667, 0.75, 0.8, 1.0 → (0.667 + 0.75) / 2 = 17/24 ≈ 0.7083
    assert median == pytest.approx((2 / 3 + 3 / 4) / 2)
    assert stricter is None
