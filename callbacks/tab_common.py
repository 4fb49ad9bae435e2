"""What the drill-down tabs share: who the filters select, in words (for titles
and empty states), the trailing periods of the trend charts, and those trends."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection

from callbacks.view import ResolvedView
from dashboard.formatting import format_count, format_period
from dashboard.i18n import join_list, translator
from dashboard.kpis import kpi_trend
from dashboard.periods import Period
from dashboard.services import Services
from layouts.filters import segment_label

TREND_PERIODS = 8
NAMED_CLIENTS = 3


def selection_text(view: ResolvedView) -> str:
    """The filters' clients in words: names, segment, region, owner, or all."""
    _ = translator(view.lang)
    state = view.state
    parts = []
    if state.clients:
        names = [view.choices.client_name(c) for c in state.clients[:NAMED_CLIENTS]]
        more = len(state.clients) - NAMED_CLIENTS
        if more > 0:
            names.append(_("{count} more", count=format_count(more, view.lang)))
        parts.append(join_list(names, view.lang))
    if state.segment:
        parts.append(segment_label(state.segment, view.lang))
    if state.region:
        parts.append(_("region {region}", region=state.region))
    if state.owner:
        parts.append(_("owner {owner}", owner=state.owner))
    return " · ".join(parts) if parts else _("all clients")


def selection_names(view: ResolvedView) -> dict[str, str]:
    """`clients` and `period` for messages like "No meetings for {clients} in
    {period}"."""
    return {
        "clients": selection_text(view),
        "period": format_period(view.filters.period.label, view.lang),
    }


SORT_SUFFIX = "__sort"
ORDER_KEY = "row__order"


def sortable_rows(rows: list[dict]) -> list[dict]:
    """Rows for a table sorted by `sorted_rows`, each keeping its first position
    (formatted cells carry their raw value in `<column>__sort`)."""
    return [row | {ORDER_KEY: index} for index, row in enumerate(rows)]


def sorted_rows(sort_by: list[dict] | None, rows: list[dict] | None) -> list[dict]:
    """A table's rows in the order of its `sort_by`: formatted cells ("Dec 25,
    2023", "1,071") sort by their raw `<column>__sort` value; none: first order."""
    ordered = sorted(rows or [], key=lambda row: row.get(ORDER_KEY, 0))
    for rule in reversed(sort_by or []):
        column = rule["column_id"]

        def key(row: dict, column: str = column) -> tuple:
            value = row.get(column + SORT_SUFFIX, row.get(column))
            return (value is None, value if value is not None else 0)

        present = [row for row in ordered if key(row)[0] is False]
        missing = [row for row in ordered if key(row)[0] is True]
        present.sort(key=key, reverse=rule.get("direction") == "desc")
        ordered = present + missing
    return ordered


def trailing_periods(period: Period, count: int = TREND_PERIODS) -> list[Period]:
    """The `count` periods of P's kind ending with P, oldest first."""
    return [period.shifted(-steps) for steps in range(count - 1, -1, -1)]


def tab_trend(
    services: Services, view: ResolvedView, conn: Connection, keys: list[str]
) -> pd.DataFrame:
    """kpi_trend of `keys` over the trailing periods ending with the chosen one."""
    return kpi_trend(
        conn,
        settings=services.settings,
        filters=view.filters,
        scope=services.current_scope(),
        keys=keys,
        periods=TREND_PERIODS,
    )
