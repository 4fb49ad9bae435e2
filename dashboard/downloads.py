"""`/download/<chart-key>.<csv|xlsx>?<the page's query>`: the data behind one chart
or table of the dashboard, within the viewer's scope, audited.

The frame is the chart's own (callbacks.chart_data), for the same resolved
filters as the page; a query the page would answer with a notice (an unknown
client, a bad period) is refused with 400 rather than widened or replaced. A
database failure propagates to the app's 503 handler.
"""

from __future__ import annotations

from flask import Flask, Response, g, request

from callbacks.chart_data import CHARTS, INTERNAL_CHARTS, chart_frame, readable_frame
from callbacks.resolved_view import resolve_view
from dashboard.auth import audit
from dashboard.auth.clock import utc_now
from dashboard.boundary.requests import refused
from dashboard.kernel.filters import Filters
from dashboard.kernel.i18n import translator
from dashboard.services import Services
from data.table_files import FORMATS, table_file
from layouts.charts import DOWNLOAD_PATH

NOTHING = "Nothing to show for these filters."


def filters_text(filters: Filters) -> str:
    """The filters in the audit log's words."""
    return (
        f"period={filters.period.label} clients={','.join(filters.clients) or '*'}"
        f" segment={filters.segment or '*'} region={filters.region or '*'}"
        f" owner={filters.owner or '*'}"
    )


def download_view(services: Services, name: str) -> Response:
    """The chart's data as a file, or 404 (unknown chart) / 400 (bad query)."""
    key, dot, kind = name.rpartition(".")
    if not dot or kind not in FORMATS or key not in CHARTS:
        return refused(404, "there is no such chart or file type")
    scope = services.current_scope()
    if key in INTERNAL_CHARTS and not scope.internal:
        return refused(404, "there is no such chart or file type")
    query = request.query_string.decode("utf-8", "replace")
    with services.engine.connect() as conn:
        view = resolve_view(query, conn=conn, scope=scope, settings=services.settings)
        if view.filters is None or view.notices:
            message, values = (view.notices or ((NOTHING, {}),))[0]
            return refused(400, translator(view.lang)(message, **values))
        frame = chart_frame(key, services, view, conn)
    table = readable_frame(frame, view.lang, internal=scope.internal)
    body = table_file(table, kind, key)
    user = g.get("crd_user")
    with services.engine.begin() as conn:
        audit.record(
            conn,
            "export",
            at=utc_now(),
            username=user.username if user else None,
            address=request.remote_addr,
            detail=f"download chart={key}.{kind} {filters_text(view.filters)}"
            f" rows={len(table)}",
        )
    filename = f"{key}-{view.filters.period.label}.{kind}"
    return Response(
        body,
        mimetype=FORMATS[kind],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def register_downloads(server: Flask, services: Services) -> None:
    """Serve the downloads (behind the login guard like every route)."""
    server.add_url_rule(
        DOWNLOAD_PATH + "<path:name>",
        "download",
        lambda name: download_view(services, name),
        methods=["GET"],
    )
