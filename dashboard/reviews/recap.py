"""The recap of an ended review, emailed to its attendees once: the send is
claimed in the database (a conditional update of the review's row), so a second
click, a second manager or a retry after a failure never sends it again."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage

from sqlalchemy import Engine, update

from dashboard.auth import audit
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.errors import ScheduleError
from dashboard.delivery.mailer import Mailer
from dashboard.delivery.message import new_message_id
from dashboard.delivery.recipients import check_address
from dashboard.kernel.i18n import translator
from dashboard.kernel.scope import Scope
from dashboard.reports.tools import SNAPSHOTS_PATH
from dashboard.reviews.outcome import (
    Item,
    Note,
    Person,
    agreed_items,
    item_line,
    notes,
    people,
)
from dashboard.reviews.records import ReviewRecord
from dashboard.reviews.start import review_in_scope
from data.models.reviews import Review

MAX_RECIPIENTS = 30


class RecapRefused(ScheduleError):
    """The recap is not sent; `message` (a msgid) and `values` say why, like a
    refused schedule (`text(lang)` in the viewer's language)."""


def recipients_of(text: str, allowed_domains: tuple[str, ...]) -> tuple[str, ...]:
    """The addresses of a comma-, semicolon- or line-separated list, each checked
    like a schedule's recipient; RecapRefused or ScheduleError naming a bad one."""
    found = [
        part.strip().lower()
        for part in text.replace(";", ",").replace("\n", ",").split(",")
        if part.strip()
    ]
    if not found:
        raise RecapRefused("Give the attendees' email addresses.")
    if len(found) > MAX_RECIPIENTS:
        raise RecapRefused("At most {count} addresses.", count=MAX_RECIPIENTS)
    for address in found:
        if (why := check_address(address, allowed_domains)) is not None:
            raise why
    return tuple(dict.fromkeys(found))


def recap_message(
    review: ReviewRecord,
    attendance: list[Person],
    decisions: list[Note],
    items: list[Item],
    *,
    link: str,
) -> tuple[str, str]:
    """(subject, body) of the recap in the review's language: who came, the
    shared decisions, the shared action items, the finalised report's link."""
    lang = review.lang
    _ = translator(lang)
    subject = _("{client} · review of {period}: recap", client=review.client_name,
                period=review.period)  # fmt: skip
    came = [p.name for p in attendance if p.attended]
    lines = [subject, "", _("Attended: {names}", names=", ".join(came) or "—"), ""]
    shared = [n for n in decisions if n.kind == "decision"]
    if shared:
        lines.append(_("Decisions:"))
        lines += [f"- {n.text}" for n in shared]
        lines.append("")
    if items:
        lines.append(_("Action items:"))
        lines += [item_line(i, lang) for i in items]
        lines.append("")
    lines.append(_("The finalised report: {link}", link=link))
    return subject, "\n".join(lines) + "\n"


def send_recap(
    engine: Engine,
    ds: DeliverySettings,
    mailer: Mailer,
    review_id: int,
    addresses: str,
    *,
    scope: Scope,
    by: str,
    now: dt.datetime,
    address: str | None = None,
) -> tuple[str, ...]:
    """Email the recap of the ended review to the addresses, once; the
    addresses it went to. RecapRefused when it was sent (or claimed) already,
    the review is not ended, or an address is refused."""
    try:
        recipients = recipients_of(addresses, ds.allowed_domains)
    except ScheduleError as exc:
        raise RecapRefused(exc.message, **exc.values) from None
    with engine.connect() as conn:
        review = review_in_scope(conn, review_id, scope)
        attendance = people(conn, review.meeting_id)
        decisions = notes(conn, review.id, internal=False)
        items = agreed_items(conn, review.meeting_id, internal=False)
    if review.is_open or review.snapshot_id is None:
        raise RecapRefused("End the review first: the recap links its report.")
    with engine.begin() as conn:
        claimed = conn.execute(
            update(Review)
            .where(Review.id == review.id, Review.recap_claimed_at.is_(None))
            .values(recap_claimed_at=now, recap_to=", ".join(recipients))
        ).rowcount
    if claimed != 1:
        raise RecapRefused("The recap of this review was sent already.")
    link = f"{ds.public_url.rstrip('/')}{SNAPSHOTS_PATH}{review.snapshot_id}"
    subject, body = recap_message(review, attendance, decisions, items, link=link)
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = ds.mail_from
    message["To"] = ", ".join(recipients)
    message["Message-ID"] = new_message_id(ds.mail_from)
    message["Date"] = now.replace(tzinfo=dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    message.set_content(body)
    message["Content-Language"] = "zh-Hans" if review.lang == "zh" else "en"
    try:
        mailer.send(message)
    except Exception as exc:  # noqa: BLE001 - any failure is stored, never resent
        error = str(exc)[:500] or type(exc).__name__
        with engine.begin() as conn:
            conn.execute(
                update(Review).where(Review.id == review.id).values(recap_error=error)
            )
        raise RecapRefused(
            "The recap could not be sent ({error}); it is not sent again"
            " automatically.",
            error=error,
        ) from None
    with engine.begin() as conn:
        conn.execute(
            update(Review).where(Review.id == review.id).values(recap_sent_at=now)
        )
        audit.record(
            conn, "review_recap_sent", at=now, username=by, address=address,
            detail=f"review={review.id} to={len(recipients)} addresses",
        )  # fmt: skip
    return recipients
