"""Every text of the review pages, in the viewer's language (English msgids)."""

from __future__ import annotations

from dashboard.kernel.i18n import translator

# Agenda items in their order: what changed, then the report's sections.
AGENDA = (
    ("changes", "Changed since last review"),
    ("summary", "Summary"),
    ("progress", "Progress"),
    ("problems", "Problems and solutions"),
    ("next_steps", "Next steps"),
)
# The form fields a message can name, as the forms label them.
FIELDS = {
    "attended": "Who came",
    "name": "Name",
    "side": "Side",
    "title": "Action item",
    "owner": "Owner",
    "due_on": "Due date",
    "visibility": "Visibility",
    "item": "Action item",
    "section": "Agenda item",
    "kind": "Kind",
    "text": "Text",
    "objectives_set": "Objectives set",
    "objectives_met": "Objectives met",
    "feedback_score": "Feedback score (1–5)",
    "kpi": "Figure",
    "period": "Period",
    "value": "Target",
    "note": "Note",
    "client": "Client",
    "actual_minutes": "Minutes",
    "version": "Version",
    "row": "Form",
}
WORDS = (
    "Review",
    "Client Review Dashboard",
    "Presenting to {client}",
    "Started at {time} UTC · {minutes} min",
    "Previous",
    "Next",
    "Item {number} of {count}",
    "Use ← and → to walk the agenda.",
    "Attendance",
    "Tick who came",
    "Add a person",
    "Client",
    "Us",
    "Save attendance",
    "Nobody was invited yet: add the people who came.",
    "Action items",
    "Add an action item",
    "Shared with the client",
    "Internal",
    "Add the action item",
    "Mark done",
    "Open items",
    "No open action items.",
    "Decisions and notes",
    "Decision",
    "Note",
    "Save",
    "Internal notes are saved but not shown while presenting.",
    "Objectives and feedback",
    "Save objectives and feedback",
    "Targets",
    "Set the target",
    "Rates as a fraction: 0.85 for 85%.",
    "End review",
    "Minutes (from the review's clock: {minutes})",
    "End the review and finalise the report",
    "Saved.",
    "Saved. Internal entries are not shown while presenting.",
    "No decisions or notes on this item yet.",
    "This is the first review of {client} on the dashboard.",
    "Since the review of {period} on {day}",
    "Figure",
    "Then",
    "Now",
    "Action items agreed then",
    "Status now",
    "Targets for {period}",
    "met",
    "missed",
    "not measurable yet",
    "New problems",
    "No new problems.",
    "No action items were agreed then.",
    "Review of {period} ended",
    "Ended at {time} UTC after {minutes} minutes.",
    "Open the finalised report",
    "Who came",
    "Decisions",
    "Email the recap to the attendees",
    "Attendees' email addresses (comma-separated)",
    "Send the recap",
    "Sent to {to} at {time} UTC.",
    "Sending failed: {error}",
    "Stop presenting",
    "Open the client page",
    "You may not change this review.",
    "There is no page at this address. ",
    "Stop presenting to {client} before starting a review of another client.",
    "The database cannot be reached.",
    "The report could not be finalised; end the review again to retry.",
    "Start review",
    "{label}: {value}",
    "Open the last review",
    "owner {owner}, due {due}",
    "(us)",
    "(client)",
    "Objectives set",
    "Objectives met",
    "Target",
    "Period",
    "Due date",
    "Owner",
    "Side",
    "Visibility",
    "Kind",
    "Text",
    "Name",
    "Action item",
    "Feedback score (1–5)",
)


def page_text(lang: str) -> dict[str, str]:
    """msgid → text in the language, for the templates."""
    _ = translator(lang)
    return {word: _(word) for word in (*WORDS, *FIELDS.values())}


def issue_lines(issues: list[tuple[str, str]], lang: str) -> list[str]:
    """`<label>: <what is wrong>` for each issue of a form."""
    _ = translator(lang)
    return [
        _("{field}: {problem}", field=_(FIELDS.get(field, field)), problem=_(what))
        for field, what in issues
    ]
