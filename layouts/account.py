"""The header's account area: who is logged in, logout, "Present to…", and the
banner of a client-facing page ("Presenting to …" with "Stop presenting", or a
client's own "Your company: …"). Plain forms posting to the server with the
session's CSRF token, so they work without any callback."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import client_href
from layouts.filters import client_options

PRESENT_CLIENT_FIELD = "present-client"
PRESENT_PICKER = "present-picker"
PRESENT_BUTTON = "present-button"
PRESENT_FORM = "present-form"
# The page's path and query, copied into the "Present" form as the page changes,
# so presenting opens on the view prepared (period, tab), not a default one.
PRESENT_VIEW_TYPE = "present-view"
PRESENT_PATH_FIELD = {"type": PRESENT_VIEW_TYPE, "field": "path"}
PRESENT_QUERY_FIELD = {"type": PRESENT_VIEW_TYPE, "field": "query"}
LOGOUT_FORM = "logout-form"
STOP_FORM = "stop-presenting-form"
# The presenting banner's "Start review" (POST /review/start, dashboard.reviews).
START_REVIEW_FORM = "banner-start-review-form"
PRESENTING_BANNER = "presenting-banner"
CLIENT_PAGE_LINK = "client-page-link"
# The banner's "review of 2026-Q3": filled from the page's link (its period).
BANNER_PERIOD_TYPE = "banner-period"
BANNER_PERIOD = {"type": BANNER_PERIOD_TYPE, "index": 0}
# The banner's link to the client's page, redrawn with the link's period.
BANNER_LINK_TYPE = "banner-link"
BANNER_LINK = {"type": BANNER_LINK_TYPE, "index": 0}


@dataclass(frozen=True)
class ClientView:
    """The one client a client-facing page shows: the client presented to, or a
    client viewer's own company (`own`, who has nothing to stop)."""

    external_id: str
    name: str
    own: bool = False


@dataclass(frozen=True)
class HeaderAccount:
    """What the header shows about the viewer, as plain values.

    `present_choices` are (external_id, name) of the clients the "Present to…"
    picker first offers: the chosen one and the first few of the viewer's scope
    by name (None: the role may not present, or the page is client-facing
    already); what is typed into it is searched on the server;
    `showing` is the client of a client-facing page, or None (internal view);
    `may_upload`: the header links to the upload page.
    """

    display_name: str
    csrf_token: str
    present_choices: tuple[tuple[str, str], ...] | None = None
    showing: ClientView | None = None
    selected: str | None = None
    may_upload: bool = False  # admins (managers by a setting), internal view


def _hidden(name: str, value: str) -> dcc.Input:
    return dcc.Input(type="hidden", name=name, value=value)


def view_fields(account: HeaderAccount, lang: str, theme: str) -> list:
    """The token and the page's language and theme (kept by the redirect)."""
    return [
        _hidden("csrf_token", account.csrf_token),
        _hidden("lang", lang),
        _hidden("theme", theme),
    ]


def _button_form(
    fields: list, label: str, *, action: str, form_id: str, className: str
) -> html.Form:
    """A form of hidden fields and one small button posting to `action`."""
    button = html.Button(
        label,
        type="submit",
        className="btn btn-sm btn-outline-secondary text-nowrap",
    )
    return html.Form(
        [*fields, button], method="POST", action=action, id=form_id, className=className
    )


