"""The client page's review panel: changed since the last review, and Start
review for a manager of the client (not while presenting another client)."""

from __future__ import annotations

import logging

from dash import html
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth.roles import ROLES_WHO_PRESENT
from dashboard.reviews.page import changes_for
from dashboard.reviews.records import last_ended_review
from dashboard.reviews.start import client_in_scope
from dashboard.services import Services
from layouts.review_panel import StartReview, build_review_panel

log = logging.getLogger(__name__)


def review_panel(
    services: Services, client: str, name: str, lang: str, theme: str
) -> html.Div | None:
    """The panel for the client page, or None when it cannot be read."""
    scope = services.current_scope()
    user = services.current_user()
    start = None
    if user is not None and user.role in ROLES_WHO_PRESENT:
        shown = user.presenting_client_external_id
        if shown in (None, client):
            start = StartReview(client, services.csrf_token() or "", theme)
    try:
        with services.engine.connect() as conn:
            since = changes_for(conn, services.settings, client, scope, lang)
            client_id, _name = client_in_scope(conn, client, scope)
            last = last_ended_review(conn, client_id)
    except SQLAlchemyError:
        log.warning("the database is unreachable while reading the last review")
        return None
    href = None
    if last is not None:
        href = f"/review/{last.id}" + ("?lang=zh" if lang == "zh" else "")
    return build_review_panel(
        lang=lang, client_name=name, since=since, last_review_href=href, start=start
    )
