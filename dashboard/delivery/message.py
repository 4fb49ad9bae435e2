"""The email of a scheduled report, in the schedule's language: the report's
summary, its key figures (written by the report's own formatter), a link, and
the PDF attached or, when it cannot be, a line saying the link stands in."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from markupsafe import Markup

from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import report_href
from dashboard.reports.model import Report


def report_link(public_url: str, report: Report, period_label: str, owner) -> str:
    """The report page of this report on the dashboard."""
    href = report_href(report.client_ids, period_label, report.lang, report.audience)
    if owner:
        href += f"&owner={owner}"
    return public_url.rstrip("/") + href


def new_message_id(mail_from: str) -> str:
    """A Message-ID in the sender's domain, made before the message is sent."""
    address = parseaddr(mail_from)[1]
    return make_msgid(domain=address.rpartition("@")[2] or "localhost")


def _figures(report: Report) -> list[str]:
    _ = translator(report.lang)
    return [
        _("{title}: {value} ({change})", title=row.title, value=row.value,
          change=row.change)
        if row.change
        else _("{title}: {value}", title=row.title, value=row.value)
        for row in report.progress.kpis
    ]  # fmt: skip


def report_message(
    report: Report,
    *,
    recipient: str,
    mail_from: str,
    message_id: str,
    link: str,
    schedule_name: str,
    pdf: bytes | None,
    now: dt.datetime,
) -> EmailMessage:
    """The message for one recipient; without `pdf` it says the link stands in."""
    _ = translator(report.lang)
    subject = _("{subject} · report for {period}", subject=report.subject,
                period=report.period)  # fmt: skip
    attached = (
        _("The report is attached as a PDF.")
        if pdf is not None
        else _("The PDF could not be attached, so the report is linked instead.")
    )
    sent_by = _("Sent by the schedule “{name}”.", name=schedule_name)
    figures = _figures(report)
    text = "\n\n".join(
        [
            " ".join(report.summary.sentences),
            _("Key figures") + "\n" + "\n".join(f"- {line}" for line in figures),
            _("Open the report: {link}", link=link),
            attached,
            sent_by,
        ]
    )
    html = Markup(
        '<!DOCTYPE html><html lang="{}"><body><p>{}</p><h2>{}</h2><ul>{}</ul>'
        '<p><a href="{}">{}</a></p><p>{}</p><p>{}</p></body></html>'
    ).format(
        "zh-Hans" if report.lang == "zh" else "en",
        " ".join(report.summary.sentences),
        _("Key figures"),
        Markup("").join(Markup("<li>{}</li>").format(line) for line in figures),
        link,
        _("Open the report"),
        attached,
        sent_by,
    )
    message = _envelope(subject, recipient, mail_from, message_id, now, report.lang)
    message.set_content(text)
    message.add_alternative(str(html), subtype="html")
    if pdf is not None:
        name = f"report-{'-'.join(report.client_ids) or 'book'}.pdf"
        message.add_attachment(
            pdf, maintype="application", subtype="pdf", filename=name
        )
    return _language(message, report.lang)


def failure_message(
    *,
    lang: str,
    owner_email: str,
    mail_from: str,
    schedule_name: str,
    period: str,
    recipient: str,
    error: str,
    now: dt.datetime,
) -> EmailMessage:
    """The one notice to a subscription's owner that a delivery failed."""
    _ = translator(lang)
    subject = _("A scheduled report was not delivered")
    body = _(
        "The report of the schedule “{name}” for {period} could not be delivered"
        " to {recipient}: {error}",
        name=schedule_name, period=period, recipient=recipient, error=error,
    )  # fmt: skip
    message = _envelope(
        subject, owner_email, mail_from, new_message_id(mail_from), now, lang
    )
    message.set_content(body)
    return _language(message, lang)


def _envelope(subject, to, mail_from, message_id, now, lang) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = mail_from
    message["To"] = to
    message["Message-ID"] = message_id
    message["Date"] = format_datetime(now.replace(tzinfo=dt.UTC))
    return message


def _language(message: EmailMessage, lang: str) -> EmailMessage:
    # After the content: setting the content drops the Content-* headers.
    message["Content-Language"] = "zh-Hans" if lang == "zh" else "en"
    return message
