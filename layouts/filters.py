"""The filter bar: clients, period, segment, region, owner; chips and reset."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.kernel.filters import SEGMENTS, FilterChoices
from dashboard.kernel.formatting import format_period
from dashboard.kernel.i18n import translator
from dashboard.kernel.urlstate import ViewState
from layouts import ids

CHIP_CLASS = "badge rounded-pill text-bg-secondary filter-chip"
# The client picker offers the chosen clients and at most this many others: the
# first by name, or those matching the typed text (searched on the server).
CLIENT_OPTIONS_MAX = 50
# The longest text the client picker searches for (longer is refused).
CLIENT_SEARCH_MAX_CHARS = 100
SEGMENT_LABELS = {"enterprise": "Enterprise", "mid_market": "Mid-market", "smb": "SMB"}


def segment_label(segment: str, lang: str) -> str:
    """A segment as users say it, translated."""
    return translator(lang)(SEGMENT_LABELS.get(segment, segment))


def client_options(*groups) -> list[dict]:
    """The client picker's options for lists of (external_id, name): each client
    once, by name."""
    clients = dict(pair for group in groups for pair in group)
    ordered = sorted(clients.items(), key=lambda pair: (pair[1], pair[0]))
    return [
        {"label": f"{name} ({external_id})", "value": external_id}
        for external_id, name in ordered
    ]


def _labelled(label: str, control, width: dict, hidden: bool = False) -> dbc.Col:
    return dbc.Col(
        [dbc.Label(label, className="small mb-1"), control],
        className="d-none" if hidden else None,
        **width,
    )


def _optional_picker(
    label: str,
    picker_id: str,
    options: list[tuple[str, str]],
    value: str | None,
    locked: bool,
    lang: str,
) -> dbc.Col:
    """A single-choice picker that may be left at "All" (segment, region, owner);
    a value it does not offer is not shown as chosen."""
    _ = translator(lang)
    offered = {key for key, _text in options}
    return _labelled(
        label,
        dcc.Dropdown(
            id=picker_id,
            options=[{"label": text, "value": key} for key, text in options],
            value=value if value in offered else None,
            placeholder=_("All"),
            disabled=locked,
        ),
        {"lg": 2, "md": 3, "xs": 6},
        locked,
    )


def build_filter_bar(
    state: ViewState, choices: FilterChoices, lang: str, *, locked: bool = False
) -> html.Div:
    """Every filter, with the values of the URL state. `locked` (presenting): the
    client stays as it is, segment, region, owner and Reset are hidden.

    The client picker carries only the chosen clients and the first few by name;
    what is typed into it is searched on the server (callbacks.client_picker), so
    the page never holds the whole client list."""
    _ = translator(lang)
    chosen = [pair for pair in choices.clients if pair[0] in state.clients]
    known = {external_id for external_id, _name in chosen}
    row = dbc.Row(
        [
            _labelled(
                _("Clients"),
                dcc.Dropdown(
                    id=ids.CLIENT_PICKER,
                    options=client_options(
                        chosen, choices.clients[:CLIENT_OPTIONS_MAX]
                    ),
                    value=[c for c in state.clients if c in known],
                    multi=True,
                    searchable=True,
                    search_order="original",
                    placeholder=_("All clients"),
                    disabled=locked,
                    clearable=not locked,
                ),
                {"lg": 4, "md": 12},
            ),
            _labelled(
                _("Period"),
                dcc.Dropdown(
                    id=ids.PERIOD_PICKER,
                    options=[
                        {"label": format_period(p, lang), "value": p}
                        for p in choices.periods
                    ],
                    value=state.period if state.period in choices.periods else None,
                    clearable=False,
                    searchable=True,
                    placeholder=_("This quarter"),
                ),
                {"lg": 2, "md": 3, "xs": 6},
            ),
            _optional_picker(
                _("Segment"),
                ids.SEGMENT_PICKER,
                [(s, segment_label(s, lang)) for s in SEGMENTS],
                state.segment,
                locked,
                lang,
            ),
            _optional_picker(
                _("Region"),
                ids.REGION_PICKER,
                [(r, r) for r in choices.regions],
                state.region,
                locked,
                lang,
            ),
            _optional_picker(
                _("Owner"),
                ids.OWNER_PICKER,
                [(o, o) for o in choices.owners],
                state.owner,
                locked,
                lang,
            ),
        ],
        className="g-2 align-items-end",
    )
    return html.Div(
        [
            row,
            html.Div(
                [
                    html.Div(id=ids.CHIPS, className="d-flex flex-wrap gap-2"),
                    dbc.Button(
                        _("Reset"),
                        id=ids.RESET,
                        color="link",
                        size="sm",
                        className="d-none" if locked else "ms-auto",
                    ),
                ],
                className="d-flex align-items-center mt-2",
            ),
        ],
        className="filter-bar mb-2",
    )


def build_chips(
    chips: list[tuple[str, str, str]], lang: str, *, removable: bool = True
) -> list:
    """Chips for the active filters: (kind, value, label); removable unless the
    filters are locked (presenting)."""
    _ = translator(lang)
    if not removable:
        return [
            html.Span(
                label, className="badge rounded-pill text-bg-secondary filter-chip"
            )
            for _kind, _value, label in chips
        ]
    return [
        html.Span(
            [
                label,
                html.Button(
                    "×",
                    id=ids.chip(kind, value),
                    className="btn-close-chip",
                    title=_("Remove this filter"),
                    **{"aria-label": _("Remove this filter")},
                ),
            ],
            className=CHIP_CLASS,
        )
        for kind, value, label in chips
    ]