def build_present_form(account: HeaderAccount, lang: str, theme: str) -> html.Form:
    """A searchable client picker and "Present" (POST /presenting/start).

    The picker carries only `present_choices`; typing searches the viewer's
    scope on the server (callbacks.present_picker), which also copies the
    chosen client into the form's `client` field and enables "Present"."""
    _ = translator(lang)
    choices = account.present_choices or ()
    selected = account.selected if account.selected in dict(choices) else None
    return html.Form(
        [
            *view_fields(account, lang, theme),
            # The form's default button, always disabled: Enter in the picker's
            # search field or list does not submit the form (before the chosen
            # client reached the `client` field); only "Present" does.
            html.Button(type="submit", disabled=True, hidden=True),
            dcc.Input(
                type="hidden",
                name="client",
                value=selected or "",
                id=PRESENT_CLIENT_FIELD,
            ),
            dcc.Input(type="hidden", name="view_path", id=PRESENT_PATH_FIELD),
            dcc.Input(type="hidden", name="view_query", id=PRESENT_QUERY_FIELD),
            html.Div(
                dcc.Dropdown(
                    id=PRESENT_PICKER,
                    options=client_options(choices),
                    value=selected,
                    searchable=True,
                    search_order="original",
                    clearable=False,
                    placeholder=_("Present to…"),
                ),
                className="present-select",
                title=_("Choose the client you are presenting to"),
                **{"aria-label": _("Client to present to")},
            ),
            html.Button(
                _("Present"),
                type="submit",
                id=PRESENT_BUTTON,
                disabled=selected is None,
                className="btn btn-sm btn-outline-primary text-nowrap",
            ),
        ],
        method="POST",
        action="/presenting/start",
        id=PRESENT_FORM,
        className="d-flex align-items-center gap-1 present-form",
    )


def build_user_area(account: HeaderAccount, lang: str, theme: str) -> html.Div:
    """The viewer's name and Logout (POST /logout)."""
    _ = translator(lang)
    return html.Div(
        [
            html.Span(
                account.display_name,
                className="small text-body-secondary text-truncate user-name",
                title=_("Logged in as {name}", name=account.display_name),
            ),
            _button_form(
                [_hidden("csrf_token", account.csrf_token)],
                _("Log out"),
                action="/logout",
                form_id=LOGOUT_FORM,
                className="m-0",
            ),
        ],
        className="d-flex align-items-center gap-2 user-area",
    )


def build_account_area(account: HeaderAccount | None, lang: str, theme: str) -> list:
    """Everything of the account in the header (nothing when nobody is logged in)."""
    if account is None:
        return []
    parts = []
    if account.showing is None and account.present_choices:
        parts.append(build_present_form(account, lang, theme))
    parts.append(build_user_area(account, lang, theme))
    return parts


def client_page_link(
    showing: ClientView, lang: str, theme: str, period: str | None = None
) -> html.A:
    """The banner's "Open the page of <client>", in the page's period."""
    _ = translator(lang)
    return html.A(
        _("Open the page of {client}", client=showing.name),
        href=client_href(showing.external_id, lang, theme, period),
        id=CLIENT_PAGE_LINK,
        className="small",
    )


def build_presenting_banner(
    account: HeaderAccount | None, lang: str, theme: str
) -> html.Div | None:
    """The banner of a client-facing page, or None, in words for the client:
    "Prepared for <client> — review of <period>" (the period filled from the
    link, callbacks.page_frame), with "Stop presenting" for the presenter."""
    if account is None or account.showing is None:
        return None
    _ = translator(lang)
    showing = account.showing
    title = _("Prepared for {client}", client=showing.name)
    note = _("Only your company's figures are shown.") if showing.own else None
    return html.Div(
        dbc.Container(
            [
                html.Span(
                    [
                        html.Span(
                            "●", className="presenting-dot", **{"aria-hidden": "true"}
                        ),
                        html.Strong(title),
                        html.Span(id=BANNER_PERIOD, className="banner-period"),
                    ],
                    className="d-inline-flex align-items-center gap-2",
                ),
                note
                and html.Span(
                    note, className="small text-body-secondary d-none d-md-inline"
                ),
                html.Span(client_page_link(showing, lang, theme), id=BANNER_LINK),
                None
                if showing.own
                else _button_form(
                    [
                        *view_fields(account, lang, theme),
                        _hidden("client", showing.external_id),
                    ],
                    _("Start review"),
                    action="/review/start",
                    form_id=START_REVIEW_FORM,
                    className="ms-auto m-0",
                ),
                None
                if showing.own
                else _button_form(
                    view_fields(account, lang, theme),
                    _("Stop presenting"),
                    action="/presenting/stop",
                    form_id=STOP_FORM,
                    className="m-0",
                ),
            ],
            fluid=True,
            className="d-flex align-items-center gap-3 flex-wrap py-1",
        ),
        id=PRESENTING_BANNER,
        className="presenting-banner border-bottom",
        role="status",
    )
