"""/data/quality and its CSV downloads: who may see them (forged requests too),
each viewer's own rows, both languages, formula-like names escaped."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import g
from werkzeug.exceptions import Forbidden

from dashboard.auth.users import CurrentUser
from dashboard.quality.pages import quality_page, rows_csv
from layouts import ids
from tests.dashboard.auth.conftest import make_auth_app
from tests.dashboard.auth.test_presenting import session_csrf
from tests.dashboard.auth.test_presenting_lock import presenting
from tests.factories import add_client, add_milestone, add_project
from tests.login import log_in

AS_OF = dt.date(2026, 8, 15)


@pytest.fixture
def app(empty_engine):
    """C1 Alpha Ltd, C2 Beta plc (Ann), C3 Gamma GmbH (Bob) of make_auth_app, and
    C4 "ALPHA  ltd" (Bob): a duplicate of C1. Projects without milestones: one of
    C1 (named like a formula) and one of C3; C2's has a milestone."""
    auth = make_auth_app(empty_engine, as_of=AS_OF)
    with empty_engine.begin() as conn:
        ids = dict(conn.exec_driver_sql("SELECT external_id, id FROM clients").all())
        add_client(conn, "C4", owner="Bob", name="ALPHA  ltd")
        add_project(
            conn,
            ids["C1"],
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
            100_000,
            external_id="P1",
            name='=HYPERLINK("x")',
        )
        add_project(
            conn,
            ids["C3"],
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
            100_000,
            external_id="P3",
        )
        p2 = add_project(
            conn,
            ids["C2"],
            dt.date(2026, 1, 1),
            dt.date(2026, 12, 31),
            100_000,
            external_id="P2",
        )
        add_milestone(conn, p2, dt.date(2026, 6, 1))
    return auth  # fmt: skip


def browser(app, name):
    client = app.client()
    log_in(client, name)
    return client


def check_row(html: str, check: str) -> str:
    """The check's row and, when it fails, the row of its first rows."""
    start = html.index(f'id="check-{check}"')
    end = html.index("</tr>", start)
    if html[end:].startswith(f'</tr>\n      \n      <tr id="rows-{check}"'):
        end = html.index("</details>", end)
    return html[start:end]


def test_a_manager_sees_every_check_with_counts_severity_and_figures(app):
    page = browser(app, "manager").get("/data/quality")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Data quality" in html
    row = check_row(html, "projects_without_milestones")
    assert ">2</td>" in row and "text-bg-danger" in row
    assert (
        "Cost performance (CPI), Schedule performance (SPI), Forecast at completion"
        in row
    )
    assert "/data/quality/projects_without_milestones.csv" in row
    assert "=HYPERLINK(&#34;x&#34;)" in row  # the first rows, as text
    duplicates = check_row(html, "duplicate_client_names")
    assert ">2</td>" in duplicates and "ALPHA  ltd" in duplicates


def test_an_account_manager_sees_only_own_clients_rows(app):
    client = browser(app, "am")
    html = client.get("/data/quality").get_data(as_text=True)
    assert ">1</td>" in check_row(html, "projects_without_milestones")
    assert "Gamma" not in html and "ALPHA  ltd" not in html
    # Duplicates need C4, Bob's: none within Ann's clients.
    assert 'id="check-duplicate_client_names" class="text-body-secondary"' in html
    answer = client.get("/data/quality/projects_without_milestones.csv")
    assert answer.status_code == 200
    lines = answer.get_data().decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "project_external_id,project_name,client_external_id,client_name,"
        "client_owner,start_on,end_on"
    )
    # One row, Ann's; the formula-like name starts with an apostrophe.
    assert lines[1:] == [
        'P1,"\'=HYPERLINK(""x"")",C1,Alpha Ltd,Ann,2026-01-01,2026-12-31'
    ]


def test_the_dashboard_filters_narrow_the_page_and_unknown_ones_show_nothing(app):
    client = browser(app, "manager")
    html = client.get("/data/quality?client=C3&lang=en").get_data(as_text=True)
    assert ">1</td>" in check_row(html, "projects_without_milestones")
    mine = browser(app, "am")
    refused = mine.get("/data/quality?client=C3")
    assert "No client C3 here" in refused.get_data(as_text=True)
    assert 'id="quality-checks"' not in refused.get_data(as_text=True)
    csv = mine.get("/data/quality/projects_without_milestones.csv?client=C3")
    assert csv.status_code == 400
    assert browser(app, "admin").get("/data/quality/nothing.csv").status_code == 404


def test_the_page_in_chinese_and_dark(app):
    html = (
        browser(app, "admin")
        .get("/data/quality?lang=zh&theme=dark")
        .get_data(as_text=True)
    )
    assert 'lang="zh-Hans" data-bs-theme="dark"' in html
    assert "数据质量" in html and "没有里程碑的项目" in html


@pytest.mark.parametrize(
    "path", ["/data/quality", "/data/quality/duplicate_client_names.csv"]
)
def test_a_client_viewer_and_a_presenter_are_refused(app, path):
    assert browser(app, "client").get(path).status_code == 403
    assert presenting(app, "manager", "C1").get(path).status_code == 403
    # Without a login: to the login page, never the data.
    assert app.client().get(path).status_code == 302


@pytest.mark.parametrize(
    "user",
    [
        CurrentUser("cv", "Viewer", "client_viewer", client_external_id="C2"),
        CurrentUser("mia", "Mia", "manager", presenting_client_external_id="C1"),
    ],
)
def test_the_page_itself_refuses_whatever_the_guard_lets_through(app, user):
    """A forged request that got past the presenting lock still gets 403."""
    services = app.server.extensions["dashboard"]
    with app.server.test_request_context("/data/quality"):
        g.crd_user = user
        with pytest.raises(Forbidden):
            quality_page(services)
        with pytest.raises(Forbidden):
            rows_csv(services, "duplicate_client_names")


def badge_over_http(client, app, search: str):
    """POST the badge's callback as the page would (or a forger could)."""
    body = {
        "output": f"{ids.QUALITY_BADGE}.children",
        "outputs": {"id": ids.QUALITY_BADGE, "property": "children"},
        "inputs": [
            {"id": ids.FILTERS_SEARCH, "property": "data", "value": search},
            {"id": ids.REFRESH, "property": "n_intervals", "value": 1},
        ],
        "changedPropIds": [f"{ids.FILTERS_SEARCH}.data"],
        "state": [],
    }
    answer = client.post(
        "/_dash-update-component",
        json=body,
        headers={"X-CSRF-Token": session_csrf(app, client)},
    )
    assert answer.status_code in (200, 204)
    if answer.status_code == 204:
        return None
    return answer.get_json()["response"][ids.QUALITY_BADGE]["children"]


def test_the_badge_over_http_for_a_manager_and_never_for_a_client(app):
    """Everyone's view: duplicates (C1, C4), projects without milestones (P1,
    P3), and (no invoice, no survey at all) clients without revenue in 2026-Q2
    and without a survey answer; C2 alone only those last two."""
    manager = badge_over_http(browser(app, "manager"), app, "?lang=en&tab=budget")
    assert manager["props"]["children"] == "Data issues (4)"
    assert manager["props"]["href"] == "/data/quality"
    alone = badge_over_http(browser(app, "manager"), app, "?client=C2&theme=dark")
    assert alone["props"]["children"] == "Data issues (2)"
    assert alone["props"]["href"] == "/data/quality?client=C2&theme=dark"
    for forger in (browser(app, "client"), presenting(app, "manager", "C1")):
        assert badge_over_http(forger, app, "?client=C1") is None
