"""Security headers on every response, with a Content-Security-Policy fit for Dash."""

from __future__ import annotations

import dash
from flask import Response


def content_security_policy(script_hashes: list[str]) -> str:
    """The CSP: scripts only from this server or Dash's hashed inline scripts."""
    directives = {
        "default-src": ["'self'"],
        # Dash's inline scripts (the renderer start-up, clientside callbacks) are
        # allowed by their hashes; no 'unsafe-inline' and no 'unsafe-eval' for
        # scripts: plotly.js and the Dash renderer run without eval (checked in
        # headless Chromium with this policy: no CSP violations in the console).
        "script-src": ["'self'", *script_hashes],
        # Plotly and React set inline style attributes and Plotly adds <style>
        # elements at run time; CSP cannot hash those, so styles need
        # 'unsafe-inline'. Styles cannot run code.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    return "; ".join(
        f"{name} {' '.join(values)}" for name, values in directives.items()
    )


def security_headers(script_hashes: list[str]) -> dict[str, str]:
    """Every header added to every response."""
    return {
        "Content-Security-Policy": content_security_policy(script_hashes),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "X-Frame-Options": "DENY",
    }


def install_security_headers(app: dash.Dash) -> None:
    """Add the headers to every response; call after every callback is registered
    (clientside callbacks add inline scripts whose hashes the CSP must list)."""
    headers = security_headers(app.csp_hashes())

    def add_headers(response: Response) -> Response:
        for name, value in headers.items():
            response.headers[name] = value
        return response

    app.server.after_request(add_headers)
