"""Refusing bad requests before any view or callback runs: one log line, a clear
message, 400 (or 404, 413), never a traceback.

- the address (path, query names and values) and form fields may hold no
  control character: PostgreSQL cannot store NUL, and none belongs in an id;
- a callback request must fit its callback (dashboard.boundary.payload);
- a body larger than MAX_REQUEST_MB is refused with 413;
- an unknown script file under /_dash-component-suites/ is a 404.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from dash.exceptions import DependencyException
from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from dashboard.boundary.payload import Malformed, check_body, parse_body
from data.controls import control_problem, printable

log = logging.getLogger("dashboard.boundary")
UPDATE_PATH = "/_dash-update-component"
SCRIPT_PREFIX = "/_dash-"
MEGABYTE = 1024 * 1024


def refused(status: int, message: str) -> Response:
    """The answer to a refused request (JSON for the page's scripts), logged once."""
    log.warning(
        "refused %s %s with %d: %s",
        request.method,
        printable(request.path),
        status,
        message,
    )
    if request.path.startswith(SCRIPT_PREFIX):
        response = jsonify(error=message)
    else:
        response = Response(f"Bad request: {message}.\n", mimetype="text/plain")
    response.status_code = status
    return response


def _pairs_problem(
    where: str, pairs: Iterable[tuple[str, str]], *, in_text: bool
) -> str | None:
    for name, value in pairs:
        if problem := control_problem(name):
            return f"a {where} name {problem}"
        if problem := control_problem(value, in_text=in_text):
            return f"the {where} “{printable(name, 40)}” {problem}"
    return None


def request_problem() -> str | None:
    """What is wrong with the request's address or form fields, or None."""
    if problem := control_problem(request.path):
        return f"the address {problem}"
    return _pairs_problem(
        "link parameter", request.args.items(multi=True), in_text=False
    ) or _pairs_problem("form field", request.form.items(multi=True), in_text=True)


def callback_problem(callback_map: dict) -> str | None:
    """What is wrong with a POST to /_dash-update-component, or None."""
    if not request.is_json:
        return "a callback request must be JSON (Content-Type: application/json)"
    try:
        check_body(parse_body(request.get_data(cache=True)), callback_map)
    except Malformed as exc:
        return f"malformed callback request: {exc}"
    return None


def check_request() -> Response | None:
    """before_request (before the login guard): refuse bad addresses and forms."""
    problem = request_problem()
    return refused(400, problem) if problem else None


def check_callback_hook(callback_map: dict) -> Callable[[], Response | None]:
    """before_request (after the login guard, so that only a logged-in caller's
    body is read): refuse callback bodies that do not fit their callback."""

    def check_callback() -> Response | None:
        if (request.method, request.path) != ("POST", UPDATE_PATH):
            return None
        problem = callback_problem(callback_map)
        return refused(400, problem) if problem else None

    return check_callback


def install_checks(server: Flask, max_request_mb: int) -> None:
    """The size limit, the address and form check, and the refusals' answers."""
    server.config["MAX_CONTENT_LENGTH"] = max_request_mb * MEGABYTE

    def too_large(_error: RequestEntityTooLarge) -> Response:
        return refused(
            413,
            f"the request is larger than {max_request_mb} MB,"
            " the most this server accepts",
        )

    def unknown_file(_error: DependencyException) -> Response:
        return refused(404, "there is no such file")

    server.register_error_handler(RequestEntityTooLarge, too_large)
    server.register_error_handler(DependencyException, unknown_file)
    server.before_request(check_request)
