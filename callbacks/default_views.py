"""What most people open first: the cards and the first tab for all clients,
this period (the link with no query)."""

from __future__ import annotations

from callbacks.headline import update_main
from callbacks.tabs import update_tab
from dashboard.kernel.urlstate import TABS, ViewState, to_query
from dashboard.kpis.health import client_health
from dashboard.quality.checks import run_checks
from dashboard.services import Services


def compute_default_views(services: Services) -> None:
    """Compute the cards and the first tab of the default link, outside any
    request (all clients): into the services' result cache where they have one,
    in the form the registered callbacks keep (`sent`), and in any case into
    what the server holds of the data they read."""
    update_main(services, "", None, sent=True)
    update_tab(services, "", None, sent=True)


def hold_default_inputs(services: Services) -> None:
    """Compute, keeping nothing, what the views read most: the default views and
    the other tabs of the default link, the client health of all clients, whose
    year-long windows cut other months than a period's (every client's cards and
    targets read it), and the data-quality checks of all clients (every internal
    view's badge sums them). A server does this before its first view, so that
    what they read is held (and, before gunicorn forks, shared by its
    workers)."""
    computing = services.without_results()
    compute_default_views(computing)
    for tab in TABS[1:]:  # the other tabs read other windows' day rows
        update_tab(computing, to_query(ViewState(tab=tab)), None)
    settings, scope = services.settings, services.current_scope()
    with services.engine.connect() as conn:
        client_health(conn, settings=settings, filters=None, scope=scope)
        run_checks(conn, settings=settings, filters=None, scope=scope)
