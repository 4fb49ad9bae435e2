"""The client page: hand-computed figures, scope, period links, outage banner."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from dash import no_update
from flask_caching.backends import SimpleCache
from sqlalchemy import insert

import callbacks.client_page as client_page
from callbacks.client_body import build_body
from callbacks.client_data import CLIENT_KEYS, load_client_data
from callbacks.client_page import (
    back_href,
    client_page_layout,
    external_id_of,
    period_from_click,
    update_client_body,
)
from dashboard.figures.card_values import format_value
from dashboard.kernel.filters import Filters
from dashboard.kernel.periods import parse_period
from dashboard.kernel.scope import Scope
from dashboard.kernel.settings import Settings
from dashboard.kernel.urlstate import parse_query
from dashboard.kpis import kpi_report
from dashboard.kpis.results import ResultCache
from dashboard.services import Services
from data.db import make_engine
from data.models import Client
from data.version import bump_data_version
from layouts import ids
from tests.components import find, text_of, walk
from tests.factories import (
    add_action_item,
    add_attendee,
    add_invoice,
    add_meeting,
    add_project,
    add_spend,
    add_survey,
)

D = dt.date
AS_OF = D(2026, 8, 15)
NAME = "Acme & <Co>"


def _client(cid, external_id, name, owner, churned=None, reason=None):
    return {
        "id": cid,
        "external_id": external_id,
        "name": name,
        "segment": "enterprise",
        "industry": "Retail",
        "region": "EMEA",
        "owner": owner,
        "onboarded_on": D(2024, 1, 1),
        "churned_on": churned,
        "churn_reason": reason,
    }


@pytest.fixture
def services(engine) -> Services:
    """K1 Acme (owner ann) with a year of activity; K2 Beta (bob); K3 Gone,
    churned 2026-05-01. As of 2026-08-15, Q3 to date."""
    with engine.begin() as conn:
        conn.execute(
            insert(Client),
            [
                _client(1, "K1", NAME, "ann"),
                _client(2, "K2", "Beta", "bob"),
                _client(3, "K3", "Gone", "ann", D(2026, 5, 1), "budget cuts"),
            ],
        )
        add_invoice(conn, 1, D(2025, 7, 10), 80_000)
        add_invoice(conn, 1, D(2026, 4, 10), 50_000)
        add_invoice(conn, 1, D(2026, 7, 10), 100_000)
        add_survey(conn, 1, D(2026, 7, 5), "nps", 10)
        add_survey(conn, 1, D(2026, 7, 6), "nps", 5)
        add_survey(conn, 1, D(2026, 7, 7), "csat", 4)
        qbr = add_meeting(
            conn, 1, dt.datetime(2026, 7, 20, 9), kind="qbr", cost_cents=12_345
        )
        add_attendee(conn, qbr, "client", True)
        add_attendee(conn, qbr, "client", False)
        add_meeting(conn, 1, dt.datetime(2025, 6, 1, 9))  # older than 12 months
        late = add_action_item(
            conn, 1, D(2026, 8, 1), created_on=D(2026, 7, 20), visibility="shared"
        )
        conn.execute(
            Client.metadata.tables["action_items"]
            .update()
            .where(Client.metadata.tables["action_items"].c.id == late)
            .values(meeting_id=qbr, title="Send <the> plan")
        )
        add_action_item(
            conn, 1, D(2026, 8, 20), created_on=D(2026, 8, 1), visibility="shared"
        )
        add_action_item(conn, 1, D(2026, 7, 10), completed_on=D(2026, 7, 9))
        project = add_project(
            conn, 1, D(2026, 7, 1), D(2026, 12, 31), 100_000, name="Rollout"
        )
        add_spend(conn, project, D(2026, 7, 15), 20_000)
    return Services(Settings(as_of=AS_OF, load_demo_data=False), engine)


def load(services, search: str = "", external_id: str = "K1"):
    with services.engine.connect() as conn:
        return load_client_data(services, conn, external_id, parse_query(search))


def card_value(body, key: str) -> str:
    card = find(body, ids.kpi_card(key))
    (value,) = [c for c in walk(card) if getattr(c, "className", "") == "kpi-value"]
    return value.children


def test_an_unknown_client_or_one_outside_the_scope_gets_no_page(services):
    state = parse_query("")
    assert client_page_layout(services, "K9", state) is None
    assert client_page_layout(services, "", state) is None
    bobs = dataclasses.replace(services, scope_override=Scope.for_owner("bob"))
    assert client_page_layout(bobs, "K1", state) is None
    assert client_page_layout(bobs, "K2", state) is not None
    assert load(bobs) is None
    body, back = update_client_body(bobs, "/clients/K1", "", None)
    assert "no page at this address" in text_of(body) and NAME not in text_of(body)


def test_the_page_names_the_client_as_text_and_links_back(services):
    page = client_page_layout(services, "K1", parse_query("?lang=zh&theme=dark"))
    assert find(page, ids.CLIENT_TITLE).data == f"{NAME} · 客户回顾仪表板"
    heading = [c for c in walk(page) if "client-name" in getattr(c, "className", "")]
    assert heading[0].children[0] == NAME  # a plain string: Dash shows it as text
    links = [
        c
        for c in walk(page)
        if getattr(c, "href", "") == "/?client=K1&lang=zh&theme=dark"
    ]
    assert len(links) == 1
    assert (
        back_href("K1", parse_query("?period=2026-Q2")) == "/?period=2026-Q2&client=K1"
    )
    assert external_id_of("/clients/K%201/") == "K 1"
    assert external_id_of("/") is None


def test_the_page_and_the_header_link_to_the_report(services):
    page = client_page_layout(services, "K1", parse_query("?period=2026-Q2&lang=zh"))
    link = find(page, ids.CLIENT_REPORT)
    assert link.href == "/report?client=K1&period=2026-Q2&lang=zh"
    assert link.children == "报告"
    assert find(page, ids.HEADER_REPORT).href == "/report?lang=zh"
    # The dark theme goes along, so the report opens as dark as the page.
    dark = client_page_layout(services, "K1", parse_query("?lang=zh&theme=dark"))
    assert find(dark, ids.CLIENT_REPORT).href == (
        "/report?client=K1&lang=zh&theme=dark"
    )
    assert find(dark, ids.HEADER_REPORT).href == "/report?lang=zh&theme=dark"


def test_cards_equal_the_kpis_report_for_the_client(services):
    # Q3 to date: revenue 1,000.00 (07-10); NPS: 1 promoter, 0 detractors... the
    # 5 is a detractor: 100 × (1 − 1) / 2 = 0.0; CSAT 1 of 1 = 100%; attendance
    # 1 of 2 = 50%; meeting cost 123.45; budget burn AC 200 / BAC 1,000 = 20%.
    body = build_body(load(services), parse_query(""), "USD")
    assert card_value(body, "revenue") == "$1,000.00"
    assert card_value(body, "nps") == "0.0"
    assert card_value(body, "csat") == "100.0%"
    assert card_value(body, "attendance_rate") == "50.0%"
    assert card_value(body, "meeting_cost") == "$123.45"
    assert card_value(body, "budget_burn") == "20.0%"
    with services.engine.connect() as conn:
        report = kpi_report(
            conn,
            settings=services.settings,
            filters=Filters(parse_period("2026-Q3"), clients=("K1",)),
            scope=Scope.everything(),
        )
    for key in CLIENT_KEYS:
        assert card_value(body, key) == format_value(key, report[key], "en", "USD")
    assert "cac" not in CLIENT_KEYS
    hidden = dataclasses.replace(services, scope_override=Scope(internal=False))
    body = build_body(load(hidden), parse_query(""), "USD")
    with pytest.raises(AssertionError):
        find(body, ids.kpi_card("meeting_cost"))


def test_health_and_its_components(services):
    # Over 2025-08-16 .. 2026-08-15: NPS 0 → satisfaction 50; attendance 1/2 →
    # 50; items due 07-10 (on time) and 08-01 (open) → delivery 50; burn ratio
    # 200 / (1,000 × 46/184 = 250) = 0.8 → budget 100; NRR (500 + 1,000) / 800
    # = 1.875 → revenue 100. Score (50+50+50+100+100)/5 = 70 → healthy.
    data = load(services)
    health = data.health
    assert health["score"] == pytest.approx(70.0)
    assert health["band"] == "healthy"
    assert health["burn_ratio"] == pytest.approx(0.8)
    body = build_body(data, parse_query(""), "USD")
    text = " ".join(text_of(body).split())
    assert "70 / 100 Healthy" in text
    assert "burn ratio 0.80" in text
    assert "net revenue retention 187.5%" in text
    assert "equal weights" in text


def test_health_with_the_weights_of_the_settings(services):
    # Satisfaction 2, budget 0.5, revenue 1: (2 × 50 + 0.5 × 100 + 100) / 3.5
    # = 71.43; engagement and delivery weigh nothing.
    weighted = Services(
        services.settings.with_(health_weights=(2.0, 0.0, 0.0, 0.5, 1.0)),
        services.engine,
    )
    data = load(weighted)
    assert data.health["score"] == pytest.approx(250 / 3.5)
    text = " ".join(text_of(build_body(data, parse_query(""), "USD")).split())
    assert "71 / 100 Healthy" in text
    assert (
        "weights: Satisfaction 2, Engagement 0, Delivery 0, Budget 0.5, Revenue 1."
        in text
    )
    chinese = text_of(build_body(data, parse_query("?lang=zh"), "USD"))
    assert "权重：满意度 2、参与度 0、交付 0、预算 0.5、收入 1。" in chinese


def test_a_churned_client_has_no_health_score_but_shows_why_it_left(services):
    text = text_of(build_body(load(services, external_id="K3"), parse_query(""), "USD"))
    assert "Gone is not an active client on Aug 15, 2026" in text
    assert "Left on May 1, 2026" in text
    assert "budget cuts" in text
    assert "No open action items for Gone." in text
    assert "No projects for Gone." in text


def test_open_items_meetings_projects_and_trends(services):
    data = load(services)
    # Open on 08-15: due 08-01 (14 days overdue, from the QBR of Jul 20) and due
    # 08-20 (not yet due, so listed first). One meeting in the last 12 months.
    assert [item["due_on"] for item in data.open_items] == [
        D(2026, 8, 20),
        D(2026, 8, 1),
    ]
    body = build_body(data, parse_query(""), "USD")
    items = text_of(find(body, ids.CLIENT_ACTION_ITEMS))
    assert "Send <the> plan" in items
    assert "14" in items and "not yet due" in items
    assert "QBR, Jul 20, 2026" in items
    assert len(find(body, ids.CLIENT_TIMELINE).figure.data[0].x) == 1
    projects = text_of(find(body, ids.CLIENT_PROJECTS))
    # EAC: no milestones → AC / elapsed = 200 / 0.25 = 800.
    assert "Rollout" in projects and "$1,000.00" in projects and "$800.00" in projects
    burn = find(body, f"{ids.CLIENT_BURN_UP}-0").figure
    assert list(burn.data[1].y) == [0.0, 200.0, 200.0]
    revenue = find(body, ids.CLIENT_REVENUE).figure.data[0]
    assert list(revenue.x)[-1] == "2026-Q3" and len(revenue.x) == 8
    # 2025-Q3 800.00, 2026-Q2 500.00, 2026-Q3 1,000.00, other quarters 0.
    assert list(revenue.y) == [0.0, 0.0, 0.0, 800.0, 0.0, 0.0, 500.0, 1000.0]
    surveys = find(body, ids.CLIENT_SURVEYS).figure.data
    assert surveys[0].hovertext[-1].endswith("(2 answers) · small sample")
    assert list(surveys[1].y)[-1] == 100.0


def test_a_click_on_a_quarter_chooses_that_period():
    click = {"points": [{"x": "2026-Q2", "customdata": "period:2026-Q2"}]}
    assert period_from_click("?lang=zh", click) == "?period=2026-Q2&lang=zh"
    assert period_from_click("?period=2026-Q2", click) is None  # already shown
    assert period_from_click("", {"points": [{"customdata": "client:K1"}]}) is None
    assert period_from_click("", None) is None


def test_a_period_in_the_link_moves_the_cards(services):
    data = load(services, "?period=2026-Q2")
    body = build_body(data, parse_query("?period=2026-Q2&theme=dark"), "USD")
    assert card_value(body, "revenue") == "$500.00"
    assert "2026-Q2: Apr 1, 2026 to Jun 30, 2026" in text_of(body)
    # The current quarter by name: a page facing the client would otherwise
    # open on the last complete one.
    current = "/clients/K1?period=2026-Q3&theme=dark"
    links = [c for c in walk(body) if getattr(c, "href", None) == current]
    assert text_of(links) == "Show the current quarter"
    plain = build_body(load(services), parse_query(""), "USD")
    assert "Show the current quarter" not in text_of(plain)
    month = load(services, "?period=2026-07")
    assert list(month.quarters.index)[-1] == "2026-Q3"
    wrong = load(services, "?period=soon&lang=zh")
    assert wrong.notices == ["“soon”不是有效期间；显示 2026-Q3。"]
    assert wrong.caption.startswith("2026-Q3")


def test_the_live_body_and_an_outage(services):
    body, back = update_client_body(services, "/clients/K1", "?lang=zh", 3)
    assert "2026年8月15日 的健康度" in text_of(body)
    assert back == "/?client=K1&lang=zh"
    assert update_client_body(services, "/", "", 3) == (no_update,) * 2
    broken = Services(
        Settings(as_of=AS_OF),
        make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none"),
    )
    # The figures already shown stay; the page's status line shows the outage.
    assert update_client_body(broken, "/clients/K1", "", 3) == (no_update,) * 2


def test_the_body_is_kept_per_viewer_link_and_data_version(services, monkeypatch):
    kept = dataclasses.replace(services, results=ResultCache(SimpleCache()))
    loads = []
    real = client_page.load_client_data

    def counted(*arguments):
        loads.append(arguments[2])
        return real(*arguments)

    monkeypatch.setattr(client_page, "load_client_data", counted)
    first, back = update_client_body(kept, "/clients/K1", "?lang=zh", 1)
    again, _ = update_client_body(kept, "/clients/K1", "?lang=zh", 2)
    assert loads == ["K1"] and text_of(again) == text_of(first)
    assert back == "/?client=K1&lang=zh"
    # Another link, another viewer: computed for them.
    update_client_body(kept, "/clients/K1", "", 3)
    bobs = dataclasses.replace(kept, scope_override=Scope.for_owner("bob"))
    body, _ = update_client_body(bobs, "/clients/K1", "?lang=zh", 4)
    assert "no page at this address" not in text_of(first)
    assert loads == ["K1"] * 3 and text_of(body) == "此地址没有页面。"
    # A write with its version shows at once.
    with services.engine.begin() as conn:
        conn.execute(
            Client.__table__.update().where(Client.id == 1).values(owner="zed")
        )
        bump_data_version(conn)
    moved, _ = update_client_body(kept, "/clients/K1", "?lang=zh", 5)
    assert "负责人 ann" in text_of(first)
    assert "负责人 zed" in text_of(moved) and len(loads) == 4
