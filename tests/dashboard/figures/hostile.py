"""Imported text that looks like markup, in each text column the chart builders
read (names, reasons, owners, projects, milestones, kinds, categories, segments,
the selection's name), and the figures of the action items, budget, churn and
client page builders drawn from it, filled and empty, in a language. The numbers
run into the thousands (so separators show), and a bridge step is 0."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import (
    action_items,
    budget,
    budget_burn,
    budget_milestones,
    budget_spend,
    churn,
    client,
    client_meetings,
    client_projects,
    targets,
)
from data.queries.client_detail import MEETING_COLUMNS

D = dt.date
LINK = 'X<a href="https://evil.example/49">LINK49</a>'
BIG = '<span style="font-size:80px;color:red">BIG</span>'
TAGS = (
    "<b>BOLD</b><i>IT</i><br>BREAK<sup>UP</sup><sub>DN</sub><em>EM</em><s>S</s><u>U</u>"
)
AMPERSAND = "Smith & Co \"quoted\" 'single'"
HOSTILE = (LINK, BIG, TAGS, AMPERSAND)
# Ids travel raw in customdata (a click reads them back); they are never shown.
IDS = ("C<b>1", "C<i>2", "C&3", "C'4")
WHO = LINK + " " + TAGS
WHERE = {"clients": WHO, "period": "2026-Q3"}
MONEY = {"currency": "USD", **WHERE}
PERIODS = ["2026-Q1", "2026-Q2"]
T = D(2026, 8, 15)


def action_items_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    counts = pd.DataFrame(
        {
            "period": PERIODS,
            "due": [1200, 2],
            "completed": [1071, 1],
            "on_time": [998, 1],
        }
    )
    owners = pd.DataFrame({"owner": list(HOSTILE), "items": [1500, 3, 2, 1]})
    clients = pd.DataFrame(
        {"external_id": list(IDS), "name": list(HOSTILE), "items": [2500, 3, 2, 1]}
    )
    return {
        "action_items.due_completed_figure": [
            action_items.due_completed_figure(counts, lang, "light", **WHERE),
            action_items.due_completed_figure(counts[:0], lang, "light", **WHERE),
        ],
        "action_items.overdue_by_owner_figure": [
            action_items.overdue_by_owner_figure(owners, lang, "light", **WHERE),
            action_items.overdue_by_owner_figure(owners[:0], lang, "dark", **WHERE),
        ],
        "action_items.overdue_by_client_figure": [
            action_items.overdue_by_client_figure(clients, lang, "light", **WHERE),
            action_items.overdue_by_client_figure(clients[:0], "zh", "dark", **WHERE),
        ],
    }


def _projects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "external_id": ["P1", "P2", "P3", "P4"],
            "name": list(HOSTILE),
            "client_external_id": list(IDS),
            "client_name": list(reversed(HOSTILE)),
            "burn_ratio": [1.4, 1.1, 0.9, 0.5],
            "ac": [14_000.0, 11_000.0, 9_000.0, 5_000.0],
            "pv": [10_000.0] * 4,
            "bac": [100_000.0] * 4,
            "eac": [140_000.0, 110_000.0, 90_000.0, 50_000.0],
        }
    )


def _curve() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "day": [D(2026, 7, 1), D(2026, 8, 1), D(2026, 9, 1)],
            "planned": [0.0, 50_000.0, 100_000.0],
            "actual": [0.0, 60_000.0, None],
        }
    )


def budget_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    projects = _projects()
    titles = [(budget.project_label(n, LINK), "C1", _curve()) for n in HOSTILE]
    milestones = pd.DataFrame(
        {
            "project_external_id": ["P1", "P2", "P3", "P4"],
            "client_external_id": list(IDS),
            "project_name": list(HOSTILE),
            "name": list(reversed(HOSTILE)),
            "planned_on": [D(2026, 7, 1), D(2026, 8, 1), D(2026, 8, 20), T],
            "completed_on": [D(2026, 7, 9), None, None, D(2026, 8, 1)],
        }
    )
    spend = pd.DataFrame({"category": ["labor", *HOSTILE], "amount": [5013.34] * 5})
    return {
        "budget.burn_ratio_figure": [
            budget.burn_ratio_figure(projects, lang, "light", **MONEY),
            budget.burn_ratio_figure(projects[:0], lang, "light", **MONEY),
        ],
        "budget.eac_vs_bac_figure": [
            budget.eac_vs_bac_figure(projects, lang, "light", **MONEY),
            budget.eac_vs_bac_figure(projects[:0], lang, "light", **MONEY),
        ],
        "budget_burn.burn_up_figure": [
            budget_burn.burn_up_figure(_curve(), T, lang, "light", **MONEY),
            budget_burn.burn_up_figure(_curve()[:0], T, lang, "light", **MONEY),
        ],
        "budget_burn.project_burn_ups_figure": [
            budget_burn.project_burn_ups_figure(titles, T, lang, "light", **MONEY),
            budget_burn.project_burn_ups_figure([], T, lang, "light", **MONEY),
        ],
        "budget_milestones.milestone_timeline_figure": [
            budget_milestones.milestone_timeline_figure(
                milestones, T, lang, "light", **WHERE
            ),
            budget_milestones.milestone_timeline_figure(
                milestones[:0], T, lang, "light", **WHERE
            ),
        ],
        "budget_spend.spend_by_category_figure": [
            budget_spend.spend_by_category_figure(spend, lang, "light", **MONEY),
            budget_spend.spend_by_category_figure(spend[:0], lang, "light", **MONEY),
        ],
    }


def churn_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    trend = pd.DataFrame(
        {"lost_clients": [1200, 2], "churn_rate": [0.13, 0.38]}, index=PERIODS
    )
    by_reason = pd.DataFrame(
        {
            "churn_reason": [*HOSTILE, None],
            "segment": ["enterprise", "smb", TAGS, LINK, "smb"],
            "clients": [1, 2000, 1, 1, 1],
        }
    )
    lost = pd.DataFrame(
        {
            "external_id": list(IDS),
            "name": list(HOSTILE),
            "segment": ["enterprise", "smb", TAGS, "smb"],
            "churn_reason": [BIG, None, LINK, TAGS],
            "churned_on": [D(2026, 7, 1 + i) for i in range(4)],
        }
    )
    args = (WHO, "2026-Q3", lang, "light")
    return {
        "churn.lost_trend": [
            churn.lost_trend(trend, WHO, lang, "light"),
            churn.lost_trend(
                trend.assign(lost_clients=None, churn_rate=None), WHO, lang, "light"
            ),
        ],  # fmt: skip
        "churn.churn_reasons": [
            churn.churn_reasons(by_reason, *args),
            churn.churn_reasons(by_reason[:0], *args),
        ],
        "churn.churned_by_segment": [
            churn.churned_by_segment(lost, *args),
            churn.churned_by_segment(lost[:0], *args),
        ],
    }


def client_page_figures(lang: str = "en") -> dict[str, list[go.Figure]]:
    where = {"client": WHO, "partial": "2026-Q2", "lang": lang, "theme": "light"}
    revenue = pd.DataFrame({"revenue": [5013.34, 7_200.0]}, index=PERIODS)
    surveys = pd.DataFrame(
        {
            "nps": [10.0, None],
            "nps_n": [1500, 0],
            "csat": [80.0, 90.0],
            "csat_n": [5, 2],
        },
        index=PERIODS,
    )
    rows = [
        ("M1", "qbr", dt.datetime(2026, 7, 1, 9), "held", 60, 75, 4, 3),
        ("M2", TAGS, dt.datetime(2026, 7, 8, 9), "held", 30, 30, None, None),
    ]
    meetings_frame = pd.DataFrame(rows, columns=MEETING_COLUMNS)
    span = {"start": D(2025, 8, 16), "end": T, "timezone": "UTC", "lang": lang}
    spend = pd.DataFrame({"spent_on": [D(2026, 7, 3)], "amount_cents": [501_334]})
    project = {"start_on": D(2026, 7, 1), "end_on": D(2026, 12, 31), "bac": 100_000.0}
    return {
        "client.revenue_trend": [
            client.revenue_trend(revenue, currency="USD", **where),
            client.revenue_trend(revenue.assign(revenue=None), currency="USD", **where),
        ],
        "client.survey_trend": [
            client.survey_trend(surveys, **where),
            client.survey_trend(surveys.assign(nps_n=0, csat_n=0), **where),
        ],
        "client_meetings.meeting_timeline": [
            client_meetings.meeting_timeline(
                meetings_frame, client=WHO, theme="light", **span
            ),
            client_meetings.meeting_timeline(
                meetings_frame[:0], client=WHO, theme="dark", **span
            ),
        ],
        "client_projects.burn_up": [
            client_projects.burn_up(
                project, spend, as_of=T, currency="USD", lang=lang, theme="light"
            )
        ],
        # The target's label is built from a formatted number; hostile text in
        # it is escaped all the same.
        "targets.with_target_line": [
            targets.with_target_line(
                client.revenue_trend(revenue, currency="USD", **where),
                6_000.0, WHO, lang,
            ),
            targets.with_target_line(
                client.revenue_trend(revenue.assign(revenue=None), currency="USD",
                                     **where),
                6_000.0, WHO, lang,
            ),
        ],
    }  # fmt: skip
