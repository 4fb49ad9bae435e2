"""The tutorial app's numbers: every table in pandas, filtered and summed per request.

This is how a dashboard is usually first written: `load_frames` reads every data
table into a DataFrame once, and each request masks the frames for its clients
and sums them per window. The definitions are METRICS.md's, through the same
pure metric functions and period arithmetic the project uses, so the numbers
can be compared with the project's to the last digit; no SQL runs per request.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo

import pandas as pd

from benchmarks.peer_frames import Frames, Span, day
from dashboard.kernel.filters import Filters
from dashboard.kernel.windows import Window, trailing_year
from dashboard.metrics import revenue as revenue_metrics
from dashboard.metrics.action_items import action_item_metrics
from dashboard.metrics.budget import budget_metrics, project_figures
from dashboard.metrics.clients import churn_rate, logo_metrics
from dashboard.metrics.meetings import meeting_metrics
from dashboard.metrics.satisfaction import satisfaction_metrics


def client_counts(clients: pd.DataFrame, window: Window) -> dict[str, int]:
    """Logo counts of the window (see METRICS.md, Clients)."""
    start, t = day(window.start), day(window.t)
    onboarded, churned = clients["onboarded_on"], clients["churned_on"]

    def active(on):
        return (onboarded <= on) & (churned.isna() | (churned > on))

    churned_in = (churned >= start) & (churned <= t)
    return {
        "active_clients": int(active(t).sum()),
        "clients_at_start": int(active(start).sum()),
        "new_clients": int(((onboarded >= start) & (onboarded <= t)).sum()),
        "lost_clients": int(churned_in.sum()),
        "lost_from_start": int((active(start) & churned_in).sum()),
    }


def revenue_by_client(invoices: pd.DataFrame, windows: dict[str, Window]):
    """Cents per client and window, for clients with an invoice in any of them."""
    issued = invoices["issued_on"]
    first = min(w.start for w in windows.values())
    last = max(w.t for w in windows.values())
    rows = invoices[(issued >= day(first)) & (issued <= day(last))]
    columns = {}
    for name, w in windows.items():
        inside = (rows["issued_on"] >= day(w.start)) & (rows["issued_on"] <= day(w.t))
        columns[name] = rows["amount_cents"].where(inside, 0).astype("int64")
    sums = pd.DataFrame(columns).groupby(rows["client_id"]).sum()
    return sums.astype("int64").sort_index()


def revenue_kpis(chosen: Frames, filters: Filters, span: Span, settings) -> dict:
    """Revenue, ARPA, NRR/GRR and parts, CLV and CAC."""
    trailing = trailing_year(span.window.t)
    windows = {
        "current": span.window,
        "year_earlier": span.year_earlier,
        "trailing_12": trailing,
    }
    by_client = revenue_by_client(chosen["invoices"], windows)
    values = revenue_metrics.revenue_metrics(by_client)
    counts = client_counts(chosen["clients"], trailing)
    churn_12 = churn_rate(counts["clients_at_start"], counts["lost_from_start"])
    arpa_12 = revenue_metrics.arpa(by_client, "trailing_12")
    values["clv"] = revenue_metrics.clv(arpa_12, settings.gross_margin, churn_12)
    values["cac"] = None
    if not (filters.clients or filters.region or filters.owner):
        spend = chosen["acquisition_spend"]
        inside = (spend["spent_on"] >= day(span.window.start)) & (
            spend["spent_on"] <= day(span.window.t)
        )
        if filters.segment is not None:
            inside &= spend["segment"] == filters.segment
        new = client_counts(chosen["clients"], span.window)["new_clients"]
        cents = int(spend.loc[inside, "amount_cents"].sum())
        values["cac"] = revenue_metrics.cac(cents, new)
    return values


def survey_kpis(responses: pd.DataFrame, window: Window) -> dict:
    """NPS and CSAT of the responses in the window."""
    on = responses["responded_on"]
    rows = responses[(on >= day(window.start)) & (on <= day(window.t))]
    nps, csat = rows[rows["kind"] == "nps"], rows[rows["kind"] == "csat"]
    counts = {
        "nps_n": len(nps),
        "promoters": int((nps["score"] >= 9).sum()),
        "detractors": int((nps["score"] <= 6).sum()),
        "csat_n": len(csat),
        "satisfied": int((csat["score"] >= 4).sum()),
    }
    return satisfaction_metrics(counts)


def local_midnight(value: dt.date, timezone: str) -> pd.Timestamp:
    """Naive UTC instant of local midnight starting `value` (how starts are stored)."""
    local = dt.datetime.combine(value, dt.time(), tzinfo=zoneinfo.ZoneInfo(timezone))
    return pd.Timestamp(local.astimezone(dt.UTC).replace(tzinfo=None))


def meeting_kpis(chosen: Frames, window: Window, timezone: str) -> dict:
    """Held meetings whose local start date is in the window, and their attendees."""
    meetings = chosen["meetings"]
    start = meetings["scheduled_start"]
    held = meetings[
        (meetings["status"] == "held")
        & (start >= local_midnight(window.start, timezone))
        & (start < local_midnight(window.end, timezone))
    ]
    attendees = chosen["attendees"]
    attendees = attendees[
        attendees["meeting_id"].isin(held["id"]) & (attendees["side"] == "client")
    ]
    with_objectives = held["objectives_set"].notna()
    minutes = held["actual_minutes"] - held["planned_minutes"]
    totals = {
        "held": len(held),
        "client_invited": len(attendees),
        "client_attended": int(attendees["attended"].astype(bool).sum()),
        "objectives_set": int(held["objectives_set"].sum()),
        "objectives_met": int(held.loc[with_objectives, "objectives_met"].sum()),
        "overruns": int((held["actual_minutes"] > held["planned_minutes"]).sum()),
        "overrun_minutes": int(minutes.sum()),
        "cost_cents": int(held["cost_cents"].sum()),
        "feedback_total": float(held["feedback_score"].sum()),
        "feedback_n": int(held["feedback_score"].count()),
    }
    return meeting_metrics(totals, internal=True)


def action_item_kpis(items: pd.DataFrame, span: Span) -> dict:
    """Items due in the window, and items open and overdue on t."""
    due_on, completed = items["due_on"], items["completed_on"]
    start, t = day(span.window.start), day(span.window.t)
    due = items[(due_on >= start) & (due_on <= t)]
    counts = {
        "due": len(due),
        "completed": int((due["completed_on"] <= day(span.as_of)).sum()),
        "on_time": int((due["completed_on"] <= due["due_on"]).sum()),
        "open_overdue": int(
            ((due_on < t) & (completed.isna() | (completed > t))).sum()
        ),
    }
    return action_item_metrics(counts)


def budget_kpis(chosen: Frames, window: Window) -> dict:
    """Earned value of the projects overlapping the window, and the spend in it."""
    t = day(window.t)
    projects = chosen["projects"]
    projects = projects[
        (projects["start_on"] <= t) & (projects["end_on"] >= day(window.start))
    ]
    spend = chosen["spend"]
    spent = spend[spend["spent_on"] <= t].groupby("project_id")["amount_cents"].sum()
    milestones = chosen["milestones"]
    weight = milestones["weight"].fillna(1.0)
    done = milestones["completed_on"] <= t
    weights = (
        pd.DataFrame({"total": weight, "completed": weight.where(done, 0.0)})
        .groupby(milestones["project_id"])
        .sum()
    )
    owners = chosen["clients"].set_index("id")["external_id"]
    inputs = pd.DataFrame(
        {
            "external_id": projects["external_id"],
            "name": projects["name"],
            "client_external_id": projects["client_id"].map(owners),
            "start_on": projects["start_on"].dt.date,
            "end_on": projects["end_on"].dt.date,
            "budget_cents": projects["budget_cents"].astype("int64"),
            "spent_cents": projects["id"].map(spent).fillna(0).astype("int64"),
            "milestone_weight": projects["id"].map(weights["total"]),
            "completed_weight": projects["id"].map(weights["completed"]),
        }
    ).sort_values(["client_external_id", "external_id"])
    in_window = (spend["spent_on"] >= day(window.start)) & (spend["spent_on"] <= t)
    return budget_metrics(
        project_figures(inputs, window.t),
        int(spend.loc[in_window, "amount_cents"].sum()),
    )


def plain(value):
    """A JSON-safe number, as the project's report gives it (NaN → None)."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool | int):
        return int(value)
    return float(value) if math.isfinite(float(value)) else None


def kpis(chosen: Frames, filters: Filters, span: Span, settings) -> dict:
    """Every METRICS.md figure of one span."""
    window = span.window
    values = {
        **logo_metrics(client_counts(chosen["clients"], window)),
        **revenue_kpis(chosen, filters, span, settings),
        **survey_kpis(chosen["survey_responses"], window),
        **meeting_kpis(chosen, window, settings.timezone),
        **action_item_kpis(chosen["action_items"], span),
        **budget_kpis(chosen, window),
    }
    return {key: plain(value) for key, value in values.items()}
