"""Who sees what: logins, roles, server-side sessions, lockout, audit, headers.

`install(app, settings, engine)` adds the request guard, the login/logout,
health, presenting and audit views to the Dash app's Flask server;
`install_security_headers(app)` must run last, after every callback exists.
The web parts are imported when installed, so the command line (which uses
only users, passwords and audit) starts without loading Dash.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import dash
    from sqlalchemy import Engine

    from dashboard.auth.context import AuthContext
    from dashboard.kernel.settings import Settings

__all__ = ["install", "install_security_headers"]


def install(
    app: dash.Dash,
    settings: Settings,
    engine: Engine,
    automatic_inputs: frozenset[str] = frozenset(),
) -> AuthContext:
    """Guard every route and add the login machinery's views; a callback request
    whose only triggers are `automatic_inputs` (timers) is not a person's activity."""
    # The web parts load when installed: keeps the command line's start fast.
    from dashboard.auth.admin import register_admin
    from dashboard.auth.context import AuthContext, attach
    from dashboard.auth.guard import install_guard
    from dashboard.auth.presenting import register_presenting
    from dashboard.auth.unavailable import install_outage_handler
    from dashboard.auth.views import register_views

    server = app.server
    if settings.trusted_proxies:
        # Behind N reverse proxies the client's address (for lockout and the
        # audit log) and scheme come from the headers those proxies set; never
        # from headers a client could send itself when no proxy is configured.
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = settings.trusted_proxies
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=hops, x_proto=hops)
    context = AuthContext(
        settings=settings, engine=engine, automatic_inputs=automatic_inputs
    )
    attach(server, context)
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=settings.env == "production",
    )
    install_guard(server)
    install_outage_handler(server)
    register_views(server)
    register_presenting(server)
    register_admin(server)
    return context


def install_security_headers(app: dash.Dash) -> None:
    """Content-Security-Policy and the other headers on every response (last)."""
    # Loaded when installed: keeps the command line's start fast.
    from dashboard.auth.headers import install_security_headers as install_headers

    install_headers(app)
