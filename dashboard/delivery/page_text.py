"""The words of the Schedules and Deliveries pages, in the viewer's language."""

from __future__ import annotations

from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.subscriptions import Plan
from dashboard.kernel.i18n import translator

NOTICES = {
    "added": "The schedule was added.",
    "paused": "The schedule was paused.",
    "resumed": "The schedule was resumed; runs missed while paused are not sent.",
    "removed": "The schedule was removed.",
    "test_sent": "A test was sent to {address}.",
    "test_failed": "The test to {address} was not sent; see the deliveries.",
}


def notices(lang: str, code: str | None, address: str | None) -> str:
    """The line shown after a change (none for an unknown code)."""
    if code not in NOTICES:
        return ""
    return translator(lang)(NOTICES[code], address=address or "")


def mail_setup(lang: str, ds: DeliverySettings) -> str:
    """Where messages go: the mail server, or the outbox folder."""
    _ = translator(lang)
    if ds.smtp is None:
        return _(
            "No mail server is set ({setting}): each message is written as a"
            " {suffix} file into {folder}.",
            setting="SMTP_URL",
            suffix=".eml",
            folder=str(ds.outbox),
        )
    return _("Messages are sent through {host}:{port}.", host=ds.smtp.host,
             port=ds.smtp.port)  # fmt: skip


def schedules_text(lang: str, ds: DeliverySettings) -> dict[str, str]:
    """Headings, labels and buttons of the Schedules page."""
    _ = translator(lang)
    return {
        "heading": _("Scheduled reports"),
        "mail": mail_setup(lang, ds),
        "back": _("Back to the dashboard"),
        "name": _("Name"),
        "what": _("Report"),
        "when": _("When"),
        "period": _("Period"),
        "next": _("Next run"),
        "status": _("Status"),
        "recipients": _("Recipients"),
        "failed": _("Failed deliveries"),
        "none": _("No schedules yet."),
        "pause": _("Pause"),
        "resume": _("Resume"),
        "remove": _("Remove"),
        "test": _("Send a test to me"),
        "address": _("Email address"),
        "deliveries": _("Deliveries"),
        "add": _("Add a schedule"),
        "client": _("Client"),
        "book": _("Or the clients of (owner)"),
        "audience": _("Audience"),
        "client_audience": _("client"),
        "internal_audience": _("internal"),
        "language": _("Language"),
        "cadence": _("Cadence"),
        "weekly": _("Weekly"),
        "monthly": _("Monthly"),
        "quarterly": _("Quarterly"),
        "day": _("Day"),
        "day_help": _(
            "Weekly: 0 (Monday) to 6 (Sunday). Monthly: 1 to 31 (a day past the"
            " month's end is its last day). Quarterly: 1 to 60 days after the"
            " quarter closes."
        ),
        "time": _("Local time"),
        "timezone": _("Time zone") + " (IANA)",
        "closed": _("Period just closed"),
        "to_date": _("Period to date"),
        "recipients_help": _("Addresses separated by commas or lines."),
        "owner_email": _("Tell me of failures at"),
        "save": _("Save"),
        "allowed": _("Allowed recipient domains: {domains}",
                     domains=", ".join(ds.allowed_domains))
        if ds.allowed_domains
        else "",
    }  # fmt: skip


def deliveries_text(lang: str, plan: Plan) -> dict[str, str]:
    """Headings and column names of the Deliveries page."""
    _ = translator(lang)
    return {
        "heading": _("Deliveries of “{name}”", name=plan.name),
        "back": _("Back to the schedules"),
        "zone": _("Times are in {timezone}, the schedule's time zone.",
                  timezone=plan.timezone),
        "run": _("Run"),
        "recipient": _("Recipient"),
        "status": _("Status"),
        "attempts": _("Attempts"),
        "error": _("Last error"),
        "sent_at": _("Sent"),
        "sent_as": _("Sent as"),
        "report": _("Report as sent"),
        "open": _("Open"),
        "none": _("Nothing was sent yet."),
    }  # fmt: skip
