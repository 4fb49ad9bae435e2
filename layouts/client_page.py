"""The client page: frame, profile, health and the headline cards of one client."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import dash_bootstrap_components as dbc
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.kernel.formatting import (
    UNDEFINED,
    format_day,
    format_number,
    format_percent,
    format_period,
    format_ratio,
)
from dashboard.kernel.i18n import join_list, translator
from dashboard.kernel.settings import HEALTH_COMPONENTS
from layouts import ids
from layouts.account import HeaderAccount
from layouts.charts import chart_or_message
from layouts.filters import segment_label
from layouts.report_history import HistoryEntry, report_history
from layouts.shell import build_header, build_page_frame

BAND_COLOURS = {"healthy": "success", "watch": "warning", "at_risk": "danger"}


def page_title(name: str, product: str) -> str:
    """The browser tab's title: `<client name> · <product>`."""
    return f"{name} · {product}"


def build_client_page(
    *,
    name: str,
    external_id: str,
    back_href: str,
    title: str,
    report_href: str,
    lang: str,
    theme: str,
    refresh_seconds: int,
    account: HeaderAccount | None = None,
    history: Sequence[HistoryEntry] = (),
    targets=None,
    review=None,
    periods: Sequence[str] = (),
    period: str | None = None,
    default_period: str | None = None,
) -> list:
    """The page around the live body: header, back link, the client's name, the
    period picker (`periods` offered, `period` of the link; `default_period`
    shown when the link has none), the review panel (changed since the last
    review, Start review), the agreed targets panel (`targets`, editors only;
    outside the body, so the refresh timer never clears a form being filled)
    and the client's finalised reports."""
    _ = translator(lang)
    picker = dcc.Dropdown(
        id=ids.CLIENT_PERIOD_PICKER,
        options=[{"label": format_period(p, lang), "value": p} for p in periods],
        value=period if period in periods else None,
        clearable=False,
        searchable=True,
        placeholder=format_period(default_period, lang)
        if default_period
        else _("This quarter"),
        className="client-period-picker",
    )
    title_row = html.Div(
        [
            html.H1(
                [name, html.Small(external_id, className="client-id ms-2")],
                className="h3 mt-1 mb-0 client-name",
            ),
            html.Div(
                [
                    dbc.Label(_("Period"), className="small mb-0 me-2"),
                    html.Div(picker, className="client-period"),
                ],
                className="d-flex align-items-center ms-auto",
            ),
        ],
        className="d-flex align-items-center flex-wrap gap-2 mb-3",
    )
    return [
        *build_page_frame(refresh_seconds),
        dcc.Location(id=ids.CLIENT_URL, refresh="callback-nav"),
        dcc.Store(id=ids.CLIENT_TITLE, data=title),
        dcc.Store(id=ids.CLIENT_TITLE_APPLIED),
        build_header(lang, theme, account),
        dbc.Container(
            [
                html.A(
                    "← " + _("Back to the dashboard for this client"),
                    id=ids.CLIENT_BACK,
                    href=back_href,
                    className="small client-back",
                ),
                html.A(
                    _("Report"),
                    id=ids.CLIENT_REPORT,
                    href=report_href,
                    className="small ms-3 client-report-link",
                ),
                title_row,
                review,
                html.Div(
                    dbc.Spinner(color="secondary", size="sm"),
                    id=ids.CLIENT_BODY,
                    className="client-body",
                ),
                *([targets] if targets is not None else []),
                report_history(history, lang),
            ],
            fluid=True,
            className="client-page pb-4",
        ),
    ]


def section(title: str, body, *, className: str = "", fill: bool = True) -> dbc.Card:
    """A titled card of the page, as tall as its row; `fill=False` (a card that
    only says there is nothing to show): as tall as its text."""
    height = "h-100" if fill else "client-section-message"
    return dbc.Card(
        dbc.CardBody([html.H2(title, className="h6 mb-2"), body], className="p-2"),
        className=f"client-section {height} {className}".strip(),
    )


def message_section(title: str, message: str, notes: tuple = ()) -> dbc.Card:
    """A section that says, in one line, why it has nothing to show (after its
    `notes`, if any)."""
    text = html.P(message, className="text-body-secondary mb-0")
    return section(title, html.Div([*notes, text]) if notes else text, fill=False)


def graph(
    graph_id: str, figure: go.Figure, height: int, presenting: bool = False
) -> dcc.Graph | html.Div:
    """A chart of the page at a fixed height (its message when it has nothing to
    draw, and a hidden graph keeping the id its clicks are read from);
    `presenting`: larger text for a client's eyes."""
    shown = chart_or_message(graph_id, figure, height, presenting)
    if isinstance(shown, dcc.Graph):
        return shown
    return html.Div([shown, dcc.Graph(id=graph_id, style={"display": "none"})])


def _or_dash(value: object) -> str:
    return UNDEFINED if value is None or value == "" else str(value)


