"""/admin/audit: the newest 500 audit entries, for admins only (server-rendered)."""

from __future__ import annotations

from flask import Flask, Response, abort, g, request

from dashboard.auth.audit import recent
from dashboard.auth.context import auth_context
from dashboard.auth.pages import html_lang, page_response, render
from dashboard.auth.roles import ADMIN_ROLES
from dashboard.kernel.formatting import format_count
from dashboard.kernel.i18n import normalise_language, translator
from data.models.auth import AUDIT_ACTIONS

AUDIT_PAGE_SIZE = 500


def audit_page() -> Response:
    """GET /admin/audit[?action=...]: 403 unless the viewer is an admin."""
    user = g.get("crd_user")
    if user is None or user.role not in ADMIN_ROLES:
        abort(403)
    lang = normalise_language(request.args.get("lang"))
    _ = translator(lang)
    action = request.args.get("action") or None
    if action is not None and action not in AUDIT_ACTIONS:
        action = None
    with auth_context().engine.connect() as conn:
        rows = recent(conn, action=action, limit=AUDIT_PAGE_SIZE)
    html = render(
        "audit.html",
        title=_("Audit log") + " · " + _("Client Review Dashboard"),
        html_lang=html_lang(lang),
        theme="dark" if request.args.get("theme") == "dark" else "light",
        lang=lang,
        rows=rows,
        actions=AUDIT_ACTIONS,
        action=action,
        home_query="?lang=zh" if lang == "zh" else "",
        text={
            "heading": _("Audit log"),
            "action": _("Action"),
            "all": _("All actions"),
            "filter": _("Filter"),
            "back": _("Back to the dashboard"),
            "count": _(
                "Entries shown: {count} (newest first, at most 500). Times are in UTC.",
                count=format_count(len(rows), lang),
            ),
            "at": _("Time (UTC)"),
            "user": _("User"),
            "address": _("Address"),
            "detail": _("Detail"),
        },
    )
    return page_response(html)


def register_admin(server: Flask) -> None:
    """Add /admin/audit to the server."""
    server.add_url_rule("/admin/audit", "admin_audit", audit_page, methods=["GET"])
