"""The client page's agreed targets: the targets of a period that apply to the
client, and a form to add, change or remove one (shown to editors only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.i18n import translator
from dashboard.kernel.kpi_text import TITLES
from layouts import ids


@dataclass(frozen=True)
class TargetRow:
    """One listed target, as plain text."""

    kpi: str  # the KPI's title
    whom: str  # this client, its segment, all clients
    value: str
    set_by: str
    set_at: str


def scope_labels(lang: str) -> dict[str, str]:
    """Whose target it is, in words."""
    _ = translator(lang)
    return {
        "client": _("This client"),
        "segment": _("Its segment"),
        "portfolio": _("All clients"),
    }


def build_target_rows(rows: Sequence[TargetRow], period: str, lang: str):
    """The targets of the period as a small table, or one line saying none."""
    _ = translator(lang)
    if not rows:
        return html.P(
            _("No targets agreed for {period}.", period=period),
            className="text-body-secondary small mb-2",
        )
    head = html.Thead(
        html.Tr(
            [
                html.Th(_("KPI")),
                html.Th(_("For")),
                html.Th(_("Target")),
                html.Th(_("Set by")),
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(row.kpi),
                    html.Td(row.whom),
                    html.Td(row.value),
                    html.Td(f"{row.set_by}, {row.set_at}"),
                ]
            )
            for row in rows
        ]
    )
    return dbc.Table([head, body], size="sm", className="small mb-2")


def build_targets_panel(
    *,
    kpis: Sequence[str],
    period: str,
    rows: Sequence[TargetRow],
    wider: bool,
    lang: str,
    first_kpi: str | None = None,
) -> dbc.Card:
    """The panel: listed targets, then KPI (`first_kpi` chosen), period, whose
    target (a segment or all clients only for `wider` editors), threshold, Save
    and Remove."""
    _ = translator(lang)
    scopes = scope_labels(lang)
    first = next(iter(kpis), None) if first_kpi is None else first_kpi
    whom = ["client", "segment", "portfolio"] if wider else ["client"]
    form = dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(_("KPI"), html_for=ids.TARGET_KPI),
                    dcc.Dropdown(
                        id=ids.TARGET_KPI,
                        options=[{"label": _(TITLES[k]), "value": k} for k in kpis],
                        value=first,
                        clearable=False,
                    ),
                ],
                md=4,
            ),
            dbc.Col(
                [
                    dbc.Label(_("Period"), html_for=ids.TARGET_PERIOD),
                    dbc.Input(
                        id=ids.TARGET_PERIOD, value=period, type="text", maxLength=20
                    ),
                ],
                md=2,
            ),
            dbc.Col(
                [
                    dbc.Label(_("For"), html_for=ids.TARGET_SCOPE),
                    dbc.Select(
                        id=ids.TARGET_SCOPE,
                        options=[{"label": scopes[w], "value": w} for w in whom],
                        value="client",
                    ),
                ],
                md=2,
            ),
            dbc.Col(
                [
                    dbc.Label(_("Target"), html_for=ids.TARGET_VALUE),
                    dbc.Input(id=ids.TARGET_VALUE, type="text", maxLength=30, value=""),
                ],
                md=2,
            ),
            dbc.Col(
                [
                    dbc.Button(
                        _("Save"), id=ids.TARGET_SAVE, color="primary", size="sm"
                    ),
                    dbc.Button(
                        _("Remove"),
                        id=ids.TARGET_DELETE,
                        color="secondary",
                        outline=True,
                        size="sm",
                        className="ms-2",
                    ),
                ],
                md=2,
                className="d-flex align-items-end",
            ),
        ],
        className="g-2 targets-form",
    )
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(_("Agreed targets"), className="h6 mb-2"),
                html.Div(build_target_rows(rows, period, lang), id=ids.TARGETS_LIST),
                form,
                html.Div(id=ids.TARGET_HINT, className="form-text small mt-1"),
                html.Div(id=ids.TARGET_MESSAGE, className="mt-2"),
                dcc.Store(id=ids.TARGET_VERSION),
            ],
            className="p-2",
        ),
        id=ids.TARGETS_PANEL,
        className="client-section mb-3",
    )
