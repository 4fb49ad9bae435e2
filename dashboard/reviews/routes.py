"""The review's addresses: POST /review/start, the page /review/<id>, and one
POST per capture form (/review/<id>/<what>). Every POST needs the session's CSRF
token and a manager of the review's client; while presenting only the
presented client's review is reachable, and the page shows only what that
client may see."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from flask import Flask, Response, g, redirect, request
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth import csrf
from dashboard.auth.presenting import PresentingError, start_presenting
from dashboard.delivery.config import DeliverySettings
from dashboard.delivery.mailer import mailer_for
from dashboard.kernel.filters import last_complete_period
from dashboard.kernel.i18n import translator
from dashboard.reports.page import message_page
from dashboard.reviews import capture
from dashboard.reviews.end import end_review
from dashboard.reviews.page import Notice
from dashboard.reviews.recap import RecapRefused, send_recap
from dashboard.reviews.records import ReviewNotFound, StaleReview
from dashboard.reviews.requests import (
    NOT_FOUND,
    agenda_step,
    manager,
    posted,
    request_view,
    review_page,
    saver_for,
    view_query,
    visible_review,
)
from dashboard.reviews.saving import CaptureError
from dashboard.reviews.start import review_in_scope, start_review
from dashboard.reviews.text import issue_lines
from dashboard.services import Services

log = logging.getLogger(__name__)
REVIEW_PATH = "/review/"
START_PATH = "/review/start"
# The capture forms: the saving function and the panel its errors open.
FORMS: dict[str, tuple[Callable, str]] = {
    "attendance": (capture.save_attendance, "attendance"),
    "action": (capture.save_action_item, "action"),
    "close": (capture.close_action_item, "close"),
    "note": (capture.save_note, "note"),
    "outcome": (capture.save_outcome, "outcome"),
    "target": (capture.save_review_target, "target"),
}


def start_view(services: Services) -> Response:
    """POST /review/start (form `client`): the client's open review (started now
    when there is none), presenting to the client; redirect to its page."""
    lang, theme = request_view(request.form)
    _ = translator(lang)
    if not csrf.session_post_is_valid():
        return message_page(_("Invalid or missing CSRF token."), lang, 403)
    user = manager()
    if user is None:
        return message_page(_("You may not change this review."), lang, 403)
    client = (request.form.get("client") or "").strip()
    shown = user.presenting_client_external_id
    if shown is not None and shown != client:
        text = _("Stop presenting to {client} before starting a review of another"
                 " client.", client=user.presenting_client_name or shown)  # fmt: skip
        return message_page(text, lang, 409)
    settings = services.settings
    saver = saver_for(services, user)
    period = last_complete_period(settings.today(), settings.fiscal_year_start_month)
    try:
        review_id, _new = start_review(
            services.engine, client, period=period, lang=lang, by=user.username,
            at=saver.at, scope=saver.scope, address=saver.address,
            meeting_start=dt.datetime.combine(saver.today, saver.at.time()),
        )  # fmt: skip
        if shown is None:
            with services.engine.begin() as conn:
                start_presenting(
                    conn, g.crd_session, client, now=saver.at, address=saver.address
                )
    except (ReviewNotFound, PresentingError):
        return message_page(_(NOT_FOUND), lang, 404)
    except (SQLAlchemyError, RuntimeError):
        log.warning("a review could not be started")
        return message_page(_("The database cannot be reached."), lang, 503)
    return redirect(f"{REVIEW_PATH}{review_id}{view_query(lang, theme)}", code=303)


def review_view(services: Services, review_id: int) -> Response:
    """GET /review/<id>?step=&lang=&theme=: the agenda item and the capture
    panels of an open review, or an ended review's outcome."""
    lang, theme = request_view(request.args)
    _ = translator(lang)
    try:
        review = visible_review(services, review_id)
        if review is None:
            return message_page(_(NOT_FOUND), lang, 404)
        notice = None
        if request.args.get("saved") in ("1", "internal"):
            line = (
                "Saved. Internal entries are not shown while presenting."
                if request.args["saved"] == "internal"
                else "Saved."
            )
            panel = request.args.get("panel")
            panels = {p for _save, p in FORMS.values()}
            notice = Notice("success", [_(line)], panel if panel in panels else None)
        return review_page(
            services, review, lang, theme, agenda_step(request.args), notice
        )
    except SQLAlchemyError:
        log.warning("the database is unreachable while showing a review")
        return message_page(_("The database cannot be reached."), lang, 503)


