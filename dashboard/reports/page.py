"""The report page `/report?client=...&period=...&lang=...&audience=...&theme=...`
(`theme=dark`, the app's switch, makes the page dark on screen; print stays light).

The viewer's scope comes from the server session only: a client's own login and a
presenting session get their one client's client-safe report, whatever the link
asks for; a client outside the scope is answered like an unknown one (404).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from flask import Flask, Response, request
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from dashboard.auth.pages import page_response, page_theme
from dashboard.auth.roles import ROLES_WHO_PRESENT
from dashboard.kernel.filters import FilterError, parse_filters
from dashboard.kernel.i18n import LANGUAGES, normalise_language, translator
from dashboard.kernel.scope import Scope
from dashboard.kernel.urlstate import REPORT_PATH, ViewState, report_href, to_query
from dashboard.reports.build import build_report
from dashboard.reports.commentary import ReportKey, load_commentary
from dashboard.reports.html import render_html
from dashboard.reports.model import AUDIENCES, Report, ReportError
from dashboard.reports.tools import report_tools
from dashboard.services import Services

log = logging.getLogger(__name__)
PDF_PATH = "/report.pdf"


def forced_request(scope: Scope, clients: tuple[str, ...], audience: str | None):
    """The clients and audience the viewer gets: a viewer without internal figures
    (a client's login, presenting) gets only the client report of its one client;
    None when the link names another client."""
    if scope.internal:
        default = "client" if len(clients) == 1 else "internal"
        return clients, audience or default
    own = tuple(sorted(scope.client_ids or ()))
    if clients and clients != own:
        return None
    return own, "client"


def message_page(text: str, lang: str, status: int) -> Response:
    """A short page with one message and a link to the dashboard."""
    _ = translator(lang)
    html = Markup(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{}</title></head>'
        '<body><main class="crd-report"><h1>{}</h1><p>{}</p>'
        '<p><a href="/">{}</a></p></main></body></html>'
    ).format(_("Client report"), _("Client report"), text, _("Go to the dashboard"))
    return page_response(str(html), status)


def _navigation(clients, period, lang, audience, theme) -> str:
    _ = translator(lang)
    home = "/" + to_query(ViewState(lang=lang, theme=theme))
    links = [Markup('<a href="{}">{}</a>').format(home, _("Go to the dashboard"))]
    for code, name in LANGUAGES.items():
        if code != lang:
            href = report_href(clients, period, code, audience, theme)
            links.append(Markup('<a href="{}">{}</a>').format(href, name))
    pdf = report_href(clients, period, lang, audience).replace(REPORT_PATH, PDF_PATH, 1)
    links.append(Markup('<a href="{}">{}</a>').format(pdf, _("Download PDF")))
    links.append(Markup("<span>{}</span>").format(_("Print this page for a PDF (A4).")))
    return str(
        Markup('<nav class="crd-report-nav">{}</nav>').format(Markup(" · ").join(links))
    )


@dataclass(frozen=True)
class Asked:
    """A report the viewer may see, as the request asks for it."""

    report: Report
    clients: tuple[str, ...]
    period: str
    lang: str
    audience: str

    @property
    def key(self) -> ReportKey | None:
        """The key comments and snapshots are kept under (one client only)."""
        if len(self.clients) != 1:
            return None
        return ReportKey(self.clients[0], self.period, self.audience, self.lang)


def asked_report(services: Services, args) -> Asked | Response:
    """The report the query asks for within the viewer's scope, its comments
    included, or the message page saying why not."""
    lang = normalise_language(args.get("lang"))
    _ = translator(lang)
    scope = services.current_scope()
    asked = tuple(dict.fromkeys(c.strip() for c in args.getlist("client") if c))
    forced = forced_request(scope, asked, args.get("audience") or None)
    if forced is None or forced[1] not in AUDIENCES:
        return message_page(_("There is no page at this address. "), lang, 404)
    clients, audience = forced
    settings = services.settings
    try:
        filters = parse_filters(
            period=args.get("period"),
            as_of=settings.today(),
            fiscal_start_month=settings.fiscal_year_start_month,
        )
    except FilterError:
        return message_page(_("This period cannot be shown."), lang, 400)
    owner = (args.get("owner") or "").strip() or None
    try:
        with services.engine.connect() as conn:
            report = build_report(
                conn,
                settings=settings,
                scope=scope,
                period=filters.period,
                lang=lang,
                audience=audience,
                clients=clients,
                owner=owner if scope.internal else None,
            )
            found = Asked(report, clients, filters.period.label, lang, audience)
            if found.key is not None:
                notes = load_commentary(conn, found.key)
                found = replace(found, report=replace(report, commentary=notes))
    except ReportError:
        return message_page(_("There is no page at this address. "), lang, 404)
    except SQLAlchemyError:
        log.warning("the database is unreachable while building a report")
        return message_page(_("The database cannot be reached."), lang, 503)
    return found


def report_view(services: Services) -> Response:
    """The report for the link's values within the viewer's scope."""
    found = asked_report(services, request.args)
    if isinstance(found, Response):
        return found
    theme = page_theme(request.args.get("theme"), "")
    nav = _navigation(found.clients, found.period, found.lang, found.audience, theme)
    tools = ""
    if may_edit(services, found) and found.key is not None:
        tools = report_tools(
            found.key, found.report.commentary, services.csrf_token() or "", theme
        )
    return page_response(render_html(found.report, before=nav + tools, theme=theme))


def may_edit(services: Services, found: Asked) -> bool:
    """Comments and finalising: admins, managers and account managers (within
    their scope, as the report was built), one client, never while presenting."""
    user = services.current_user()
    return (
        user is not None
        and user.role in ROLES_WHO_PRESENT
        and not user.is_presenting
        and services.current_scope().internal
        and found.key is not None
    )


def register_report_page(server: Flask, services: Services) -> None:
    """Serve `/report` (behind the login guard like every route)."""
    server.add_url_rule(
        REPORT_PATH,
        "report",
        lambda: report_view(services),
        methods=["GET"],
    )
