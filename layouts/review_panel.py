"""The client page's review panel: what changed since the client's last review
(figures then and now, items agreed then and their status, targets met or
missed, new problems), a link to that review's outcome, and "Start review"."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.i18n import translator

START_REVIEW_FORM = "start-review-form"
START_REVIEW_BUTTON = "start-review"
REVIEW_PANEL = "review-panel"


@dataclass(frozen=True)
class StartReview:
    """What the Start review form posts: the client, the token, the view."""

    client: str
    csrf_token: str
    theme: str


def _table(headers: list[str], rows: list[list], table_id: str) -> dbc.Table:
    return dbc.Table(
        [
            html.Thead(html.Tr([html.Th(h) for h in headers])),
            html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
        ],
        size="sm",
        className="mb-2 small",
        id=table_id,
    )


def _since(since: dict, lang: str) -> list:
    _ = translator(lang)
    parts: list = [html.P(since["heading"], className="small text-body-secondary")]
    changed = [[t, then, now] for t, then, now, moved in since["figures"] if moved]
    if changed:
        parts.append(
            _table([_("Figure"), _("Then"), _("Now")], changed, "since-figures")
        )
    else:
        parts.append(
            html.P(
                _("No figure has changed since."), className="small", id="since-figures"
            )
        )
    parts.append(html.H3(_("Action items agreed then"), className="h6"))
    if since["items"]:
        rows = [[title, owner, status] for title, owner, status, _c in since["items"]]
        parts.append(
            _table([_("Action item"), _("Owner"), _("Status now")], rows, "since-items")
        )
    else:
        parts.append(html.P(_("No action items were agreed then."), className="small"))
    if since["targets"]:
        parts.append(html.H3(since["targets_heading"], className="h6"))
        rows = [
            [t, target, value, state]
            for t, target, value, state, _m in since["targets"]
        ]
        parts.append(
            _table([_("Figure"), _("Target"), _("Now"), ""], rows, "since-targets")
        )
    parts.append(html.H3(_("New problems"), className="h6"))
    if since["problems"]:
        parts.append(
            html.Ul([html.Li(p) for p in since["problems"]], className="small")
        )
    else:
        parts.append(html.P(_("No new problems."), className="small"))
    return parts


def build_review_panel(
    *,
    lang: str,
    client_name: str,
    since: dict | None,
    last_review_href: str | None,
    start: StartReview | None,
) -> dbc.Card:
    """The panel; `since` None: the client has had no review on the dashboard."""
    _ = translator(lang)
    body: list = []
    if start is not None:
        body.append(
            html.Form(
                [
                    dcc.Input(type="hidden", name="csrf_token", value=start.csrf_token),
                    dcc.Input(type="hidden", name="client", value=start.client),
                    dcc.Input(type="hidden", name="lang", value=lang),
                    dcc.Input(type="hidden", name="theme", value=start.theme),
                    html.Button(
                        _("Start review"), type="submit", id=START_REVIEW_BUTTON,
                        className="btn btn-sm btn-primary",
                    ),
                ],
                method="POST", action="/review/start", id=START_REVIEW_FORM,
                className="float-end ms-2",
            )
        )  # fmt: skip
    body.append(html.H2(_("Changed since last review"), className="h6 mb-2"))
    if since is None:
        text = _("This is the first review of {client} on the dashboard.",
                 client=client_name)  # fmt: skip
        body.append(html.P(text, className="small text-body-secondary mb-0"))
    else:
        body += _since(since, lang)
    if last_review_href:
        body.append(html.A(_("Open the last review"), href=last_review_href,
                           className="small", id="last-review-link"))  # fmt: skip
    return dbc.Card(
        dbc.CardBody(body, className="p-2"), className="client-section mb-3",
        id=REVIEW_PANEL,
    )  # fmt: skip
