"""The request boundary: what a request may hold before any view or callback sees
it (no control characters, callback bodies that fit their callback, a size limit).

`install_boundary(app, settings)` runs after every callback is registered and
before the login guard, so a malformed request is refused without a session
lookup and with one log line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dash

    from dashboard.settings import Settings

__all__ = ["install_boundary"]


def install_boundary(app: dash.Dash, settings: Settings) -> None:
    """Check every request first; refuse to start if a callback input has no kind."""
    from dashboard.boundary.inputs import undeclared
    from dashboard.boundary.requests import install_checks

    if missing := undeclared(app.callback_map):
        raise RuntimeError(
            "callback inputs without a kind in dashboard/boundary/inputs.py: "
            + ", ".join(missing)
        )
    install_checks(app.server, app.callback_map, settings.max_request_mb)
