"""The budget tab against two hand-computed projects."""

from __future__ import annotations

import datetime as dt

import pytest

import callbacks.tab_budget  # noqa: F401 - registers the renderer
from callbacks.tabs import update_tab
from dashboard.kernel.settings import Settings
from dashboard.services import Services
from tests.components import figure_of, text_of
from tests.factories import add_client, add_milestone, add_project, add_spend

D = dt.date
AS_OF = D(2026, 8, 15)


@pytest.fixture
def services(engine) -> Services:
    with engine.begin() as conn:
        a = add_client(conn, "A", name="Acme", onboarded_on=D(2025, 1, 1))
        b = add_client(conn, "B", name="Beta", onboarded_on=D(2025, 1, 1))
        # P1: 07-01..09-28 (90 days), BAC 9,000; t = 08-15: elapsed 46/90, PV 4,600;
        # AC 3,000 + 2,520 = 5,520: burn ratio 1.2. Milestones: one of two done
        # (late: 08-05 > 07-31): EV 4,500, EAC 9,000 × 5,520 / 4,500 = 11,040.
        p1 = add_project(
            conn,
            a,
            D(2026, 7, 1),
            D(2026, 9, 28),
            900_000,
            external_id="P1",
            name="Rollout",
        )
        add_spend(conn, p1, D(2026, 7, 10), 300_000)
        add_spend(conn, p1, D(2026, 8, 1), 252_000, category="travel")
        add_milestone(conn, p1, D(2026, 7, 31), completed_on=D(2026, 8, 5))
        add_milestone(conn, p1, D(2026, 9, 15))
        # P2: 08-01..08-31 (31 days), BAC 3,100; elapsed 15/31, PV 1,500; AC 750:
        # burn ratio 0.5; no milestones: EAC = 750 / (15/31) = 1,550.
        p2 = add_project(
            conn,
            b,
            D(2026, 8, 1),
            D(2026, 8, 31),
            310_000,
            external_id="P2",
            name="Audit",
        )
        add_spend(conn, p2, D(2026, 8, 2), 75_000, category="software")
    settings = Settings(as_of=AS_OF, load_demo_data=False)
    return Services(settings=settings, engine=engine)


def test_budget_tab_shows_the_hand_computed_figures(services):
    tab = update_tab(services, "?tab=budget", None)
    ratio = {t.name: t for t in figure_of(tab, "budget-burn-ratio").data}
    over = ratio["Spending faster than time passes"]
    assert list(over.y) == ["Rollout · Acme"]
    assert over.x[0] == pytest.approx(1.2)
    assert list(over.customdata[0]) == ["client:A", "$5,520.00", "$4,600.00", "1.20×"]
    assert ratio["On or under plan"].x[0] == pytest.approx(0.5)
    _line, budget, above, within, change = figure_of(tab, "budget-eac").data
    assert list(budget.y) == ["Audit · Beta", "Rollout · Acme"]
    assert list(budget.x) == [3100.0, 9000.0]
    # Rollout's forecast above its budget, Audit's within it: one legend entry each.
    assert list(above.x) == pytest.approx([11040.0])
    assert list(within.x) == pytest.approx([1550.0])
    # 1,550 / 3,100 − 1 = −50%; 11,040 / 9,000 − 1 = +22.7%.
    assert list(change.text) == ["−50.0%", "+22.7%"]
    categories = figure_of(tab, "budget-categories").data[0]
    assert list(categories.x) == ["Labour", "Travel", "Software"]
    assert list(categories.y) == [3000.0, 2520.0, 750.0]
    planned, actual, as_of = figure_of(tab, "budget-burn-up").data
    assert as_of.name == "As of Aug 15, 2026"  # the dotted line, in the legend
    # Actual spend up to t: 5,520 + 750; planned on t: 4,600 + 1,500.
    at_t = list(actual.x).index(AS_OF)
    assert actual.y[at_t] == 6270.0
    assert planned.y[list(planned.x).index(AS_OF)] == pytest.approx(6100.0)
    projects = figure_of(tab, "budget-burn-up-projects")
    assert [a.text for a in projects.layout.annotations] == [
        "Rollout · Acme",
        "Audit · Beta",
    ]
    milestones = {t.name: t for t in figure_of(tab, "budget-milestones").data}
    assert list(milestones["Completed late"].text) == ["late"]
    assert list(milestones["Open, not yet due"].customdata[0])[0] == "client:A"


def test_budget_tab_names_the_filter_when_there_is_nothing(services):
    tab = update_tab(services, "?tab=budget&client=B&period=2026-Q2", None)
    # Nothing drawn for one client: one line instead of six cards saying so.
    assert [c.className for c in tab] == ["section-empty"]
    assert text_of(tab) == "No projects for Beta in 2026-Q2 or the 12 months before"
