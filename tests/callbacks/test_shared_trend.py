"""A tab reads the trend rows its headline counted for the same filters and data,
and counts them itself whenever those are not there or not current."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from flask_caching.backends import SimpleCache

import callbacks.tab_common
from callbacks.headline import main_outputs
from callbacks.shared_trend import TAB_TREND_KEYS, keep_trend, kept_trend
from callbacks.tabs import tab_content
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.urlstate import TABS
from dashboard.kpis.results import ResultCache
from data.version import bump_data_version
from tests.callbacks.retention_portfolio import portfolio_services
from tests.components import figure_of

Q3 = "?period=2026-Q3"


@pytest.fixture
def kept(engine):
    """The portfolio's services with a result cache in the process."""
    return replace(portfolio_services(engine), results=ResultCache(SimpleCache()))


@pytest.fixture
def counted(monkeypatch) -> list[tuple[str, ...]]:
    """The keys of every trend a tab counts itself, in order."""
    calls: list[tuple[str, ...]] = []
    real = callbacks.tab_common.kpi_trend

    def counting(*args, **kwargs):
        calls.append(tuple(kwargs["keys"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(callbacks.tab_common, "kpi_trend", counting)
    return calls


def render(services, search: str):
    with services.engine.connect() as conn:
        return tab_content(services, search, conn)


def headline(services, search: str) -> None:
    with services.engine.connect() as conn:
        main_outputs(services, search, conn)


def last_points(figure) -> dict[str, float]:
    return {trace.name: trace.y[-1] for trace in figure.data if trace.y}


def test_the_retention_tab_reads_the_rows_its_headline_counted(kept, counted):
    headline(kept, Q3)
    content = render(kept, Q3 + "&tab=retention")
    assert counted == []
    # 2026-Q3: C1, C2, C3 and C4 at the start, C2 lost: 3/4 kept. The NRR base
    # (billed 2025-07-01..08-15): C1 $1,000, C2 $500, C3 $800 = $2,300; now C1
    # $1,300 and C3 $600: NRR 1,900/2,300, GRR (1,000 + 600)/2,300.
    rates = last_points(figure_of(content, "retention-rates"))
    assert rates == {"Retention rate": 0.75, "Churn rate": 0.25}
    revenue = last_points(figure_of(content, "retention-nrr"))
    assert revenue["Net revenue retention"] == pytest.approx(1900 / 2300)
    assert revenue["Gross revenue retention"] == pytest.approx(1600 / 2300)
    # Exactly the charts the tab draws when it counts the rows itself.
    alone = render(kept.without_results(), Q3 + "&tab=retention")
    assert counted == [("retention_rate", "churn_rate", "nrr", "grr")]
    for name in ("retention-rates", "retention-nrr"):
        assert figure_of(content, name) == figure_of(alone, name)


def test_other_filters_or_a_write_make_the_tab_count_again(kept, counted):
    headline(kept, Q3 + "&segment=smb")
    render(kept, Q3 + "&tab=churn")  # all clients: not the headline's filters
    assert counted == [("lost_clients", "churn_rate")]
    headline(kept, Q3)
    with kept.engine.begin() as conn:
        bump_data_version(conn)
    render(kept, Q3 + "&tab=churn")  # the rows were counted before the write
    assert len(counted) == 2
    headline(kept, Q3)
    render(kept, Q3 + "&tab=churn")
    assert len(counted) == 2


def test_kept_rows_without_a_wanted_key_are_not_used(kept):
    filters = Filters(period=parse_period("2026-Q3"))
    rows = pd.DataFrame(
        {"nps": [None] * 8}, index=[f"p{n}" for n in range(8)], dtype=object
    )
    with kept.engine.connect() as conn:
        keep_trend(kept, conn, filters, rows)
        assert kept_trend(kept, conn, filters, ["nps"]).equals(rows)
        assert kept_trend(kept, conn, filters, ["nps", "csat"]) is None
        # Not eight periods: not the tabs' trend, so not kept.
        other = replace(filters, segment="smb")
        keep_trend(kept, conn, other, rows.head(3))
        assert kept_trend(kept, conn, other, ["nps"]) is None
        assert kept_trend(kept.without_results(), conn, filters, ["nps"]) is None


@pytest.mark.parametrize("link", [Q3, Q3 + "&client=C1"])
def test_every_tab_trend_is_among_the_keys_the_headline_counts(engine, counted, link):
    services = portfolio_services(engine)
    for tab in TABS:
        render(services, f"{link}&tab={tab}")
    # Retention, churn (the relationship tab for one client), meetings and
    # satisfaction draw trends; each of them is counted by the headline too.
    assert len(counted) == 4
    for keys in counted:
        assert set(keys) <= set(TAB_TREND_KEYS), keys
