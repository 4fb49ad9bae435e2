"""The data-quality checks: what each is called, means, affects, and how bad it is
(English message ids; translated where shown). The SQL is in data/queries/quality.py."""

from __future__ import annotations

SEVERITIES = ("high", "medium", "low")
SEVERITY_LABELS = {"high": "high", "medium": "medium", "low": "low"}

# The feeds whose newest row is watched, and how many days without a new row
# make one "quiet" unless QUALITY_STALE_DAYS says otherwise.
DEFAULT_STALE_DAYS = {
    "invoices": 45,
    "spend": 45,
    "meetings": 60,
    "action_items": 90,
    "acquisition_spend": 90,
    "surveys": 365,
}
FEEDS = tuple(DEFAULT_STALE_DAYS)
FEED_LABELS = {
    "invoices": "Invoices",
    "spend": "Project spend",
    "meetings": "Meetings",
    "action_items": "Action items",
    "acquisition_spend": "Acquisition spend",
    "surveys": "Survey answers",
}
# The KPIs (METRICS.md keys) each feed's rows feed.
FEED_KPIS = {
    "invoices": ("revenue", "arpa", "nrr", "grr", "clv"),
    "spend": ("budget_burn", "burn_ratio", "spend", "cpi", "spi", "eac"),
    "meetings": ("meetings_held", "attendance_rate", "goal_achievement_rate"),
    "action_items": ("action_items_due", "action_item_completion_rate"),
    "acquisition_spend": ("cac",),
    "surveys": ("nps", "csat"),
}

# Check id: (severity, KPIs affected). In the order the page lists them.
CHECKS = {
    "quiet_feeds": ("high", ()),  # the KPIs of the feeds that went quiet
    "active_without_invoice": ("high", ("revenue", "arpa", "nrr", "grr", "clv")),
    "projects_without_milestones": ("high", ("cpi", "spi", "eac")),
    "no_recent_survey": ("medium", ("nps", "csat")),
    "meetings_without_attendees": ("medium", ("attendance_rate",)),
    "projects_spending_after_end": (
        "medium",
        ("budget_burn", "burn_ratio", "spend", "eac"),
    ),
    "old_open_action_items": ("medium", ("open_overdue",)),
    "duplicate_client_names": (
        "medium",
        ("active_clients", "new_clients", "retention_rate", "arpa"),
    ),
    "meetings_without_objectives": ("low", ("goal_achievement_rate",)),
    "action_items_without_owner": ("low", ("open_overdue",)),
}

CHECK_TITLES = {
    "quiet_feeds": "Feeds that went quiet",
    "active_without_invoice": "Clients without revenue last quarter",
    "projects_without_milestones": "Projects without milestones",
    "no_recent_survey": "Clients without a survey answer in 12 months",
    "meetings_without_attendees": "Held meetings without client attendees",
    "projects_spending_after_end": "Projects still spending after their end date",
    "old_open_action_items": "Action items open more than a year after due",
    "duplicate_client_names": "Clients with the same name",
    "meetings_without_objectives": "Held meetings without objectives",
    "action_items_without_owner": "Open action items without an owner",
}

CHECK_EXPLANATIONS = {
    "quiet_feeds": "No new row for longer than the feed's limit: the import of that"
    " file may have stopped, and its figures end there.",
    "active_without_invoice": "Clients active for the whole of the last complete"
    " quarter with no revenue in it: a missing invoice lowers revenue and"
    " retention.",
    "projects_without_milestones": "Projects running in the last 12 months with no"
    " milestone: earned value is unknown, so CPI and SPI leave them out.",
    "no_recent_survey": "Clients active for the whole of the last 12 months with no"
    " NPS or CSAT answer in them: satisfaction says nothing about them.",
    "meetings_without_attendees": "Meetings held in the last 12 months with no"
    " client-side attendee recorded: attendance cannot count them.",
    "projects_spending_after_end": "Projects past their end date with spend after"
    " it in the last 12 months: the end date or the spend is wrong.",
    "old_open_action_items": "Action items due more than 365 days ago and still"
    " open: most likely done or dropped, but they stay overdue.",
    "duplicate_client_names": "Clients whose names are the same apart from case and"
    " spaces: one client counted twice splits its figures.",
    "meetings_without_objectives": "Meetings held in the last 12 months with no"
    " objectives set: goal achievement leaves them out.",
    "action_items_without_owner": "Open action items whose owner is empty or a"
    " placeholder that names nobody: nobody is chasing them.",
}

# The columns of the checks' rows (their CSV headers), as the page names them.
COLUMN_LABELS = {
    "client_external_id": "Client ID",
    "client_name": "Client",
    "client_owner": "Client owner",
    "revenue_in_quarter": "Revenue in the quarter",
    "project_external_id": "Project ID",
    "project_name": "Project",
    "start_on": "Start",
    "end_on": "End",
    "last_spent_on": "Last spend",
    "spend_after_end": "Spend after the end",
    "last_answer_on": "Last answer",
    "meeting_external_id": "Meeting ID",
    "kind": "Kind",
    "scheduled_start_utc": "Start (UTC)",
    "action_item_external_id": "Action item ID",
    "title": "Title",
    "owner": "Owner",
    "due_on": "Due",
    "segment": "Segment",
    "onboarded_on": "Onboarded",
    "churned_on": "Churned",
    "feed": "Feed",
    "newest_row_on": "Newest row",
    "age_days": "Age (days)",
    "limit_days": "Limit (days)",
}

QUALITY_PATH = "/data/quality"


def quality_href(query: str) -> str:
    """The data-quality page for a dashboard query string (`?client=…&lang=zh`)."""
    return QUALITY_PATH + query
