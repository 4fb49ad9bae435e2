"""CSRF tokens: signed with the secret key and bound to a session or a login nonce."""

from __future__ import annotations

import hmac
import secrets

from flask import Response, current_app, g, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

FORM_FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
LOGIN_COOKIE = "crd_login_csrf"
MAX_AGE_SECONDS = 12 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="crd-csrf")


def token_for(binding: str) -> str:
    """A token that is valid only together with `binding`."""
    return _serializer().dumps(binding)


def is_valid(token: str | None, binding: str | None) -> bool:
    """True when the token was signed by us for this binding and is not too old."""
    if not token or not binding:
        return False
    try:
        signed = _serializer().loads(token, max_age=MAX_AGE_SECONDS)
    except BadSignature:
        return False
    return isinstance(signed, str) and hmac.compare_digest(signed, binding)


def submitted_token() -> str | None:
    """The token of a POST: the form field, else the X-CSRF-Token header."""
    return request.form.get(FORM_FIELD) or request.headers.get(HEADER)


def login_nonce() -> str:
    """The pre-login nonce of this browser (from its cookie, or a new one)."""
    return request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)


def set_login_nonce(response: Response, nonce: str, *, secure: bool) -> None:
    """Keep the pre-login nonce in an HttpOnly cookie for the login form."""
    response.set_cookie(
        LOGIN_COOKIE,
        nonce,
        max_age=MAX_AGE_SECONDS,
        httponly=True,
        samesite="Strict",
        secure=secure,
        path="/login",
    )


def csrf_token() -> str | None:
    """The token forms and fetch calls of the logged-in page must send, or None.

    Bound to the server-side session of the current request (set by the guard).
    """
    active = g.get("crd_session")
    return token_for(active.token_hash) if active is not None else None


def session_post_is_valid() -> bool:
    """True when a POST carries the token of the current session."""
    active = g.get("crd_session")
    binding = active.token_hash if active is not None else None
    return is_valid(submitted_token(), binding)
