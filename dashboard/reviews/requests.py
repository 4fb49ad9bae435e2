"""What the review's addresses share: the language and theme asked for, the
agenda step, who may run reviews, the review a viewer may see, the page, and
the checks of a POST (CSRF token, a manager of the client)."""

from __future__ import annotations

from flask import Response, g, request

from dashboard.auth import csrf
from dashboard.auth.context import auth_context
from dashboard.auth.pages import page_response, page_theme
from dashboard.auth.roles import ROLES_WHO_PRESENT, own_scope
from dashboard.kernel.i18n import normalise_language, translator
from dashboard.reports.page import message_page
from dashboard.reviews.page import Notice, Viewer, render_review
from dashboard.reviews.records import ReviewNotFound, ReviewRecord
from dashboard.reviews.saving import Saver
from dashboard.reviews.start import review_in_scope
from dashboard.reviews.text import AGENDA
from dashboard.services import Services

NOT_FOUND = "There is no page at this address. "


def request_view(source) -> tuple[str, str]:
    """The language and theme a query or form asks for."""
    return normalise_language(source.get("lang")), page_theme(source.get("theme"), "")


def view_query(lang: str, theme: str, **extra: object) -> str:
    """`?name=value&...` with the language and theme when not the defaults."""
    pairs = [f"{k}={v}" for k, v in extra.items()]
    if lang == "zh":
        pairs.append("lang=zh")
    if theme == "dark":
        pairs.append("theme=dark")
    return "?" + "&".join(pairs) if pairs else ""


def agenda_step(source) -> int:
    """The agenda item asked for (0 for anything else)."""
    text = str(source.get("step") or "0")
    return int(text) if text.isdigit() and int(text) < len(AGENDA) else 0


def manager():
    """The user when they may run reviews, else None."""
    user = g.get("crd_user")
    return user if user is not None and user.role in ROLES_WHO_PRESENT else None


def saver_for(services: Services, user) -> Saver:
    """The user saving now, in their own scope, on the dashboard's day."""
    settings = services.settings
    return Saver(
        engine=services.engine, by=user.username, scope=own_scope(user),
        at=auth_context().now(), timezone=settings.timezone,
        fiscal_start_month=settings.fiscal_year_start_month,
        address=request.remote_addr, day=settings.today(),
    )  # fmt: skip


def visible_review(services: Services, review_id: int) -> ReviewRecord | None:
    """The review when the viewer may see it (the presented client's only while
    presenting; a client's login: its own ended reviews)."""
    with services.engine.connect() as conn:
        try:
            review = review_in_scope(conn, review_id, services.current_scope())
        except ReviewNotFound:
            return None
    user = g.get("crd_user")
    if user is not None and user.role not in ROLES_WHO_PRESENT and review.is_open:
        return None
    return review


def review_page(
    services: Services, review: ReviewRecord, lang: str, theme: str, step: int,
    notice: Notice | None = None, status: int = 200,
) -> Response:  # fmt: skip
    """The review page for this request's viewer."""
    user = g.get("crd_user")
    scope = services.current_scope()
    viewer = Viewer(
        lang=lang, theme=theme, csrf_token=services.csrf_token() or "",
        may_edit=manager() is not None, internal=scope.internal,
        presenting=bool(user and user.is_presenting),
    )  # fmt: skip
    with services.engine.connect() as conn:
        html = render_review(
            conn, services.settings, review, viewer, step=step,
            now=auth_context().now(), notice=notice,
        )  # fmt: skip
    return page_response(html, status)


def posted(services: Services, review_id: int):
    """(user, review) of a capture POST, or the refusal."""
    lang, _theme = request_view(request.form)
    _ = translator(lang)
    if not csrf.session_post_is_valid():
        return message_page(_("Invalid or missing CSRF token."), lang, 403)
    user = manager()
    review = visible_review(services, review_id)
    if review is None:
        return message_page(_(NOT_FOUND), lang, 404)
    if user is None:
        return message_page(_("You may not change this review."), lang, 403)
    return user, review
