"""Agreed targets on a tab's trend charts: the one that applies to the view in
the chosen period, drawn as a labelled line."""

from __future__ import annotations

import plotly.graph_objects as go

from callbacks.resolved_view import ResolvedView
from dashboard.figures.card_values import format_value
from dashboard.figures.targets import with_target_line
from dashboard.kpis.targets import view_targets
from dashboard.services import Services


def target_liner(services: Services, view: ResolvedView, conn):
    """`line(figure, key, label)`: the figure with the target of `key` drawn,
    when the view has one for the chosen period; `label` names the KPI on a
    chart that draws more than one ("Retention rate 90.0%"); `axis`: the y axis
    the KPI is drawn on."""
    targets = view_targets(conn, filters=view.filters, scope=services.current_scope())
    currency = services.settings.currency

    def line(
        figure: go.Figure, key: str, label: str | None = None, axis: str = "y"
    ) -> go.Figure:
        target = targets.get(key)
        if target is None:
            return figure
        shown = format_value(key, target, view.lang, currency)
        if label:
            shown = f"{label} {shown}"
        return with_target_line(figure, target, shown, view.lang, axis)

    return line
