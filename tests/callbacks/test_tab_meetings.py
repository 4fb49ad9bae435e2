"""The meetings tab against a tiny hand-computed portfolio."""

from __future__ import annotations

import datetime as dt

import pytest
from dash import dcc

import callbacks.tab_meetings  # noqa: F401 - registers the renderer
from callbacks.tabs import update_tab
from dashboard.kernel.settings import Settings
from dashboard.services import Services
from layouts import ids
from tests.components import chart_message_of, figure_of, text_of, walk
from tests.factories import add_client, add_meeting

AS_OF = dt.date(2026, 8, 15)


@pytest.fixture
def services(engine) -> Services:
    with engine.begin() as conn:
        a = add_client(conn, "A", name="Acme", onboarded_on=dt.date(2025, 1, 1))
        b = add_client(conn, "B", name="Beta", onboarded_on=dt.date(2025, 1, 1))
        # Q3 2026 (to 08-15): A held 07-10, client side 2 of 3, objectives 3 of 4,
        # 90 of 60 minutes; B held 08-01, 1 of 1, objectives 1 of 2, on time;
        # A cancelled 07-11.
        add_meeting(
            conn,
            a,
            dt.datetime(2026, 7, 10, 9),
            planned_minutes=60,
            actual_minutes=90,
            objectives_set=4,
            objectives_met=3,
            attendees=(
                ("client", True),
                ("client", True),
                ("client", False),
                ("internal", True),
            ),
        )
        add_meeting(
            conn,
            b,
            dt.datetime(2026, 8, 1, 9),
            objectives_set=2,
            objectives_met=1,
            attendees=(("client", True),),
        )
        add_meeting(conn, a, dt.datetime(2026, 7, 11, 9), status="cancelled")
        # Q2: A held 05-05, 1 of 2, on time, no objectives.
        add_meeting(
            conn,
            a,
            dt.datetime(2026, 5, 5, 9),
            kind="qbr",
            attendees=(("client", True), ("client", False)),
        )
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    return Services(settings=settings, engine=engine)


def test_meetings_tab_shows_the_hand_computed_figures(services):
    tab = update_tab(services, "?tab=meetings", None)
    attendance = figure_of(tab, "meetings-attendance-trend").data[0]
    # 8 quarters up to 2026-Q3; Q2: 1 of 2 = 0.5, Q3: (2 + 1) of (3 + 1) = 0.75.
    assert list(attendance.x)[-2:] == ["2026-Q2", "2026-Q3"]
    assert list(attendance.y) == [None] * 6 + [0.5, 0.75]
    assert attendance.customdata[-1][0] == "period:2026-Q3"
    goals = figure_of(tab, "meetings-goals-trend").data[0]
    assert goals.y[-1] == pytest.approx(4 / 6)  # (3 + 1) of (4 + 2); Q2 has none
    assert goals.y[-2] is None
    share, minutes = figure_of(tab, "meetings-overruns").data
    assert list(share.y[-2:]) == [0.0, 0.5]  # 1 of the 2 held meetings ran over
    assert list(minutes.y[-2:]) == [0.0, 15.0]  # (30 + 0) / 2
    # Two rated clients: both shown, lowest first: A 2/3, B 1/1; click to filter.
    clients = figure_of(tab, "meetings-attendance-clients").data[0]
    assert list(clients.y) == ["Acme", "Beta"]
    assert list(clients.x) == pytest.approx([2 / 3, 1.0])
    assert list(clients.customdata[0]) == ["client:A", "2", "3", "66.7%"]
    statuses = {t.name: list(t.y) for t in figure_of(tab, "meetings-kind-status").data}
    assert statuses == {"Held": [2], "Cancelled": [1]}


def test_meetings_tab_follows_the_client_filter_and_language(services):
    tab = update_tab(services, "?tab=meetings&client=B&period=2026-Q2&lang=zh", None)
    # Beta held no meeting in the eight quarters up to Q2: the tab is one line
    # of text naming the filter.
    assert [c.className for c in tab] == ["section-empty"]
    assert text_of(tab) == "Beta 在截至 2026-Q2 的 8 个期间内没有已举行的会议"


def test_one_client_gets_a_sentence_not_a_one_bar_ranking(services):
    """Filtered to Acme, "highest and lowest attendance" would be one bar: the
    card says Acme's rate instead, 2 of 3 in 2026-Q3, and draws no chart."""
    tab = update_tab(services, "?tab=meetings&client=A", None)
    assert chart_message_of(tab, "meetings-attendance-clients") == (
        "Acme is the only client here: 66.7% of invitees attended in 2026-Q3"
    )
    graphs = [c for c in walk(tab) if isinstance(c, dcc.Graph)]
    assert ids.chart("meetings-attendance-clients") not in [g.id for g in graphs]
    assert len(graphs) == 4  # the trends and the kinds are still drawn
    chinese = update_tab(services, "?tab=meetings&client=A&lang=zh", None)
    assert chart_message_of(chinese, "meetings-attendance-clients") == (
        "此处只有 Acme：2026-Q3 受邀者的出席比例为 66.7%"
    )
