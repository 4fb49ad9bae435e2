"""Headline KPI cards: value, change with arrow, sparkline, info popover."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import html

from dashboard.figures.card_values import CardModel
from dashboard.figures.sparkline import sparkline_src
from dashboard.kernel.i18n import translator
from layouts import ids

VERDICT_CLASSES = {"good": "kpi-good", "bad": "kpi-bad"}
# Met or missed is said in words and a mark, not by colour alone.
TARGET_MARKS = {"met": "✓", "missed": "✗", "unknown": "?"}


def build_target(card: CardModel, lang: str) -> html.Div:
    """`✓ target 85% · met` under a card's figure."""
    _ = translator(lang)
    status = card.target_status or "unknown"
    words = {"met": _("met"), "missed": _("missed")}.get(status, _("no value yet"))
    return html.Div(
        [
            html.Span(
                TARGET_MARKS[status], className="me-1", **{"aria-hidden": "true"}
            ),
            html.Span(f"{card.target_text} · {words}"),
        ],
        className=f"kpi-target small kpi-target-{status}",
        title=f"{card.target_text}: {words}",
    )


def build_kpi_card(card: CardModel, lang: str, theme: str) -> dbc.Card:
    """One card; its element id is `kpi-<key>`, its figure in `.kpi-value`."""
    _ = translator(lang)
    info_id = f"kpi-info-{card.key}"
    change = html.Div(
        [
            html.Span(
                card.arrow, className="kpi-arrow me-1", **{"aria-hidden": "true"}
            ),
            html.Span(card.change_text),
        ]
        if card.change_text
        else _("no comparison"),
        className=f"kpi-change small {VERDICT_CLASSES.get(card.verdict or '', '')}",
        title=card.change_label or "",
        **{"aria-label": card.change_label or _("no comparison")},
    )
    body = [
        html.Div(
            [
                html.Span(card.title, className="kpi-title"),
                html.Button(
                    "i",
                    id=info_id,
                    className="kpi-info-button",
                    title=_("What is this?"),
                    **{"aria-label": _("What is this?")},
                ),
            ],
            className="d-flex align-items-start justify-content-between",
        ),
        html.Div(
            [
                html.Div(card.value, className="kpi-value"),
                html.Span(card.sample_note, className="kpi-sample"),
            ],
            className="d-flex align-items-baseline gap-2",
        )
        if card.sample_note
        else html.Div(card.value, className="kpi-value"),
    ]
    if card.period_note:
        body.append(html.Div(card.period_note, className="kpi-to-date small"))
    if card.undefined_reason:
        body.append(html.Div(card.undefined_reason, className="kpi-reason small"))
    elif card.compared:
        body.append(change)
    if card.note:
        body.append(html.Div(card.note, className="kpi-note small"))
    if card.target_text:
        body.append(build_target(card, lang))
    if card.warning:
        body.append(
            html.Span(card.warning, className="badge text-bg-warning kpi-warning")
        )
    if any(v is not None for v in card.spark_values):
        body.append(
            html.Img(
                src=sparkline_src(card.spark_values, theme),
                alt=card.spark_label,
                title=card.spark_label,
                className="kpi-sparkline",
            )
        )
    popover = dbc.Popover(
        [
            dbc.PopoverHeader(card.title),
            dbc.PopoverBody(
                [html.P(card.definition, className="mb-1")]
                + [html.P(line, className="mb-1 small") for line in card.details]
            ),
        ],
        target=info_id,
        trigger="legacy",
        placement="bottom",
    )
    return dbc.Card(
        dbc.CardBody([*body, popover], className="p-2"),
        id=ids.kpi_card(card.key),
        className="kpi-card h-100",
    )


def build_kpi_grid(cards: list[CardModel], lang: str, theme: str) -> list:
    """The cards in a responsive grid (5 per row on wide screens)."""
    return [
        html.Div(build_kpi_card(card, lang, theme), className="kpi-cell")
        for card in cards
    ]
