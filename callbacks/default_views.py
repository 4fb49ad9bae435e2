"""What most people open first: the cards and the first tab for all clients,
this period (the link with no query)."""

from __future__ import annotations

from callbacks.headline import update_main
from callbacks.tabs import update_tab
from dashboard.services import Services


def compute_default_views(services: Services) -> None:
    """Compute the cards and the first tab of the default link, outside any
    request (all clients): into the services' result cache where they have one,
    and in any case into what the server holds of the data they read."""
    update_main(services, "", None)
    update_tab(services, "", None)
