"""What each headline figure is called and means, in the users' words (English
message ids; translated where shown)."""

from __future__ import annotations

TITLES = {
    "active_clients": "Active clients",
    "clients_at_start": "Clients at start",
    "new_clients": "New clients",
    "lost_clients": "Lost clients",
    "retention_rate": "Logo retention",
    "churn_rate": "Logo churn",
    "revenue": "Revenue",
    "arpa": "ARPA",
    "nrr": "Net revenue retention",
    "grr": "Gross revenue retention",
    "expansion": "Expansion",
    "contraction": "Contraction",
    "churned_revenue": "Churned revenue",
    "clv": "Client lifetime value",
    "cac": "Acquisition cost (CAC)",
    "nps": "NPS",
    "csat": "CSAT",
    "nps_n": "NPS responses",
    "csat_n": "CSAT responses",
    "meetings_held": "Meetings held",
    "attendance_rate": "Meeting attendance",
    "goal_achievement_rate": "Goal achievement",
    "overrun_share": "Meetings over time",
    "avg_overrun_minutes": "Average overrun",
    "meeting_cost": "Meeting cost",
    "meeting_feedback": "Meeting feedback",
    "action_items_due": "Action items due",
    "action_item_completion_rate": "Action items completed",
    "action_item_on_time_rate": "Action items on time",
    "open_overdue": "Open overdue items",
    "budget_burn": "Budget burn",
    "time_elapsed": "Time elapsed",
    "burn_ratio": "Burn ratio",
    "spend": "Spend in period",
    "cpi": "Cost performance (CPI)",
    "spi": "Schedule performance (SPI)",
    "eac": "Forecast at completion",
}

DEFINITIONS = {
    "active_clients": "Clients who are clients on the last day counted.",
    "new_clients": "Clients onboarded in the period.",
    "lost_clients": "Clients whose last day as a client falls in the period, new"
    " ones included.",
    "retention_rate": "Of the clients at the start of the period, the share still"
    " clients at its end.",
    "churn_rate": "Of the clients at the start of the period, the share that left"
    " during it.",
    "revenue": "All invoices issued in the period; credit notes count as negative.",
    "nrr": "This period's revenue from the clients that had revenue a year earlier,"
    " over their revenue then.",
    "clv": "Average revenue per client over the last 12 months, times gross margin,"
    " divided by the 12-month logo churn.",
    "cac": "Acquisition spend in the period divided by new clients. Internal only.",
    "nps": "Share of promoters (9–10) minus share of detractors (0–6) among NPS"
    " answers in the period.",
    "csat": "Share of CSAT answers scoring 4 or 5.",
    "attendance_rate": "Client-side people who attended held meetings, over those"
    " invited.",
    "goal_achievement_rate": "Objectives met over objectives set, in held meetings.",
    "action_item_completion_rate": "Action items due in the period that are done,"
    " over those due.",
    "budget_burn": "Money spent so far over the budget of the projects running in"
    " the period; compare with the share of time elapsed.",
}

# Why a figure can be undefined, shown instead of a number.
UNDEFINED_REASONS = {
    "retention_rate": "No clients at the start of the period.",
    "churn_rate": "No clients at the start of the period.",
    "nrr": "No revenue a year earlier to compare with.",
    "clv": "No churn in the last 12 months, so lifetime is open-ended.",
    "cac": "Needs new clients, and no client, region or owner filter.",
    "nps": "No NPS answers in the period.",
    "csat": "No CSAT answers in the period.",
    "attendance_rate": "No held meetings with client invitees.",
    "goal_achievement_rate": "No held meetings with objectives.",
    "action_item_completion_rate": "No action items due in the period.",
    "budget_burn": "No projects running in the period.",
}
DEFAULT_UNDEFINED_REASON = "Not enough data in the period."

# A number with its unit, by the unit names of `metrics.changes` (pp: percentage
# points, pts: score points).
UNITS = {
    "pp": "{number} pp",
    "%": "{number}%",
    "pts": "{number} pts",
    "min": "{number} min",
}

# Said where a client-facing view counts or lists action items: internal ones are
# left out (data/queries/visibility.py).
SHARED_ITEMS_NOTE = "Shared items only."