def build_profile(profile: dict, lang: str) -> dbc.Card:
    """Who the client is: segment, industry, region, owner, since when, churn."""
    _ = translator(lang)
    rows = [
        (_("Client ID"), profile["external_id"]),
        (_("Segment"), segment_label(profile["segment"], lang)),
        (_("Industry"), _or_dash(profile.get("industry"))),
        (_("Region"), _or_dash(profile.get("region"))),
        (_("Owner"), _or_dash(profile.get("owner"))),
        (_("Client since"), format_day(profile["onboarded_on"], lang)),
    ]
    if profile.get("churned_on"):
        rows.append((_("Left on"), format_day(profile["churned_on"], lang)))
        rows.append((_("Reason"), _or_dash(profile.get("churn_reason"))))
    items = []
    for label, value in rows:
        items += [
            html.Dt(label, className="col-5 fw-normal text-body-secondary"),
            html.Dd(value, className="col-7 mb-1 text-break"),
        ]
    return section(_("Profile"), html.Dl(items, className="row small mb-0"))


def component_rows(health: dict, lang: str) -> list[tuple[str, str, float | None]]:
    """(component, what it is made of, 0–100 value or None) for the five parts."""
    _ = translator(lang)

    def shown(value: float | None, percent: bool = False) -> str:
        if value is None:
            return _("no data")
        return format_percent(value, lang) if percent else format_number(value, lang)

    return [
        (_("Satisfaction"), _("NPS {value}", value=shown(health["nps"])),
         health["satisfaction"]),
        (_("Engagement"), _("attendance {value}",
                            value=shown(health["attendance_rate"], True)),
         health["engagement"]),
        (_("Delivery"), _("on-time action items {value}",
                          value=shown(health["on_time_rate"], True)),
         health["delivery"]),
        (_("Budget"), _("burn ratio {value}",
                        value=format_ratio(health["burn_ratio"], lang)),
         health["budget"]),
        (_("Revenue"), _("net revenue retention {value}",
                         value=shown(health["nrr"], True)),
         health["revenue"]),
    ]  # fmt: skip


def band_label(band: str | None, lang: str) -> str:
    """Healthy, Watch, At risk or Not scored, translated."""
    _ = translator(lang)
    return {
        "healthy": _("Healthy"),
        "watch": _("Watch"),
        "at_risk": _("At risk"),
    }.get(band or "", _("Not scored"))


def build_health(
    health: dict | None,
    *,
    client: str,
    as_of: dt.date,
    lang: str,
    weights: Mapping[str, float] | None = None,
    show_band: bool = True,
) -> dbc.Card:
    """The health score, its band as text and colour, and each component;
    `weights` by component name when they are not all equal. `show_band=False`
    (a page facing the client): the band, an internal judgement, is left out."""
    _ = translator(lang)
    title = _("Health on {date}", date=format_day(as_of, lang))
    if health is None:
        message = _(
            "{client} is not an active client on {date}, so it has no health score.",
            client=client,
            date=format_day(as_of, lang),
        )
        return message_section(title, message)
    score = health["score"]
    band = health["band"]
    head = html.Div(
        [
            html.Span(
                UNDEFINED if score is None else format_number(score, lang, 0),
                className="client-health-score",
            ),
            html.Span(
                " / 100" if score is not None else "",
                className="small text-body-secondary me-2",
            ),
            show_band
            and html.Span(
                band_label(band, lang),
                className=f"badge text-bg-{BAND_COLOURS.get(band or '', 'secondary')}",
            ),
        ],
        # "drawn": a tab holding the score is not collapsed (callbacks.collapse).
        className="d-flex align-items-baseline mb-1 drawn",
    )
    components = component_rows(health, lang)
    rows = [
        html.Div(
            [
                html.Div(
                    [html.Span(name, className="fw-semibold"), html.Br(),
                     html.Span(made_of, className="client-hint")],
                    className="client-health-name",
                ),
                dbc.Progress(
                    value=0 if value is None else value,
                    max=100,
                    className="client-health-bar",
                ),
                html.Span(
                    UNDEFINED if value is None else format_number(value, lang, 0),
                    className="client-health-value",
                ),
            ],
            className="client-health-row",
        )
        for name, made_of, value in components
    ]  # fmt: skip
    if weights is None:
        note = _("Over the 365 days ending on {date}; equal weights.",
                 date=format_day(as_of, lang))  # fmt: skip
    else:
        rows_by_key = zip(HEALTH_COMPONENTS, components, strict=True)
        each = join_list(
            (
                name
                + " "
                + format_number(weights[key], lang, 1 if weights[key] % 1 else 0)
                for key, (name, _made_of, _value) in rows_by_key
            ),
            lang,
        )
        note = _("Over the 365 days ending on {date}; weights: {weights}.",
                 date=format_day(as_of, lang), weights=each)  # fmt: skip
    return section(
        title,
        html.Div([head, *rows, html.P(note, className="client-hint mb-0 mt-1")]),
        className="client-health",
    )
