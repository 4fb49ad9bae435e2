"""Meetings figures from hand-made frames: values, click data, hover and empties."""

from __future__ import annotations

import pandas as pd

from dashboard.figures.meeting_kinds import kind_status_figure
from dashboard.figures.meetings import (
    attendance_by_client_figure,
    attendance_rates,
    overrun_figure,
    rate_trend_figure,
)

WHERE = {"clients": "all clients", "period": "2026-Q3"}


def _trend() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "attendance_rate": [0.5, None, 0.75],
            "goal_achievement_rate": [None, None, None],
            "overrun_share": [0.25, None, 0.5],
            "avg_overrun_minutes": [3.5, None, -2.0],
        },
        index=pd.Index(["2026-Q1", "2026-Q2", "2026-Q3"], name="period"),
    )
    return frame.astype(object).where(frame.notna(), None)


def _annotation(figure) -> str:
    return figure.layout.annotations[0].text


def test_rate_trend_keeps_gaps_and_clicks_choose_the_period():
    figure = rate_trend_figure(
        _trend(), "attendance_rate", "Attendance rate", "en", "light", **WHERE
    )
    line = figure.data[0]
    assert list(line.y) == [0.5, None, 0.75]
    assert [list(row) for row in line.customdata] == [
        ["period:2026-Q1", "2026-Q1", "50.0%"],
        ["period:2026-Q2", "2026-Q2", "—"],
        ["period:2026-Q3", "2026-Q3", "75.0%"],
    ]
    assert list(line.text) == ["50%", None, "75%"]
    assert "Attendance rate: %{customdata[2]}" in line.hovertemplate
    # Ticked at round shares: 75% / 6 = 12.5% → steps of 20%.
    assert list(figure.layout.yaxis.ticktext) == ["0%", "20%", "40%", "60%", "80%"]


def test_rate_trend_without_any_value_says_why():
    figure = rate_trend_figure(
        _trend(), "goal_achievement_rate", "Goal", "en", "light", **WHERE
    )
    assert figure.data == ()
    assert _annotation(figure) == (
        "No held meetings for all clients in the 8 periods up to 2026-Q3"
    )


def _clients(count: int) -> pd.DataFrame:
    # Client Ck: attended k of 10 invited (k = 1..count); X has nobody invited.
    rows = [[f"C{k}", f"Client {k}", 2, 10, k] for k in range(1, count + 1)]
    rows.append(["X", "Nobody invited", 1, 0, 0])
    return pd.DataFrame(
        rows, columns=["external_id", "name", "held", "invited", "attended"]
    )


def test_attendance_keeps_the_five_highest_and_lowest():
    # Ck attended k of 20 (5%..50%); X has nobody invited and is left out.
    rated = attendance_rates(_clients(10).assign(invited=[20] * 10 + [0]))
    assert len(rated) == 10
    assert rated["external_id"].tolist() == [f"C{k}" for k in range(1, 11)]
    assert set(rated["group"]) == {"all"}  # 10 clients: all shown, lowest first
    rated = attendance_rates(_clients(10).assign(invited=20))
    # 11 rated (X: 0 of 20): lowest X, C1..C4; highest C6..C10; C5 left out.
    assert rated["external_id"].tolist() == [
        "X",
        "C1",
        "C2",
        "C3",
        "C4",
        "C6",
        "C7",
        "C8",
        "C9",
        "C10",
    ]
    assert rated["group"].tolist() == ["bottom"] * 5 + ["top"] * 5


def test_attendance_bars_name_clients_and_click_to_filter():
    frame = _clients(10).assign(invited=20)  # Ck: k of 20; X now has 0 of 20
    figure = attendance_by_client_figure(frame, "en", "light", **WHERE)
    traces = {trace.name: trace for trace in figure.data}
    lowest, highest = traces["Lowest attendance"], traces["Highest attendance"]
    assert list(lowest.y) == [
        "Nobody invited",
        "Client 1",
        "Client 2",
        "Client 3",
        "Client 4",
    ]
    assert list(lowest.x) == [0.0, 0.05, 0.10, 0.15, 0.20]
    assert list(lowest.text) == ["0%", "5%", "10%", "15%", "20%"]
    assert list(highest.y) == [f"Client {k}" for k in range(6, 11)]
    assert highest.x[-1] == 0.5
    assert list(highest.customdata[-1]) == ["client:C10", "10", "20", "50.0%"]
    assert lowest.marker.pattern.shape == "/"  # not colour alone
    assert "Attended %{customdata[1]} of %{customdata[2]} invited" in (
        lowest.hovertemplate
    )


def test_attendance_without_invitees_is_an_explained_empty_chart():
    frame = _clients(0)
    figure = attendance_by_client_figure(frame, "zh", "dark", **WHERE)
    assert _annotation(figure) == "all clients 在 2026-Q3 没有已举行的会议"


def test_overrun_share_and_minutes_on_two_axes():
    figure = overrun_figure(_trend(), "en", "light", **WHERE)
    share, minutes = figure.data
    assert list(share.y) == [0.25, None, 0.5]
    assert list(minutes.y) == [3.5, None, -2.0]
    assert minutes.yaxis == "y2"
    # −2.0 minutes on average: meetings end early, never "−2.0 min".
    assert [row[2] for row in minutes.customdata] == [
        "3.5 min over time",
        "—",
        "2.0 min early",
    ]
    assert "Average end: %{customdata[2]}" in minutes.hovertemplate
    assert list(share.customdata[2]) == ["period:2026-Q3", "2026-Q3", "50.0%"]


def test_kind_status_stacks_statuses_per_kind():
    frame = pd.DataFrame(
        [
            ["monthly_review", "cancelled", 1],
            ["monthly_review", "held", 3],
            ["qbr", "held", 1],
        ],
        columns=["kind", "status", "meetings"],
    )
    figure = kind_status_figure(frame, "en", "light", **WHERE)
    held, cancelled = figure.data
    # Kinds in their usual order (QBR first); a kind without a status shows 0.
    assert (held.name, cancelled.name) == ("Held", "Cancelled")
    assert list(held.x) == ["QBR", "Monthly review"]
    assert list(held.y) == [1, 3]
    assert list(cancelled.y) == [0, 1]
    assert figure.layout.barmode == "stack"
    assert cancelled.marker.pattern.shape == "/"
    assert list(held.customdata) == ["1", "3"]
    assert "Meetings: %{customdata}" in held.hovertemplate


def test_kind_status_speaks_chinese():
    frame = pd.DataFrame([["qbr", "held", 2]], columns=["kind", "status", "meetings"])
    figure = kind_status_figure(frame, "zh", "dark", **WHERE)
    assert figure.layout.xaxis.title.text == "会议类型"
    empty = kind_status_figure(frame.iloc[0:0], "zh", "dark", **WHERE)
    assert _annotation(empty) == "all clients 在 2026-Q3 没有会议"
