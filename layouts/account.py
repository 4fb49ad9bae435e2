"""The header's account area: who is logged in, logout, "Present to…", and the
banner shown while presenting ("Stop presenting"). Plain forms posting to the
server with the session's CSRF token, so they work without any callback."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.i18n import translator

PRESENT_CLIENT_FIELD = "present-client"
PRESENT_FORM = "present-form"
LOGOUT_FORM = "logout-form"
STOP_FORM = "stop-presenting-form"
PRESENTING_BANNER = "presenting-banner"


@dataclass(frozen=True)
class HeaderAccount:
    """What the header shows about the viewer, as plain values.

    `present_choices` are (external_id, name) of the clients the viewer may present
    to (None: the role may not present, or the viewer is presenting already);
    `presenting` is (external_id, name) of the client on screen, or None.
    """

    display_name: str
    csrf_token: str
    present_choices: tuple[tuple[str, str], ...] | None = None
    presenting: tuple[str, str] | None = None
    selected: str | None = None


def _hidden(name: str, value: str) -> dcc.Input:
    return dcc.Input(type="hidden", name=name, value=value)


def view_fields(account: HeaderAccount, lang: str, theme: str) -> list:
    """The token and the page's language and theme (kept by the redirect)."""
    return [
        _hidden("csrf_token", account.csrf_token),
        _hidden("lang", lang),
        _hidden("theme", theme),
    ]


def build_present_form(account: HeaderAccount, lang: str, theme: str) -> html.Form:
    """A client picker and "Present" (POST /presenting/start)."""
    _ = translator(lang)
    choices = account.present_choices or ()
    selected = account.selected if account.selected in dict(choices) else None
    options = [
        html.Option(_("Present to…"), value="", selected=selected is None),
        *(
            html.Option(
                f"{name} ({external_id})",
                value=external_id,
                selected=external_id == selected,
            )
            for external_id, name in choices
        ),
    ]
    return html.Form(
        [
            *view_fields(account, lang, theme),
            html.Select(
                options,
                name="client",
                id=PRESENT_CLIENT_FIELD,
                required=True,
                className="form-select form-select-sm present-select",
                title=_("Choose the client you are presenting to"),
                **{"aria-label": _("Client to present to")},
            ),
            html.Button(
                _("Present"),
                type="submit",
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
            html.Form(
                [
                    _hidden("csrf_token", account.csrf_token),
                    html.Button(
                        _("Log out"),
                        type="submit",
                        className="btn btn-sm btn-outline-secondary text-nowrap",
                    ),
                ],
                method="POST",
                action="/logout",
                id=LOGOUT_FORM,
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
    if account.presenting is None and account.present_choices:
        parts.append(build_present_form(account, lang, theme))
    parts.append(build_user_area(account, lang, theme))
    return parts


def build_presenting_banner(
    account: HeaderAccount | None, lang: str, theme: str
) -> html.Div | None:
    """The banner "Presenting to <client>" with "Stop presenting", or None."""
    if account is None or account.presenting is None:
        return None
    _ = translator(lang)
    _external_id, name = account.presenting
    return html.Div(
        dbc.Container(
            [
                html.Span(
                    [
                        html.Span(
                            "●", className="presenting-dot", **{"aria-hidden": "true"}
                        ),
                        html.Strong(_("Presenting to {client}", client=name)),
                    ],
                    className="d-inline-flex align-items-center gap-2",
                ),
                html.Span(
                    _(
                        "Only this client's figures are shown; internal figures"
                        " are hidden."
                    ),
                    className="small text-body-secondary d-none d-md-inline",
                ),
                html.Form(
                    [
                        *view_fields(account, lang, theme),
                        html.Button(
                            _("Stop presenting"),
                            type="submit",
                            className="btn btn-sm btn-outline-secondary text-nowrap",
                        ),
                    ],
                    method="POST",
                    action="/presenting/stop",
                    id=STOP_FORM,
                    className="ms-auto m-0",
                ),
            ],
            fluid=True,
            className="d-flex align-items-center gap-3 flex-wrap py-1",
        ),
        id=PRESENTING_BANNER,
        className="presenting-banner border-bottom",
        role="status",
    )
