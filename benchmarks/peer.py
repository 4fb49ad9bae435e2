"""A tutorial-style Dash app to measure the project against: frames at start, pandas
per callback, the same headline (15 cards with previous values and sparklines).

Usage: python benchmarks/peer.py [PATH.db] [--port 8260] [--check]
Loads every data table of PATH (default instance/benchmark-medium.db) into pandas,
then serves one page on 127.0.0.1:PORT with a filter bar (period, clients, owner,
segment, region) and one callback that filters the frames and returns the cards.
`--check` instead compares its numbers with the project's `kpi_report` and
`kpi_trend` on a few filters and prints "numbers equal: yes/no".

Sparklines are plain figure dicts (no per-figure validation), so the peer is not
slowed by drawing; no login, no cache, no SQL per request.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.peer_frames import Frames, Span, load_frames, select, spans  # noqa: E402
from benchmarks.peer_kpis import kpis  # noqa: E402
from dashboard.figures.card_values import HEADLINE_KEYS  # noqa: E402
from dashboard.kernel.filters import Filters, parse_filters  # noqa: E402
from dashboard.kernel.settings import Settings  # noqa: E402

DEFAULT_PATH = ROOT / "instance" / "benchmark-medium.db"
# The dashboard's 15 headline cards (METRICS.md keys).
HEADLINE = HEADLINE_KEYS
SPARKLINE_PERIODS = 8
FILTER_IDS = ("period", "clients", "owner", "segment", "region")


def headline(frames: Frames, filters: Filters, settings: Settings) -> dict:
    """The report (every key for P, `previous` for P-1) and the 8-period trend."""
    as_of = settings.today()
    chosen = select(frames, filters)
    current, previous = spans(filters.period, as_of)
    report = {
        "period": filters.period.label,
        **kpis(chosen, filters, current, settings),
    }
    report["previous"] = {
        "period": filters.period.previous().label,
        **kpis(chosen, filters, previous, settings),
    }
    trend = {}
    for steps in range(SPARKLINE_PERIODS - 1, 0, -1):
        period = filters.period.shifted(-steps)
        span = Span(period.window(as_of), period.year_earlier_window(as_of), as_of)
        values = kpis(chosen, filters.with_period(period), span, settings)
        trend[period.label] = {key: values[key] for key in HEADLINE}
    trend[filters.period.label] = {key: report[key] for key in HEADLINE}
    return {"report": report, "trend": trend}


def card(key: str, report: dict, trend: dict):
    """One card: the figure, the previous period's and an 8-period sparkline."""
    from dash import dcc, html

    def shown(value):
        return "—" if value is None else f"{value:,.4g}"

    figure = {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "x": list(trend),
                "y": [row[key] for row in trend.values()],
            }
        ],
        "layout": {
            "height": 60,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
        },
    }
    return html.Div(
        [
            html.H6(key.replace("_", " ")),
            html.H3(shown(report[key])),
            html.Small(
                f"{report['previous']['period']}: {shown(report['previous'][key])}"
            ),
            dcc.Graph(figure=figure, config={"displayModeBar": False}),
        ],
        className="card",
    )


def make_app(frames: Frames, settings: Settings):
    """The page: a filter bar and the cards, one callback."""
    from dash import Dash, Input, Output, dcc, html

    clients = frames["clients"].sort_values("name")
    owners = sorted(frames["clients"]["owner"].dropna().unique())
    regions = sorted(frames["clients"]["region"].dropna().unique())
    app = Dash(__name__, title="tutorial dashboard", serve_locally=True)
    app.layout = html.Div(
        [
            dcc.Input(id="period", value="", placeholder="period, e.g. 2026-Q3"),
            dcc.Dropdown(
                id="clients",
                multi=True,
                options=[
                    {"label": name, "value": cid}
                    for cid, name in zip(
                        clients["external_id"], clients["name"], strict=True
                    )
                ],
            ),
            dcc.Dropdown(id="owner", options=owners),
            dcc.Dropdown(id="segment", options=["enterprise", "mid_market", "smb"]),
            dcc.Dropdown(id="region", options=regions),
            html.Div(id="cards"),
        ]
    )

    @app.callback(Output("cards", "children"), *(Input(i, "value") for i in FILTER_IDS))
    def update_cards(period, chosen, owner, segment, region):
        filters = parse_filters(
            period=period,
            clients=chosen or (),
            owner=owner,
            segment=segment,
            region=region,
            as_of=settings.today(),
            fiscal_start_month=settings.fiscal_year_start_month,
        )
        result = headline(frames, filters, settings)
        return [card(key, result["report"], result["trend"]) for key in HEADLINE]

    return app


def callback_body(period="", clients=(), owner=None, segment=None, region=None) -> dict:
    """The JSON a browser posts to /_dash-update-component for these filters."""
    values = dict(
        zip(FILTER_IDS, (period, list(clients), owner, segment, region), strict=True)
    )
    return {
        "output": "cards.children",
        "outputs": {"id": "cards", "property": "children"},
        "inputs": [
            {"id": i, "property": "value", "value": values[i]} for i in FILTER_IDS
        ],
        "changedPropIds": ["period.value"],
    }


def check(
    database_url: str, filters: list[Filters], settings: Settings, frames=None
) -> bool:
    """True when the peer's report and trend equal the project's on every filter."""
    from dashboard.kernel.scope import Scope
    from dashboard.kpis import kpi_report, kpi_trend
    from data.db import make_engine

    frames = load_frames(database_url) if frames is None else frames
    engine = make_engine(database_url)
    equal = True
    with engine.connect() as conn:
        for chosen in filters:
            ours = headline(frames, chosen, settings)
            scope = Scope.everything()
            theirs = kpi_report(conn, settings=settings, filters=chosen, scope=scope)
            trend = kpi_trend(
                conn,
                settings=settings,
                filters=chosen,
                scope=scope,
                keys=HEADLINE,
                periods=SPARKLINE_PERIODS,
            )
            expected = {p: dict(trend.loc[p]) for p in trend.index}
            report = {k: v for k, v in theirs.items() if k in ours["report"]}
            report["previous"] = {
                k: v
                for k, v in theirs["previous"].items()
                if k in ours["report"]["previous"]
            }
            for name, mine, project in (
                ("report", ours["report"], report),
                ("trend", ours["trend"], expected),
            ):
                if mine != project:
                    equal = False
                    print(f"  differs ({name}) for {chosen.as_dict()}:")
                    print(f"    peer    {mine}\n    project {project}")
    engine.dispose()
    return equal


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--port", type=int, default=8260)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    settings = Settings.from_env()
    url = f"sqlite:///{args.path.resolve()}"
    started = time.perf_counter()
    frames = load_frames(url)
    print(
        f"loaded {sum(len(f) for f in frames.values()):,} rows in "
        f"{time.perf_counter() - started:.1f} s",
        flush=True,
    )
    if args.check:
        from benchmarks.speed_scenarios import check_filters

        same = check(url, check_filters(url, settings), settings, frames)
        print(f"numbers equal: {'yes' if same else 'no'}")
        return 0 if same else 1
    make_app(frames, settings).run(host="127.0.0.1", port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