def capture_view(services: Services, review_id: int, what: str) -> Response:
    """POST /review/<id>/<form>: save one capture form; back to the page, or
    the page again with what is wrong (nothing saved)."""
    lang, theme = request_view(request.form)
    step = agenda_step(request.form)
    found = posted(services, review_id)
    if isinstance(found, Response):
        return found
    user, review = found
    save, panel = FORMS[what]
    saver = saver_for(services, user)
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    try:
        if what == "close":
            save(saver, review.id, request.form, shared_only=user.is_presenting)
        else:
            save(saver, review.id, request.form)
    except CaptureError as exc:
        notice = Notice("danger", issue_lines(exc.issues, lang), panel, values)
        return review_page(services, review, lang, theme, step, notice, 400)
    except StaleReview as stale:
        notice = Notice("warning", [stale.text(lang)], panel, values)
        return review_page(
            services, stale.current or review, lang, theme, step, notice, 409
        )
    except (ReviewNotFound, SQLAlchemyError):
        return message_page(translator(lang)(NOT_FOUND), lang, 404)
    internal = request.form.get("visibility") == "internal" and user.is_presenting
    saved = "internal" if internal else "1"
    query = view_query(lang, theme, step=step, saved=saved, panel=panel)
    target = f"{REVIEW_PATH}{review.id}{query}"
    return redirect(target + "#review-capture", code=303)


def end_view(services: Services, review_id: int) -> Response:
    """POST /review/<id>/end: hold the meeting, finalise the report, show the
    outcome with the recap form."""
    lang, theme = request_view(request.form)
    _ = translator(lang)
    found = posted(services, review_id)
    if isinstance(found, Response):
        return found
    user, review = found
    values = {k: v for k, v in request.form.items() if k != "csrf_token"}
    try:
        end_review(
            saver_for(services, user), services.settings, review.id, request.form
        )
    except CaptureError as exc:
        notice = Notice("danger", issue_lines(exc.issues, lang), "end", values)
        return review_page(
            services, review, lang, theme, agenda_step(request.form), notice, 400
        )
    except StaleReview as stale:
        notice = Notice("warning", [stale.text(lang)], "end", values)
        current = stale.current or review
        return review_page(
            services, current, lang, theme, agenda_step(request.form), notice, 409
        )
    except (SQLAlchemyError, RuntimeError):
        log.warning("a review's report could not be finalised")
        text = _("The report could not be finalised; end the review again to retry.")
        return message_page(text, lang, 503)
    return redirect(f"{REVIEW_PATH}{review.id}{view_query(lang, theme)}", code=303)


def recap_view(
    services: Services, ds: DeliverySettings, review_id: int
) -> Response:  # fmt: skip
    """POST /review/<id>/recap (form `to`): email the recap once."""
    lang, theme = request_view(request.form)
    found = posted(services, review_id)
    if isinstance(found, Response):
        return found
    user, review = found
    saver = saver_for(services, user)
    try:
        send_recap(
            services.engine, ds, mailer_for(ds), review.id,
            request.form.get("to") or "", scope=saver.scope, by=user.username,
            now=saver.at, address=saver.address,
        )  # fmt: skip
    except RecapRefused as refused:
        with services.engine.connect() as conn:
            current = review_in_scope(conn, review.id, saver.scope)
        values = {"to": request.form.get("to") or ""}
        notice = Notice("danger", [refused.text(lang)], "recap", values)
        return review_page(services, current, lang, theme, 0, notice, 400)
    return redirect(f"{REVIEW_PATH}{review.id}{view_query(lang, theme)}", code=303)


def register_review_routes(
    server: Flask, services: Services, ds: DeliverySettings
) -> None:
    """Add the review's start, page, capture, end and recap addresses."""
    server.add_url_rule(
        START_PATH,
        "review_start",
        lambda: start_view(services),
        methods=["POST"],
    )
    server.add_url_rule(
        REVIEW_PATH + "<int:review_id>", "review_page",
        lambda review_id: review_view(services, review_id),
    )  # fmt: skip
    server.add_url_rule(
        REVIEW_PATH + "<int:review_id>/<any(" + ", ".join(FORMS) + "):what>",
        "review_capture",
        lambda review_id, what: capture_view(services, review_id, what),
        methods=["POST"],
    )
    server.add_url_rule(
        REVIEW_PATH + "<int:review_id>/end", "review_end",
        lambda review_id: end_view(services, review_id), methods=["POST"],
    )  # fmt: skip
    server.add_url_rule(
        REVIEW_PATH + "<int:review_id>/recap", "review_recap",
        lambda review_id: recap_view(services, ds, review_id), methods=["POST"],
    )  # fmt: skip
