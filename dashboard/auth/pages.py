"""Server-rendered HTML for the login and audit pages (Jinja, autoescaped)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from urllib.parse import parse_qs, urlsplit

from flask import Response, make_response
from jinja2 import Environment, PackageLoader, select_autoescape

from dashboard.kernel.i18n import normalise_language

THEMES = ("light", "dark")


@functools.cache
def environment() -> Environment:
    """The template environment; every value is HTML-escaped."""
    return Environment(
        loader=PackageLoader("dashboard.auth", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )


def render(template: str, **values: object) -> str:
    """One page as HTML."""
    return environment().get_template(template).render(**values)


def _query_value(path: str, name: str) -> str | None:
    values = parse_qs(urlsplit(path).query).get(name)
    return values[-1] if values else None


def page_language(explicit: str | None, next_path: str) -> str:
    """?lang= of the login page, else the language of the page to go back to."""
    return normalise_language(explicit or _query_value(next_path, "lang"))


def page_theme(explicit: str | None, next_path: str) -> str:
    """?theme= of the login page, else the theme of the page to go back to."""
    theme = explicit or _query_value(next_path, "theme")
    return theme if theme in THEMES else "light"


def page_response(html: str, status: int = 200) -> Response:
    """A server-rendered page that no cache keeps."""
    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def query_view(args: Mapping[str, str]) -> tuple[str, str]:
    """The language and theme of a page's ?lang= and ?theme= (defaults else)."""
    return normalise_language(args.get("lang")), page_theme(args.get("theme"), "")


def html_lang(lang: str) -> str:
    """The html lang attribute for a language code."""
    return "zh-Hans" if lang == "zh" else "en"
