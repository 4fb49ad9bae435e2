"""The request boundary: what a request may hold before any view or callback sees
it (no control characters, callback bodies that fit their callback, a size limit).

`install_boundary(app, settings)` runs before the login guard is installed, so a
bad address or form is refused before any session lookup (the login form too);
`install_callback_checks(app)` runs after it and after every callback is
registered, so only a logged-in caller's callback body is read and checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dash

from dashboard.boundary.inputs import undeclared
from dashboard.boundary.requests import check_callback_hook, install_checks
from dashboard.kernel.settings import Settings

__all__ = ["install_boundary", "install_callback_checks"]


def install_boundary(app: dash.Dash, settings: Settings) -> None:
    """Refuse bad addresses, forms and over-size bodies (before the guard)."""
    install_checks(app.server, settings.max_request_mb)


def install_callback_checks(app: dash.Dash) -> None:
    """Check every callback body (after the guard); refuse to start if a callback
    input has no declared kind."""
    if missing := undeclared(app.callback_map):
        raise RuntimeError(
            "callback inputs without a kind in dashboard/boundary/inputs.py: "
            + ", ".join(missing)
        )
    app.server.before_request(check_callback_hook(app.callback_map))
